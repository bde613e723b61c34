/** The account rules (src/compliance/rules/acct/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import type { TfJson } from '../../fixtures/compliant-stack';
import { graphOf, mutated } from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('PAY-ACCT-001: prod provider limited to its accounts', () => {
  it('fails a prod stack whose provider has no or an empty allowed_account_ids, at provider.aws', () => {
    const rule = byId('PAY-ACCT-001');
    const withIds = (ids: unknown) => (tf: TfJson) => {
      tf.provider.aws[0]!['allowed_account_ids'] = ids;
      // Prod by its suffix alone (no Profile tag) still counts as prod.
      tf.provider.aws[0]!['default_tags'] = [{ tags: { Environment: 'prod' } }];
    };
    for (const ids of [undefined, []]) {
      expect(rule.check(graphOf(mutated(withIds(ids))))).toEqual([
        { address: 'provider.aws', message: 'allowed_account_ids is not set in a prod stack' },
      ]);
    }
    expect(rule.check(graphOf(mutated(withIds(['123456789012']))))).toEqual([]);
  });
});
