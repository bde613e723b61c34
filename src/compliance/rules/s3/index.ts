/** Rules for S3 buckets, in ID order. */
import type { Rule } from '../../rule';
import { s3Encryption } from './encryption';
import { s3KmsEncryption } from './kms-encryption';
import { s3Versioning } from './versioning';
import { s3MfaDelete } from './mfa-delete';
import { s3AccessLogging } from './access-logging';
import { s3PublicAccessBlock } from './public-access-block';
import { s3BlockPublicAcls } from './block-public-acls';
import { s3BlockPublicPolicy } from './block-public-policy';
import { s3IgnorePublicAcls } from './ignore-public-acls';
import { s3RestrictPublicBuckets } from './restrict-public-buckets';
import { s3NoPublicAcl } from './no-public-acl';
import { s3AclsDisabled } from './acls-disabled';
import { s3NoPublicPolicy } from './no-public-policy';
import { s3DenyInsecureTransport } from './deny-insecure-transport';
import { s3DenyOldTls } from './deny-old-tls';
import { s3Lifecycle } from './lifecycle';
import { s3AbortMultipart } from './abort-multipart';
import { s3NoWebsite } from './no-website';
import { s3NoOpenCors } from './no-open-cors';
import { s3LogTargetNotLocked } from './log-target-not-locked';
import { s3AuditLogsLocked } from './audit-logs-locked';
import { s3LockedDeliveryDocumented } from './locked-delivery-documented';

export const S3_RULES: readonly Rule[] = [
  s3Encryption,
  s3KmsEncryption,
  s3Versioning,
  s3MfaDelete,
  s3AccessLogging,
  s3PublicAccessBlock,
  s3BlockPublicAcls,
  s3BlockPublicPolicy,
  s3IgnorePublicAcls,
  s3RestrictPublicBuckets,
  s3NoPublicAcl,
  s3AclsDisabled,
  s3NoPublicPolicy,
  s3DenyInsecureTransport,
  s3DenyOldTls,
  s3Lifecycle,
  s3AbortMultipart,
  s3NoWebsite,
  s3NoOpenCors,
  s3LogTargetNotLocked,
  s3AuditLogsLocked,
  s3LockedDeliveryDocumented,
];
