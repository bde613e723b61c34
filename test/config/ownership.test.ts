import { describe, expect, it } from 'vitest';
import { loadWith, problemsWith } from '../helpers/config';

const PROD = { ENVIRONMENT: 'prod' };
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0e5e4a57-c249-4249-aafc-3b40fcd541e9';
const base = {
  allowedAccountIds: ['123456789012'],
  certificate: { certificateArn: CERT },
  alarmEmail: 'payments-oncall@example.com',
  keyAdministratorArns: ['arn:aws:iam::123456789012:role/payments-key-admin'],
};

const fields = (env: Record<string, string>, file: Record<string, unknown>) =>
  problemsWith(env, file).map((p) => `${p.field}: ${p.rule}`);

describe('principals, keys and certificates in prod (issue 20 reproduction)', () => {
  it('a key administrator of another account is refused, naming trustedAccountIds', () => {
    const problems = fields(PROD, {
      ...base,
      keyAdministratorArns: ['arn:aws:iam::999999999999:role/someone-elses'],
    });
    expect(problems).toEqual([
      'keyAdministratorArns.0: is in account 999999999999, not in allowedAccountIds (123456789012); a principal of another account must be trusted explicitly: list 999999999999 in trustedAccountIds',
    ]);
  });

  it('database principals of another account or partition are refused', () => {
    const problems = fields(PROD, {
      ...base,
      database: {
        bootstrapPrincipalArns: ['arn:aws:iam::999999999999:role/bootstrap'],
        breakGlassPrincipalArns: ['arn:aws-us-gov:iam::123456789012:role/break-glass'],
        adminUsers: [{ name: 'alice', principalArn: 'arn:aws:iam::888888888888:role/dba' }],
      },
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'database.bootstrapPrincipalArns.0',
      'database.breakGlassPrincipalArns.0',
      'database.adminUsers.0.principalArn',
    ]);
    expect(problems[1]).toContain('is in partition "aws-us-gov", but the stack runs in us-east-1');
  });

  it('the state key of another account is refused, from the file or the variable', () => {
    const key = 'arn:aws:kms:us-east-1:999999999999:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9';
    expect(
      fields(PROD, { ...base, backend: { bucket: 'acme-terraform-state', kmsKeyId: key } }),
    ).toEqual([expect.stringMatching(/^backend\.kmsKeyId: is in account 999999999999/)]);
    expect(
      fields(
        {
          ...PROD,
          TERRAFORM_STATE_BUCKET: 'acme-terraform-state',
          TERRAFORM_STATE_KMS_KEY_ID: key,
        },
        base,
      ),
    ).toEqual([expect.stringMatching(/^TERRAFORM_STATE_KMS_KEY_ID: is in account 999999999999/)]);
  });

  it("a certificate of another account is refused even when trusted: the ALB uses its own account's", () => {
    const problems = fields(PROD, {
      ...base,
      trustedAccountIds: ['999999999999'],
      certificate: { certificateArn: CERT.replace('123456789012', '999999999999') },
    });
    expect(problems).toEqual([
      expect.stringMatching(/^certificate\.certificateArn: is in account 999999999999/),
    ]);
  });

  it('trustedAccountIds lets a principal of that account in, explicitly', () => {
    const config = loadWith(PROD, {
      ...base,
      trustedAccountIds: ['999999999999'],
      keyAdministratorArns: ['arn:aws:iam::999999999999:role/central-key-admin'],
    });
    expect(config.keyAdministratorArns).toEqual([
      'arn:aws:iam::999999999999:role/central-key-admin',
    ]);
  });

  it('an account listed in both lists is refused', () => {
    expect(fields(PROD, { ...base, trustedAccountIds: ['123456789012'] })).toEqual([
      'trustedAccountIds: is already in allowedAccountIds; list only other accounts',
    ]);
  });

  it('a principal in the GovCloud partition is accepted for a GovCloud stack, and an aws one is not', () => {
    const gov = {
      ENVIRONMENT: 'dev',
      AWS_REGION: 'us-gov-west-1',
    };
    expect(
      fields(gov, { keyAdministratorArns: ['arn:aws:iam::123456789012:role/admin'] })[0],
    ).toContain(
      'is in partition "aws", but the stack runs in us-gov-west-1 (partition "aws-us-gov")',
    );
  });
});

describe('reserved tag keys', () => {
  it('are refused whatever their case (IAM compares role tag keys ignoring case)', () => {
    for (const key of ['Environment', 'environment', 'PROFILE', 'managedby']) {
      const [problem] = problemsWith({}, { tags: { [key]: 'x' } });
      expect(problem?.field).toBe(`tags.${key}`);
      expect(problem?.rule).toContain('the stack sets itself');
    }
  });
});
