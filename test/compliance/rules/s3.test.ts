/** The S3 rules (src/compliance/rules/s3/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import { graphOf, mutated, ref, res } from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('PAY-S3-014: the TLS-only Deny must cover this bucket and its objects', () => {
  const withResources = (resources: unknown) =>
    byId('PAY-S3-014').check(
      graphOf(
        mutated((tf) => {
          const p = res(tf, 'aws_s3_bucket_policy', 'assets_pol');
          const doc = JSON.parse(p['policy'] as string) as {
            Statement: Array<Record<string, unknown>>;
          };
          for (const s of doc.Statement) {
            const c = s['Condition'] as Record<string, Record<string, unknown>> | undefined;
            if (c?.['Bool']?.['aws:SecureTransport'] !== undefined) s['Resource'] = resources;
          }
          p['policy'] = JSON.stringify(doc);
        }),
      ),
    );

  it('passes on the bucket ARN and its objects, by reference, literal name or "*"', () => {
    expect(
      withResources([ref('aws_s3_bucket.assets.arn'), `${ref('aws_s3_bucket.assets.arn')}/*`]),
    ).toEqual([]);
    expect(withResources('*')).toEqual([]);
    const name = 'payment-assets-123456789012-use1-prod';
    expect(
      withResources([
        `arn:${ref('data.aws_partition.p.partition')}:s3:::${name}`,
        `arn:aws:s3:::${name}/*`,
      ]),
    ).toEqual([]);
  });

  it('fails when the Deny names another bucket, or the bucket but not its objects', () => {
    expect(
      withResources([ref('aws_s3_bucket.logs.arn'), `${ref('aws_s3_bucket.logs.arn')}/*`]),
    ).toHaveLength(1);
    expect(withResources([ref('aws_s3_bucket.assets.arn')])).toHaveLength(1);
  });
});

describe('PAY-S3-021: audit-log buckets locked', () => {
  it('fails an audit-log lock shorter than a year', () => {
    const short = mutated((tf) => {
      res(tf, 'aws_s3_bucket_object_lock_configuration', 'archive_lock')['rule'] = {
        default_retention: { mode: 'COMPLIANCE', days: 90 },
      };
    });
    expect(byId('PAY-S3-021').check(graphOf(short))[0]?.message).toBe(
      'locks audit logs for 90 days, under 365',
    );
  });
});

describe('PAY-S3-021 and 022: where audit logs end', () => {
  it('does not count a replication rule limited to a prefix: other objects would stay erasable', () => {
    const partial = mutated((tf) => {
      const repl = res(tf, 'aws_s3_bucket_replication_configuration', 'audit_repl');
      (repl['rule'] as Array<Record<string, unknown>>)[0]!['filter'] = { prefix: 'alb/' };
    });
    expect(
      byId('PAY-S3-021')
        .check(graphOf(partial))
        .map((v) => v.address),
    ).toEqual(['aws_s3_bucket.audit']);
  });

  it('names the sender of each undocumented direct delivery into a locked bucket', () => {
    const direct = mutated((tf) => {
      tf.resource['aws_s3_bucket_object_lock_configuration']!['audit_lock'] = {
        bucket: ref('aws_s3_bucket.audit.id'),
        rule: { default_retention: { mode: 'COMPLIANCE', days: 365 } },
      };
    });
    expect(byId('PAY-S3-022').check(graphOf(direct))[0]).toEqual({
      address: 'aws_s3_bucket.audit',
      message:
        'has a default Object Lock retention and receives logs straight from aws_lb.alb, a delivery AWS does not document for a locked bucket',
    });
  });
});
