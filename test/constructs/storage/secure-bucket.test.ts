import { describe, expect, it } from 'vitest';
import type { Block, Synthesized, TerraformJson } from '../../helpers/synth';
import {
  defaultStack,
  blocksOf,
  policyOf,
  refOf,
  resourceAt,
  resourcesOf,
  synthesize,
} from '../../helpers/synth';

const dev = defaultStack('dev');
const staging = defaultStack('staging');
const prod = defaultStack('prod');

const BUCKETS = ['AccessLogs', 'AlbLogs', 'FlowLogs', 'Assets'] as const;

function bucketRef(s: Synthesized, name: string): string {
  return `\${${refOf(s.json, 'aws_s3_bucket', resourceAt(s.json, 'aws_s3_bucket', `${name}/Bucket`))}.id}`;
}

function attachedTo(json: TerraformJson, type: string, ref: string): Block[] {
  return blocksOf(json, type).filter((b) => b.bucket === ref);
}

describe.each(BUCKETS)('bucket %s', (name) => {
  const ref = bucketRef(dev, name);
  const only = (type: string) => {
    const blocks = attachedTo(dev.json, type, ref);
    expect(blocks, type).toHaveLength(1);
    return blocks[0]!;
  };

  it('is versioned', () => {
    expect(only('aws_s3_bucket_versioning').versioning_configuration).toEqual({
      status: 'Enabled',
    });
  });

  it('blocks every kind of public access and disables ACLs', () => {
    expect(only('aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only('aws_s3_bucket_ownership_controls').rule).toEqual({
      object_ownership: 'BucketOwnerEnforced',
    });
  });

  it('denies requests without TLS and with TLS below 1.2', () => {
    const statements = policyOf(only('aws_s3_bucket_policy')).Statement;
    const deny = (key: string) =>
      statements.find(
        (s) => s.Effect === 'Deny' && JSON.stringify(s.Condition ?? {}).includes(key),
      );
    expect(deny('aws:SecureTransport')?.Condition).toEqual({
      Bool: { 'aws:SecureTransport': 'false' },
    });
    expect(deny('s3:TlsVersion')?.Condition).toEqual({
      NumericLessThan: { 's3:TlsVersion': '1.2' },
    });
    // No statement allows everyone.
    expect(statements.filter((s) => s.Effect === 'Allow' && s.Principal === '*')).toEqual([]);
  });

  it('aborts incomplete uploads after 7 days and expires noncurrent versions', () => {
    const rules = only('aws_s3_bucket_lifecycle_configuration').rule as Block[];
    expect(rules.find((r) => r.id === 'abort-incomplete-multipart-uploads')).toMatchObject({
      status: 'Enabled',
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
    expect(rules.find((r) => r.id === 'expire-noncurrent-versions')).toMatchObject({
      status: 'Enabled',
    });
  });
});

describe('encryption', () => {
  const sse = (s: Synthesized, name: string) =>
    (
      attachedTo(
        s.json,
        'aws_s3_bucket_server_side_encryption_configuration',
        bucketRef(s, name),
      )[0]!.rule as Block[]
    )[0]!;

  it('uses the storage and logs CMKs with a bucket key for assets and flow logs', () => {
    const keyRef = (alias: string) =>
      `\${${refOf(dev.json, 'aws_kms_key', resourceAt(dev.json, 'aws_kms_key', `${alias}/Key`))}.arn}`;
    expect(sse(dev, 'Assets')).toEqual({
      apply_server_side_encryption_by_default: {
        sse_algorithm: 'aws:kms',
        kms_master_key_id: keyRef('StorageKey'),
      },
      bucket_key_enabled: true,
    });
    expect(sse(dev, 'FlowLogs')).toMatchObject({
      apply_server_side_encryption_by_default: { kms_master_key_id: keyRef('LogsKey') },
    });
  });

  it('uses SSE-S3 on the access-log and ALB log buckets, the only encryption their delivery accepts', () => {
    for (const name of ['AccessLogs', 'AlbLogs']) {
      expect(sse(dev, name)).toEqual({
        apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' },
      });
    }
  });
});

describe('server access logging', () => {
  it('sends the access logs of every other bucket to the access-log bucket, which does not log itself', () => {
    const target = bucketRef(dev, 'AccessLogs');
    const logging = blocksOf(dev.json, 'aws_s3_bucket_logging');
    expect(logging.map((l) => l.bucket).sort()).toEqual(
      ['Assets', 'FlowLogs', 'WafLogs', 'AlbLogs'].map((name) => bucketRef(dev, name)).sort(),
    );
    for (const l of logging) expect(l.target_bucket).toBe(target);
  });

  it("waits for the access-log bucket's policy (which lets S3 deliver) before turning logging on", () => {
    const policy = refOf(
      dev.json,
      'aws_s3_bucket_policy',
      resourceAt(dev.json, 'aws_s3_bucket_policy', 'AccessLogs/Policy'),
    );
    const logging = blocksOf(dev.json, 'aws_s3_bucket_logging');
    expect(logging).toHaveLength(4);
    for (const l of logging) expect(l.depends_on).toEqual([policy]);
  });

  it('lets logging.s3.amazonaws.com write only for this account and these source buckets', () => {
    const policy = policyOf(resourceAt(dev.json, 'aws_s3_bucket_policy', 'AccessLogs/Policy'));
    const statement = policy.Statement.find((s) => s.Sid === 'S3ServerAccessLogsDelivery')!;
    expect(statement.Principal).toEqual({ Service: 'logging.s3.amazonaws.com' });
    expect(statement.Condition!.StringEquals).toHaveProperty('aws:SourceAccount');
    const sources = statement.Condition!.ArnLike!['aws:SourceArn'] as string[];
    expect(sources).toHaveLength(4);
  });

  it('lets the regional ELB account and the log-delivery principal write ALB logs', () => {
    const policy = policyOf(resourceAt(dev.json, 'aws_s3_bucket_policy', 'AlbLogs/Policy'));
    const sids = policy.Statement.map((s) => s.Sid);
    expect(sids).toContain('AlbLogDeliveryServicePrincipal');
    expect(sids).toContain('AlbLogDeliveryRegionalElbAccount');
    expect(dev.json.data?.aws_elb_service_account).toBeDefined();
  });

  it('uses only the service principal in Regions opened after August 2022', () => {
    const newer = synthesize({ AWS_REGION: 'ap-southeast-4' });
    const policy = policyOf(resourceAt(newer.json, 'aws_s3_bucket_policy', 'AlbLogs/Policy'));
    expect(policy.Statement.map((s) => s.Sid)).not.toContain('AlbLogDeliveryRegionalElbAccount');
    expect(newer.json.data?.aws_elb_service_account).toBeUndefined();
  });
});

describe('profile differences', () => {
  const bucket = (s: Synthesized, name: string) =>
    resourceAt(s.json, 'aws_s3_bucket', `${name}/Bucket`);
  const retention = (s: Synthesized, name: string) =>
    (
      attachedTo(s.json, 'aws_s3_bucket_lifecycle_configuration', bucketRef(s, name))[0]!
        .rule as Block[]
    ).find((r) => r.id === 'log-retention');

  it('force-destroys buckets in dev and staging, never in prod', () => {
    for (const name of BUCKETS) {
      expect(bucket(dev, name).force_destroy).toBe(true);
      expect(bucket(staging, name).force_destroy).toBe(true);
      expect(bucket(prod, name).force_destroy).toBe(false);
    }
  });

  it('expires log objects after the profile retention, moving them to Glacier after 90 days when they stay long enough', () => {
    expect(retention(dev, 'FlowLogs')).toEqual({
      id: 'log-retention',
      status: 'Enabled',
      filter: [{ prefix: '' }],
      expiration: [{ days: 90 }],
    });
    expect(retention(staging, 'FlowLogs')).toMatchObject({
      transition: [{ days: 90, storage_class: 'GLACIER' }],
      expiration: [{ days: 365 }],
    });
    expect(retention(prod, 'AccessLogs')).toMatchObject({ expiration: [{ days: 400 }] });
    expect(retention(prod, 'Assets')).toBeUndefined();
  });

  it('keeps noncurrent versions of a locked bucket at least as long as the lock', () => {
    const noncurrent = (s: Synthesized, name: string) =>
      (
        attachedTo(s.json, 'aws_s3_bucket_lifecycle_configuration', bucketRef(s, name))[0]!
          .rule as Block[]
      ).find((r) => r.id === 'expire-noncurrent-versions')!.noncurrent_version_expiration;
    for (const locked of ['FlowLogs', 'AlbLogs', 'WafLogs']) {
      expect(noncurrent(prod, locked), locked).toEqual([{ noncurrent_days: 365 }]);
    }
    expect(noncurrent(prod, 'Assets')).toEqual([{ noncurrent_days: 30 }]);
    expect(noncurrent(dev, 'FlowLogs')).toEqual([{ noncurrent_days: 30 }]);
  });

  it('locks every audit-log bucket (compliance, 365 days) in prod only, never the access-log bucket', () => {
    const locks = blocksOf(prod.json, 'aws_s3_bucket_object_lock_configuration');
    expect(locks.map((l) => l.bucket).sort()).toEqual(
      ['FlowLogs', 'AlbLogs', 'WafLogs'].map((name) => bucketRef(prod, name)).sort(),
    );
    for (const name of ['FlowLogs', 'AlbLogs', 'WafLogs']) {
      expect(bucket(prod, name).object_lock_enabled).toBe(true);
    }
    for (const lock of locks) {
      // Compliance mode: s3:BypassGovernanceRetention cannot shorten it, not even for root.
      expect(lock.rule).toEqual({ default_retention: { mode: 'COMPLIANCE', days: 365 } });
    }
    // S3 refuses to deliver server access logs to a bucket with a default retention.
    expect(bucket(prod, 'AccessLogs').object_lock_enabled).toBeUndefined();
    expect(resourcesOf(dev.json, 'aws_s3_bucket_object_lock_configuration')).toEqual([]);
    expect(bucket(dev, 'FlowLogs').object_lock_enabled).toBeUndefined();
  });
});
