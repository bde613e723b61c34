import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors';
import { loadConfig } from '../../src/config/load';
import { KMS_ADMINISTRATION_ACTIONS } from '../../src/constructs/security/kms-key';
import {
  blocksOf,
  policyOf,
  synthesize,
  TEST_ACCOUNT_ID,
  TEST_KEY_ADMINISTRATOR_ARN,
  testCertificateArn,
} from '../helpers/synth';

/** Everything prod requires except `keyAdministratorArns` (the accounts came from config). */
const CERTIFICATE = {
  certificate: { certificateArn: testCertificateArn() },
  allowedAccountIds: [TEST_ACCOUNT_ID],
};

function problemsOf(env: Record<string, string>, file: Record<string, unknown>) {
  try {
    loadConfig({ ...env, CONFIG_FILE: 'c.json' }, () => JSON.stringify(file));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('keyAdministratorArns configuration', () => {
  it('is required in prod, naming the field, the rule and an example', () => {
    const [problem, ...rest] = problemsOf({ ENVIRONMENT: 'prod' }, CERTIFICATE);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      field: 'keyAdministratorArns',
      value: undefined,
      rule: expect.stringMatching(/is required in prod/),
      example: expect.stringContaining('arn:aws:iam::123456789012:role/'),
    });
    expect(
      problemsOf({ ENVIRONMENT: 'prod' }, { ...CERTIFICATE, keyAdministratorArns: [] }),
    ).toEqual([
      expect.objectContaining({
        field: 'keyAdministratorArns',
        rule: expect.stringMatching(/required/),
      }),
    ]);
  });

  it('is optional in dev and staging', () => {
    expect(problemsOf({}, {})).toEqual([]);
    expect(problemsOf({ ENVIRONMENT: 'staging' }, {})).toEqual([]);
  });

  it('accepts only IAM role or user ARNs, each once', () => {
    for (const bad of [
      'arn:aws:iam::123456789012:root',
      'arn:aws:iam::1234:role/short-account',
      'arn:aws:sts::123456789012:assumed-role/admin/alice',
      'payments-key-admin',
    ]) {
      const [problem] = problemsOf({}, { keyAdministratorArns: [bad] });
      expect(problem, bad).toMatchObject({
        field: 'keyAdministratorArns.0',
        value: bad,
        rule: expect.stringMatching(/is not an IAM role or user ARN/),
      });
    }
    const twice = problemsOf(
      {},
      { keyAdministratorArns: [TEST_KEY_ADMINISTRATOR_ARN, TEST_KEY_ADMINISTRATOR_ARN] },
    );
    expect(twice).toEqual([expect.objectContaining({ rule: 'lists an ARN twice' })]);
    const user = 'arn:aws:iam::123456789012:user/key-custodian';
    expect(problemsOf({}, { keyAdministratorArns: [user] })).toEqual([]);
  });
});

describe('key policies with key administrators', () => {
  const prod = synthesize({ ENVIRONMENT: 'prod' }).json;
  const dev = synthesize().json;
  const policies = (json: typeof prod) =>
    blocksOf(json, 'aws_kms_key_policy').map((p) => policyOf(p).Statement);

  it('name the administrators in every key, with administrative actions only', () => {
    const all = policies(prod);
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const statements of all) {
      const admins = statements.find((s) => s.Sid === 'KeyAdministratorsManageButCannotUse');
      expect(admins).toMatchObject({
        Effect: 'Allow',
        Principal: { AWS: [TEST_KEY_ADMINISTRATOR_ARN] },
        Action: [...KMS_ADMINISTRATION_ACTIONS],
      });
      const actions = [admins!.Action].flat();
      for (const use of ['kms:Decrypt', 'kms:Encrypt', 'kms:CreateGrant', 'kms:*']) {
        expect(actions).not.toContain(use);
      }
      expect(actions.some((a) => /GenerateDataKey|ReEncrypt|Create\*/.test(a))).toBe(false);
      // AWS's default statement stays: the account delegates to IAM and the key stays manageable.
      expect(statements[0]!.Sid).toBe('AccountAdministersKeyThroughIam');
    }
  });

  it('are left out where no administrators are configured', () => {
    for (const statements of policies(dev)) {
      expect(statements.map((s) => s.Sid)).not.toContain('KeyAdministratorsManageButCannotUse');
    }
  });
});
