import { Construct } from 'constructs';
import { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';
import type { S3BucketLifecycleConfigurationRule } from '@cdktn/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLifecycleConfiguration } from '@cdktn/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktn/provider-aws/lib/s3-bucket-logging';
import { S3BucketMetric } from '@cdktn/provider-aws/lib/s3-bucket-metric';
import { S3BucketObjectLockConfigurationA } from '@cdktn/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktn/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktn/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktn/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktn/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktn/provider-aws/lib/s3-bucket-versioning';
import type { ElbLogDelivery } from '../../aws-facts/regions';
import type { AwsEnvironment } from '../core/aws-environment';
import type { KmsKey } from '../security/kms-key';
import { PolicyDocument } from '../security/policy-document';

/** Log objects move to Glacier after this many days in Standard. */
export const LOG_STANDARD_DAYS = 90;
/** Glacier Flexible Retrieval bills 90 days at least: transition only if objects stay that long. */
const GLACIER_MINIMUM_DAYS = 90;
/** Incomplete multipart uploads are aborted after this many days. */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

/**
 * Object Lock default retention. COMPLIANCE: no one, not even the account root, can delete a
 * locked version or shorten its lock until it ends. GOVERNANCE: anyone with
 * `s3:BypassGovernanceRetention` can (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html).
 */
export interface ObjectLock {
  readonly mode: 'COMPLIANCE' | 'GOVERNANCE';
  readonly days: number;
}

/**
 * The lock of a bucket that holds audit logs: compliance mode, because governance mode can be
 * bypassed by any principal with s3:BypassGovernanceRetention, so its protection would rest on
 * an organisation SCP outside this stack. `days` comes from the profile; none means no lock.
 */
export function auditLogLock(days: number | undefined): { readonly objectLock?: ObjectLock } {
  return days === undefined ? {} : { objectLock: { mode: 'COMPLIANCE', days } };
}

export interface LogRetention {
  /** Days log objects are kept before they expire. */
  readonly days: number;
}

export interface SecureBucketProps {
  readonly aws: AwsEnvironment;
  /** Physical name, already built by `naming`. */
  readonly bucketName: string;
  /**
   * Key for SSE-KMS (with an S3 bucket key).
   * @default SSE-S3, only for buckets AWS forbids KMS on (ALB and S3 server access logs)
   */
  readonly encryptionKey?: KmsKey;
  /**
   * Bucket that receives this bucket's server access logs.
   * @default none: this is the access-log bucket itself
   */
  readonly accessLogsBucket?: SecureBucket;
  /** Delete all objects on destroy. Comes from the profile. */
  readonly forceDestroy: boolean;
  /** Days noncurrent versions are kept. @default 30 */
  readonly noncurrentVersionDays?: number;
  /**
   * Treat the bucket as a log bucket: objects stay in Standard for 90 days, then Glacier,
   * and expire after `days`.
   * @default no expiry of current objects
   */
  readonly logRetention?: LogRetention;
  /**
   * Object Lock default retention. Can only be turned on when the bucket is created. A bucket
   * with it cannot receive S3 server access logs (PAY-S3-020).
   * @default no Object Lock
   */
  readonly objectLock?: ObjectLock;
}

/**
 * The one way this project makes a bucket: versioned, encrypted, private (all four
 * public-access-block flags, ACLs disabled), TLS 1.2+ only, access-logged, with lifecycle.
 * Log-delivery services get access through the `allow...` methods, never by hand-written JSON.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly policyDocument: PolicyDocument;
  /** The bucket policy resource: log-delivering services must wait for it (`dependsOn`). */
  readonly policy: S3BucketPolicy;
  /** Versioning: replication must wait for it. */
  readonly versioning: S3BucketVersioningA;
  private readonly aws: AwsEnvironment;
  private readonly serverAccessLogSources: string[] = [];

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.aws = props.aws;
    const lock = props.objectLock;
    const objectLock = lock !== undefined;
    if (lock && props.logRetention && props.logRetention.days < lock.days) {
      throw new Error(
        `Bucket ${props.bucketName}: log retention (${props.logRetention.days} days) is shorter than its Object Lock (${lock.days} days)`,
      );
    }

    this.bucket = new S3Bucket(this, 'Bucket', {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy,
      ...(objectLock ? { objectLockEnabled: true } : {}),
    });
    const bucketId = this.bucket.id;

    new S3BucketOwnershipControls(this, 'Ownership', {
      bucket: bucketId,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: bucketId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.versioning = new S3BucketVersioningA(this, 'Versioning', {
      bucket: bucketId,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: bucketId,
      rule: [
        props.encryptionKey
          ? {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: 'aws:kms',
                kmsMasterKeyId: props.encryptionKey.arn,
              },
              bucketKeyEnabled: true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: bucketId,
      // A locked version cannot expire before its lock does: say so instead of a rule that
      // would look shorter than it acts.
      rule: lifecycleRules(
        Math.max(props.noncurrentVersionDays ?? 30, lock?.days ?? 0),
        props.logRetention,
      ),
    });
    if (lock) {
      new S3BucketObjectLockConfigurationA(this, 'ObjectLock', {
        bucket: bucketId,
        rule: { defaultRetention: { mode: lock.mode, days: lock.days } },
      });
    }
    if (props.accessLogsBucket) {
      props.accessLogsBucket.allowServerAccessLogsFrom(this);
      new S3BucketLoggingA(this, 'AccessLogging', {
        bucket: bucketId,
        targetBucket: props.accessLogsBucket.bucket.id,
        targetPrefix: `${SERVER_ACCESS_LOG_PREFIX}${props.bucketName}/`,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
        // Log delivery needs the target bucket's policy to grant logging.s3.amazonaws.com
        // s3:PutObject (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html):
        // logging is turned on only once that grant exists, as the ALB, flow-log and WAF
        // logging wait for their bucket's policy. Ordering only: nothing is replaced.
        dependsOn: [props.accessLogsBucket.policy],
      });
    }

    this.policyDocument = new PolicyDocument([
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principal: '*',
        actions: ['s3:*'],
        resources: [this.bucket.arn, `${this.bucket.arn}/*`],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        sid: 'DenyTlsBelow12',
        effect: 'Deny',
        principal: '*',
        actions: ['s3:*'],
        resources: [this.bucket.arn, `${this.bucket.arn}/*`],
        conditions: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
      },
    ]);
    this.policy = new S3BucketPolicy(this, 'Policy', {
      bucket: bucketId,
      policy: this.policyDocument.toJson(),
    });
  }

  /**
   * Turns on S3 request metrics (CloudWatch namespace `AWS/S3`, dimensions `BucketName` and
   * `FilterId`) for the objects under `prefix` (the whole bucket when omitted), and returns
   * the `FilterId` to alarm on. Request metrics are what shows that a log writer still writes
   * (`PutRequests`). Amazon S3 User Guide, "Creating a CloudWatch metrics configuration" and
   * "Metrics and dimensions" (request metrics are best-effort, so an alarm on them should look
   * at an hour, not a minute): https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html
   */
  addRequestMetrics(filterId: string, prefix?: string): string {
    new S3BucketMetric(this, `Metrics-${filterId}`, {
      bucket: this.bucket.id,
      name: filterId,
      ...(prefix ? { filter: { prefix } } : {}),
    });
    return filterId;
  }

  get arn(): string {
    return this.bucket.arn;
  }

  get name(): string {
    return this.bucket.bucket;
  }

  /**
   * Lets S3 server access logging write here for `source` (called by `SecureBucket` itself
   * when `accessLogsBucket` is given). One statement lists every source bucket.
   */
  allowServerAccessLogsFrom(source: SecureBucket): void {
    if (this.serverAccessLogSources.length === 0) {
      this.policyDocument.addStatements({
        sid: 'S3ServerAccessLogsDelivery',
        effect: 'Allow',
        principal: { Service: 'logging.s3.amazonaws.com' },
        actions: ['s3:PutObject'],
        resources: [`${this.bucket.arn}/${SERVER_ACCESS_LOG_PREFIX}*`],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.aws.accountId },
          ArnLike: { 'aws:SourceArn': this.serverAccessLogSources },
        },
      });
    }
    this.serverAccessLogSources.push(source.arn);
  }

  /**
   * Lets the log-delivery service (`delivery.logs.amazonaws.com`) write under `prefix`, as
   * VPC flow logs and WAF logs do. The bucket policy holds these statements itself: if it
   * did not, AWS would add them and the next apply would remove them.
   */
  allowLogDelivery(sidPrefix: string, prefix: string): void {
    const conditions = {
      StringEquals: { 'aws:SourceAccount': this.aws.accountId },
      ArnLike: { 'aws:SourceArn': this.aws.arn('logs', '*') },
    };
    this.policyDocument.addStatements(
      {
        sid: `${sidPrefix}LogDeliveryWrite`,
        effect: 'Allow',
        principal: { Service: 'delivery.logs.amazonaws.com' },
        actions: ['s3:PutObject'],
        resources: [`${this.bucket.arn}/${prefix}AWSLogs/${this.aws.accountId}/*`],
        conditions: {
          StringEquals: {
            ...conditions.StringEquals,
            's3:x-amz-acl': 'bucket-owner-full-control',
          },
          ArnLike: conditions.ArnLike,
        },
      },
      {
        sid: `${sidPrefix}LogDeliveryAclCheck`,
        effect: 'Allow',
        principal: { Service: 'delivery.logs.amazonaws.com' },
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucket.arn],
        conditions,
      },
    );
  }

  /**
   * Lets CloudTrail deliver `trailArn`'s log files, and nothing else's: the statements of the
   * CloudTrail User Guide's "Amazon S3 bucket policy for CloudTrail", with `aws:SourceArn`
   * naming the trail.
   */
  allowCloudTrail(trailArn: string): void {
    this.policyDocument.addStatements(
      {
        sid: 'CloudTrailAclCheck',
        effect: 'Allow',
        principal: { Service: 'cloudtrail.amazonaws.com' },
        actions: ['s3:GetBucketAcl'],
        resources: [this.bucket.arn],
        conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
      },
      {
        sid: 'CloudTrailWrite',
        effect: 'Allow',
        principal: { Service: 'cloudtrail.amazonaws.com' },
        actions: ['s3:PutObject'],
        resources: [`${this.bucket.arn}/AWSLogs/${this.aws.accountId}/*`],
        conditions: {
          StringEquals: {
            's3:x-amz-acl': 'bucket-owner-full-control',
            'aws:SourceArn': trailArn,
          },
        },
      },
    );
  }

  /**
   * Lets AWS Config deliver configuration snapshots and history for this account
   * (https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html): with the
   * service-linked role, Config writes as its service principal, which the bucket must allow.
   */
  allowConfigDelivery(): void {
    const account = { StringEquals: { 'aws:SourceAccount': this.aws.accountId } };
    this.policyDocument.addStatements(
      {
        sid: 'ConfigBucketCheck',
        effect: 'Allow',
        principal: { Service: 'config.amazonaws.com' },
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucket.arn],
        conditions: account,
      },
      {
        sid: 'ConfigDelivery',
        effect: 'Allow',
        principal: { Service: 'config.amazonaws.com' },
        actions: ['s3:PutObject'],
        resources: [`${this.bucket.arn}/AWSLogs/${this.aws.accountId}/Config/*`],
        conditions: {
          StringEquals: {
            ...account.StringEquals,
            's3:x-amz-acl': 'bucket-owner-full-control',
          },
        },
      },
    );
  }

  /**
   * Lets Elastic Load Balancing write ALB access and connection logs under each prefix
   * (`alb/access/`, say), only for this account's load balancers. Regions
   * opened before August 2022 deliver as a regional ELB account (`elbAccountArn`, from the
   * `aws_elb_service_account` data source); all Regions accept the log-delivery principal.
   */
  allowAlbLogDelivery(
    prefixes: readonly string[],
    delivery: ElbLogDelivery,
    elbAccountArn?: string,
  ): void {
    const resources = prefixes.map(
      (prefix) => `${this.bucket.arn}/${prefix}AWSLogs/${this.aws.accountId}/*`,
    );
    // No aws:SourceAccount / aws:SourceArn condition: AWS documents this principal's policy
    // with none (Elastic Load Balancing User Guide, "Enable access logs for your Application
    // Load Balancer"), and nothing shows the service sends either key; a condition it does not
    // send would refuse the ELBAccessLogTestFile and fail the apply. The account-scoped
    // `AWSLogs/<account-id>/` resource is the narrowing instead (gate rule PAY-IAM-009).
    this.policyDocument.addStatements({
      sid: 'AlbLogDeliveryServicePrincipal',
      effect: 'Allow',
      principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
      actions: ['s3:PutObject'],
      resources,
    });
    if (delivery === 'elb-account') {
      if (!elbAccountArn)
        throw new Error('ALB log delivery in this Region needs the ELB account ARN');
      this.policyDocument.addStatements({
        sid: 'AlbLogDeliveryRegionalElbAccount',
        effect: 'Allow',
        principal: { AWS: elbAccountArn },
        actions: ['s3:PutObject'],
        resources,
      });
    }
  }
}

/** Server access logs of every bucket land under `s3/<bucket name>/` in the access-log bucket. */
export const SERVER_ACCESS_LOG_PREFIX = 's3/';

function lifecycleRules(
  noncurrentVersionDays: number,
  logRetention: LogRetention | undefined,
): S3BucketLifecycleConfigurationRule[] {
  const everything = [{ prefix: '' }];
  const rules: S3BucketLifecycleConfigurationRule[] = [
    {
      id: 'abort-incomplete-multipart-uploads',
      status: 'Enabled',
      filter: everything,
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
    },
    {
      id: 'expire-noncurrent-versions',
      status: 'Enabled',
      filter: everything,
      noncurrentVersionExpiration: [{ noncurrentDays: noncurrentVersionDays }],
    },
  ];
  if (logRetention) {
    const transition = logRetention.days >= LOG_STANDARD_DAYS + GLACIER_MINIMUM_DAYS;
    rules.push({
      id: 'log-retention',
      status: 'Enabled',
      filter: everything,
      ...(transition ? { transition: [{ days: LOG_STANDARD_DAYS, storageClass: 'GLACIER' }] } : {}),
      expiration: [{ days: logRetention.days }],
    });
  }
  return rules;
}
