/** The WAF rules (src/compliance/rules/waf/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import { graphOf, mutated, res } from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('PAY-WAF-003: the Known Bad Inputs group must actually block (as CKV_AWS_192)', () => {
  const waf = (change: (rule: Record<string, unknown>) => void) =>
    byId('PAY-WAF-003').check(
      graphOf(
        mutated((tf) => {
          change(
            (res(tf, 'aws_wafv2_web_acl', 'acl')['rule'] as Array<Record<string, unknown>>)[0]!,
          );
        }),
      ),
    );
  const group = (r: Record<string, unknown>) =>
    (r['statement'] as Record<string, Record<string, unknown>>)['managed_rule_group_statement']!;

  it('passes with override_action none', () => {
    expect(waf(() => undefined)).toEqual([]);
  });

  it('fails when the group only counts', () => {
    const found = waf((r) => void (r['override_action'] = { count: {} }));
    expect(found[0]?.message).toMatch(/override_action count, so it does not block/);
  });

  it('fails when Log4JRCE is excluded or overridden to count', () => {
    expect(waf((r) => void (group(r)['excluded_rule'] = [{ name: 'Log4JRCE' }]))).toHaveLength(1);
    expect(
      waf(
        (r) =>
          void (group(r)['rule_action_override'] = [
            { name: 'Log4JRCE', action_to_use: { count: {} } },
          ]),
      )[0]?.message,
    ).toMatch(/does not block Log4JRCE/);
  });

  it('does not accept the group name appearing elsewhere, e.g. as a rule name', () => {
    const found = waf((r) => {
      r['name'] = 'AWSManagedRulesKnownBadInputsRuleSet';
      group(r)['name'] = 'AWSManagedRulesCommonRuleSet';
    });
    expect(found).toHaveLength(1);
  });
});
