import { Construct } from 'constructs';
import { S3BucketReplicationConfigurationA } from '@cdktn/provider-aws/lib/s3-bucket-replication-configuration';
import type { BucketComponent, Naming } from '../../naming/naming';
import type { AwsEnvironment } from '../core/aws-environment';
import type { KmsKey } from '../security/kms-key';
import { serviceRole } from '../security/service-role';
import { SecureBucket } from './secure-bucket';

export interface LockedLogArchiveProps {
  readonly aws: AwsEnvironment;
  readonly naming: Naming;
  /** Bucket name components: where the service delivers, and where every version ends. */
  readonly components: { readonly landing: BucketComponent; readonly archive: BucketComponent };
  /** SSE-KMS key of both buckets (the replica is re-encrypted with it). */
  readonly encryptionKey: KmsKey;
  readonly accessLogsBucket: SecureBucket;
  /** Days the landing copies are kept (the archive holds the record). */
  readonly landingDays: number;
  /** Days the archive keeps each log; at least `lockDays`. */
  readonly retentionDays: number;
  /** COMPLIANCE-mode default retention of the archive, in days. */
  readonly lockDays: number;
  readonly forceDestroy: boolean;
}

/**
 * Audit logs that end where no one can erase them, by a path AWS documents: the service
 * delivers into a landing bucket without Object Lock (no delivering service has to meet Object
 * Lock's checksum rule), and S3 Replication copies every new version into an archive bucket with
 * a COMPLIANCE-mode default retention. "If you don't have retention controls applied to the
 * objects in your source bucket, and you replicate into destination buckets that have a
 * default retention period set, the destination bucket's default retention period is applied
 * to your object replicas."
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html).
 * Replication with Object Lock needs s3:GetObjectRetention and s3:GetObjectLegalHold on the
 * source (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html).
 * Delete markers are not replicated, so deleting a landing copy never touches the archive.
 */
export class LockedLogArchive extends Construct {
  readonly landing: SecureBucket;
  readonly archive: SecureBucket;
  readonly replication: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: LockedLogArchiveProps) {
    super(scope, id);
    const { aws, naming } = props;
    const common = {
      aws,
      encryptionKey: props.encryptionKey,
      accessLogsBucket: props.accessLogsBucket,
      forceDestroy: props.forceDestroy,
    };
    this.landing = new SecureBucket(this, 'Landing', {
      ...common,
      bucketName: naming.bucketName(props.components.landing, aws.accountId),
      logRetention: { days: props.landingDays },
    });
    this.archive = new SecureBucket(this, 'Archive', {
      ...common,
      bucketName: naming.bucketName(props.components.archive, aws.accountId),
      logRetention: { days: props.retentionDays },
      objectLock: { mode: 'COMPLIANCE', days: props.lockDays },
    });
    const role = serviceRole(this, 'ReplicationRole', {
      name: naming.name(`${props.components.landing}-replication`, 'iamRole'),
      description: `S3 Replication of ${props.components.landing} logs into the object-locked archive`,
      service: 's3.amazonaws.com',
      trustConditions: { StringEquals: { 'aws:SourceAccount': aws.accountId } },
      statements: [
        {
          sid: 'ReadSourceConfiguration',
          effect: 'Allow',
          actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
          resources: [this.landing.arn],
        },
        {
          sid: 'ReadSourceVersions',
          effect: 'Allow',
          actions: [
            's3:GetObjectVersionForReplication',
            's3:GetObjectVersionAcl',
            's3:GetObjectVersionTagging',
            's3:GetObjectRetention',
            's3:GetObjectLegalHold',
          ],
          resources: [`${this.landing.arn}/*`],
        },
        {
          sid: 'WriteReplicas',
          effect: 'Allow',
          actions: ['s3:ReplicateObject', 's3:ReplicateTags'],
          resources: [`${this.archive.arn}/*`],
        },
        {
          sid: 'DecryptSourceEncryptReplica',
          effect: 'Allow',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [props.encryptionKey.arn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${aws.region}.amazonaws.com` } },
        },
      ],
    });
    this.replication = new S3BucketReplicationConfigurationA(this, 'Replication', {
      bucket: this.landing.bucket.id,
      role: role.arn,
      rule: [
        {
          id: 'every-log-into-the-locked-archive',
          status: 'Enabled',
          priority: 1,
          filter: { prefix: '' },
          deleteMarkerReplication: { status: 'Disabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: this.archive.arn,
            storageClass: 'STANDARD',
            encryptionConfiguration: { replicaKmsKeyId: props.encryptionKey.arn },
          },
        },
      ],
      // Replication needs versioning on both buckets first.
      dependsOn: [this.landing.versioning, this.archive.versioning],
    });
  }
}
