/** The Secrets Manager rules (src/compliance/rules/sm/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import type { Json } from '../../fixtures/compliant-stack';
import { graphOf, mutated, policy, ref, res } from '../../fixtures/compliant-stack';

describe('PAY-SM-003: the master secret is break-glass', () => {
  const rule = RULES.find((r) => r.id === 'PAY-SM-003')!;
  const withPolicy = (statement: Json) =>
    mutated((tf) => {
      res(tf, 'aws_secretsmanager_secret_policy', 'db_master')['policy'] = policy([statement]);
    });
  const deny = {
    Effect: 'Deny',
    Principal: '*',
    Action: 'secretsmanager:GetSecretValue',
    Resource: '*',
  };

  it('fails a policy that does not deny reads to all but named principals', () => {
    // An allow-only policy, a deny without exceptions by principal, or exceptions for everyone.
    for (const statement of [
      { ...deny, Effect: 'Allow', Principal: { AWS: ref('aws_iam_role.app.arn') } },
      { ...deny, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { ...deny, Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:*'] } } },
    ]) {
      expect(rule.check(graphOf(withPolicy(statement)))).toHaveLength(1);
    }
  });

  it('passes a deny of every read action to all but named principals', () => {
    const named = {
      ...deny,
      Action: 'secretsmanager:*',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': ref('aws_iam_role.app.arn') } },
    };
    expect(rule.check(graphOf(withPolicy(named)))).toEqual([]);
  });

  it('does not apply to a database whose master password RDS does not manage', () => {
    const unmanaged = mutated((tf) => {
      res(tf, 'aws_rds_cluster', 'db')['manage_master_user_password'] = false;
      delete tf.resource['aws_secretsmanager_secret_policy'];
    });
    expect(rule.check(graphOf(unmanaged))).toEqual([]);
  });
});
