/** The ALB rules (src/compliance/rules/alb/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import { graphOf, mutated, res } from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('rule details an auditor relies on', () => {
  it('accepts every TLS policy of the allow-list and rejects the API default', async () => {
    const { ALLOWED_TLS_POLICIES } = await import('../../../src/aws-facts/tls-policies');
    for (const p of ALLOWED_TLS_POLICIES) {
      const g = graphOf(
        mutated((tf) => void (res(tf, 'aws_lb_listener', 'https')['ssl_policy'] = p)),
      );
      expect(byId('PAY-ALB-008').check(g)).toEqual([]);
    }
    const unset = graphOf(
      mutated((tf) => void delete res(tf, 'aws_lb_listener', 'https')['ssl_policy']),
    );
    expect(byId('PAY-ALB-008').check(unset)[0]?.message).toMatch(/no ssl_policy/);
  });
});
