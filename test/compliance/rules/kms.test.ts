/** The KMS rules (src/compliance/rules/kms/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import type { Json } from '../../fixtures/compliant-stack';
import { graphOf, mutated, policy, res } from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('PAY-KMS-006: key administrators separate from key users', () => {
  it('fails a key administrator who may also use the key', () => {
    const mixed = mutated((tf) => {
      const p = res(tf, 'aws_kms_key_policy', 'key');
      const doc = JSON.parse(p['policy'] as string) as { Statement: Json[] };
      for (const s of doc.Statement) if (s['Sid'] === 'KeyAdministrators') s['Action'] = 'kms:*';
      p['policy'] = policy(doc.Statement);
    });
    expect(byId('PAY-KMS-006').check(graphOf(mixed))[0]?.message).toMatch(
      /KeyAdministrators lets .*payments-key-admin both administer and use the key/,
    );
  });
});
