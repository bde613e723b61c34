/** Reading IAM, key, bucket and topic policies (src/tfjson/policy.ts). */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/compliance/rules';
import { addBucketStatement, graphOf, mutated } from '../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('anonymous Allow statements count as scoped only by a narrowing condition', () => {
  const publicStatement = (condition: Record<string, unknown>) =>
    byId('PAY-S3-013').check(
      graphOf(
        mutated((tf) =>
          addBucketStatement(tf, {
            Sid: 'Open',
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::b/*',
            Condition: condition,
          }),
        ),
      ),
    );

  it('accepts StringEquals / ArnLike on a scoping key', () => {
    expect(publicStatement({ StringEquals: { 'aws:SourceAccount': '123456789012' } })).toEqual([]);
    expect(
      publicStatement({
        ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:*' },
      }),
    ).toEqual([]);
  });

  it('rejects negated, IfExists and wildcard-only conditions', () => {
    expect(
      publicStatement({ StringNotEquals: { 'aws:SourceAccount': '123456789012' } }),
    ).toHaveLength(1);
    expect(
      publicStatement({ StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' } }),
    ).toHaveLength(1);
    expect(publicStatement({ StringLike: { 'aws:PrincipalOrgID': '*' } })).toHaveLength(1);
    expect(publicStatement({ Null: { 'aws:SourceAccount': 'false' } })).toHaveLength(1);
  });
});
