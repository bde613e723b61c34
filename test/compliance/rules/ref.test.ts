/** The reference rules (src/compliance/rules/ref/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import { graphOf, mutated, ref, res } from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('rule details an auditor relies on', () => {
  it('checks the references inside policy JSON strings', () => {
    const g = graphOf(
      mutated((tf) => {
        const p = res(tf, 'aws_s3_bucket_policy', 'assets_pol');
        p['policy'] = (p['policy'] as string).replace(
          'aws_s3_bucket.assets.arn',
          'aws_s3_bucket.gone.arn',
        );
      }),
    );
    expect(
      byId('PAY-REF-001')
        .check(g)
        .map((v) => v.address),
    ).toContain('aws_s3_bucket_policy.assets_pol');
  });

  it('reports a reference to an output as unresolvable', () => {
    const g = graphOf(
      mutated((tf) => void (res(tf, 'aws_flow_log', 'flow')['vpc_id'] = ref('output.vpc_id'))),
    );
    expect(byId('PAY-REF-001').check(g)[0]?.message).toMatch(/not declared|output/);
  });
});
