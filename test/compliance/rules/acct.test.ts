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

describe('PAY-ACCT-002: prod shares no account with non-prod (PCI DSS 6.5.3/6.5.4)', () => {
  const rule = byId('PAY-ACCT-002');
  const stack = (profile: string, ids: string[]) =>
    graphOf(
      mutated((tf) => {
        tf.provider.aws[0]!['allowed_account_ids'] = ids;
        tf.provider.aws[0]!['default_tags'] = [
          { tags: { Environment: profile, Profile: profile } },
        ];
      }),
      `payment-${profile}`,
    );

  it('fails prod when a non-prod stack of the run lists one of its accounts, naming both', () => {
    const prod = stack('prod', ['123456789012']);
    const staging = stack('staging', ['123456789012', '210987654321']);
    expect(rule.check(prod, [prod, staging])).toEqual([
      {
        address: 'provider.aws',
        message: 'shares account 123456789012 with the non-prod stack payment-staging',
      },
    ]);
  });

  it('passes separate accounts, another prod in the same account, and a run of prod alone', () => {
    const prod = stack('prod', ['123456789012']);
    expect(rule.check(prod, [prod, stack('staging', ['210987654321'])])).toEqual([]);
    expect(rule.check(prod, [prod, stack('prod', ['123456789012'])])).toEqual([]);
    expect(rule.check(prod, [prod])).toEqual([]);
    expect(rule.check(prod)).toEqual([]);
  });
});
