/** The budget rules (src/compliance/rules/cost/): a stack the table cannot price is unknown, never pass. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/compliance/engine';
import { RULES } from '../../../src/compliance/rules';
import { parseSuppressions } from '../../../src/compliance/suppressions';
import type { TfJson } from '../../fixtures/compliant-stack';
import { graphOf, mutated } from '../../fixtures/compliant-stack';

const rules = RULES.filter((r) => r.id.startsWith('PAY-COST-'));
const none = parseSuppressions('none.json', undefined);
const inRegion = (region: string, profile: string) => (tf: TfJson) => {
  tf.provider.aws[0]!['region'] = region;
  tf.locals = { monthly_budget_usd: 1500 };
  tf.provider.aws[0]!['default_tags'] = [{ tags: { Environment: profile, Profile: profile } }];
};

describe('budget rules in a Region the price table lacks (issue 20)', () => {
  it('report unknown in prod, which fails the gate, naming the Region and how to price it', () => {
    const report = evaluate(
      [graphOf(mutated(inRegion('ap-south-1', 'prod')), 'payment-prod')],
      rules,
      none,
    );
    const stack = report.stacks[0]!;
    expect(stack.status['PAY-COST-001']).toBe('unknown');
    expect(stack.findings[0]).toMatchObject({ ruleId: 'PAY-COST-001', unknown: true });
    expect(stack.findings[0]?.message).toContain('ap-south-1 is not in the price table');
  });

  it('report unknown outside prod too (a low finding), never pass', () => {
    const report = evaluate(
      [graphOf(mutated(inRegion('ap-south-1', 'dev')), 'payment-dev')],
      rules,
      none,
    );
    expect(report.stacks[0]!.status['PAY-COST-002']).toBe('unknown');
  });

  it('price eu-central-1 now, so the rules pass or fail on the estimate there', () => {
    const report = evaluate(
      [graphOf(mutated(inRegion('eu-central-1', 'prod')), 'payment-prod')],
      rules,
      none,
    );
    expect(report.stacks[0]!.status['PAY-COST-001']).not.toBe('unknown');
  });
});
