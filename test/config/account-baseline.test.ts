/** config/accounts/<name>.json and an environment's `accountBaseline` (src/config/account-baseline.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAccountBaseline } from '../../src/config/account-baseline';
import { ConfigError } from '../../src/config/errors';
import { reservedBy } from '../../src/naming/reserved';
import { accountConfig, TWO_REGION_ACCOUNT } from '../helpers/baseline';
import { loadWith, problemsWith } from '../helpers/config';
import { TEST_ACCOUNT_ID, TEST_KEY_ADMINISTRATOR_ARN, testCertificateArn } from '../helpers/synth';

function accountProblems(file: unknown, name = 'two'): string[] {
  try {
    accountConfig(name, file as Record<string, unknown>);
  } catch (error) {
    if (error instanceof ConfigError)
      return error.message
        .split('\n')
        .slice(1, -1)
        .map((l) => l.trim());
    throw error;
  }
  throw new Error('expected the account file to be rejected');
}

describe('config/accounts/<name>.json', () => {
  it('loads the committed account file, home Region first, with the conformance packs', () => {
    const main = loadAccountBaseline(process.cwd(), 'main');
    expect(main).toMatchObject({
      name: 'main',
      accountId: '123456789012',
      homeRegion: 'us-east-1',
      environments: ['prod'],
      auditLogRetentionDays: 400,
      configServiceLinkedRole: 'create',
    });
    expect(main.regions).toEqual([
      {
        region: 'us-east-1',
        home: true,
        findingsEnvironment: 'prod',
        sessionPreferences: 'create',
      },
    ]);
    expect(main.conformancePacks.includingGlobal.length).toBe(45_953);
    expect(main.conformancePacks.excludingGlobal.length).toBe(37_511);
  });

  it('puts the home Region first whatever the file order', () => {
    const config = accountConfig('two', {
      ...TWO_REGION_ACCOUNT,
      homeRegion: 'eu-west-1',
    });
    expect(config.regions.map((r) => [r.region, r.home])).toEqual([
      ['eu-west-1', true],
      ['us-east-1', false],
    ]);
  });

  it('names the field, the value, the rule and an example for each problem, all at once', () => {
    expect(
      accountProblems({
        ...TWO_REGION_ACCOUNT,
        homeRegion: 'us-west-2',
        regions: {
          'us-east-1': { findingsEnvironment: 'prod' },
          'eu-west-1': { findingsEnvironment: 'nobody' },
        },
        keyAdministratorArns: ['arn:aws:iam::210987654321:role/admin'],
      }),
    ).toEqual([
      'regions.eu-west-1.findingsEnvironment: "nobody" is not one of environments (prod, staging-eu). Example: { "us-east-1": { "findingsEnvironment": "prod" } }.',
      'homeRegion: "us-west-2" is not one of regions (the trail and IAM live there). Example: "us-east-1".',
      'keyAdministratorArns: "arn:aws:iam::210987654321:role/admin" is not in account 123456789012 (accountId). Example: ["arn:aws:iam::123456789012:role/payments-key-admin"].',
    ]);
  });

  it('refuses unknown keys, short retention and a bad account ID', () => {
    const found = accountProblems({
      ...TWO_REGION_ACCOUNT,
      accountId: '1234',
      auditLogRetentionDays: 90,
      trail: {},
    });
    expect(found).toEqual([
      'accountId: "1234" is not an AWS account ID (12 digits). Example: "123456789012".',
      'auditLogRetentionDays: 90 is under 365 days (PCI DSS 10.5.1). Example: 400.',
      'trail: {} is not a key of an account file; known keys: accountId, homeRegion, regions, environments, keyAdministratorArns, auditLogRetentionDays, configServiceLinkedRole, ci. Example: { "accountId": "123456789012", "homeRegion": "us-east-1", ... }.',
    ]);
  });

  it('reads ci: the GitHub repository, the deploying branch (main by default), the environments', () => {
    const ci = { github: { repository: 'acme/payments' }, environments: ['prod'] };
    expect(accountConfig('two', { ...TWO_REGION_ACCOUNT, ci }).ci).toEqual({
      provider: 'github',
      repository: 'acme/payments',
      branch: 'main',
      environments: ['prod'],
    });
    expect(accountConfig('two', TWO_REGION_ACCOUNT).ci).toBeUndefined();
  });

  it('refuses a ci with a bad repository, a wildcard branch, unknown keys or environments', () => {
    const example =
      'Example: "ci": { "github": { "repository": "acme/payments", "branch": "main" }, "environments": ["dev", "staging", "prod"] }.';
    expect(
      accountProblems({
        ...TWO_REGION_ACCOUNT,
        ci: {
          github: { repository: 'acme', branch: 'release/*', token: 'x' },
          environments: ['prod', 'prod'],
        },
      }),
    ).toEqual([
      `ci.github.repository: "acme" is not a GitHub repository "owner/name". ${example}`,
      `ci.github.branch: "release/*" is not a branch name (letters, digits, ".", "_", "-", "/"; no wildcard, no ":"). ${example}`,
      `ci.github.token: "x" is not a key of ci.github. ${example}`,
      `ci.environments: ["prod","prod"] lists an environment twice. ${example}`,
    ]);
    expect(
      accountProblems({
        ...TWO_REGION_ACCOUNT,
        ci: { github: { repository: 'acme/payments' }, environments: ['dev'] },
      }),
    ).toEqual([
      `ci.environments: "dev" is not one of environments (prod, staging-eu): CI roles are made in the account that holds the environment. ${example}`,
    ]);
    expect(accountProblems({ ...TWO_REGION_ACCOUNT, ci: { environments: ['prod'] } })).toEqual([
      expect.stringMatching(/^ci\.github: /),
    ]);
  });

  it('refuses a Region this project does not know', () => {
    expect(
      accountProblems({
        ...TWO_REGION_ACCOUNT,
        regions: { ...TWO_REGION_ACCOUNT.regions, 'xx-east-9': { findingsEnvironment: 'prod' } },
      }),
    ).toEqual([
      'regions.xx-east-9: "xx-east-9" is not an AWS Region this project knows. Example: { "us-east-1": { "findingsEnvironment": "prod" } }.',
    ]);
  });

  it('refuses a missing file and an account name that would not fit the physical names', () => {
    expect(() => loadAccountBaseline(process.cwd(), 'nosuch')).toThrow(/cannot be read \(ENOENT\)/);
    expect(() => loadAccountBaseline(process.cwd(), 'Main!')).toThrow(
      /name: "Main!" is not an account name/,
    );
  });

  it('refuses a conformance pack over the 51,200-byte inline limit', () => {
    expect(() =>
      loadAccountBaseline(process.cwd(), 'two', (path) =>
        path.endsWith('two.json')
          ? JSON.stringify(TWO_REGION_ACCOUNT)
          : path.includes('including')
            ? 'x'.repeat(51_201)
            : readFileSync(path, 'utf8'),
      ),
    ).toThrow(/51201 bytes" is over the 51200-byte inline TemplateBody limit/);
  });
});

describe('reserved stack names', () => {
  it('reserves the state stack and the baseline names, case-insensitively, with their prefixes', () => {
    expect(reservedBy('tfstate')?.owner).toMatch(/state-bucket/);
    expect(reservedBy('Account')?.owner).toMatch(/account baseline/);
    expect(reservedBy('account-main')?.owner).toMatch(/account baseline/);
    expect(reservedBy('ACCT-main')?.owner).toMatch(/account baseline/);
    expect(reservedBy('prod')).toBeUndefined();
    expect(reservedBy('accounting')).toBeUndefined();
    expect(reservedBy('tfstate-x')).toBeUndefined();
  });

  it('refuses an environment suffix that would take a reserved stack', () => {
    for (const suffix of ['tfstate', 'shared', 'account', 'account-main', 'acct-main']) {
      const [problem] = problemsWith({ ENVIRONMENT_SUFFIX: suffix });
      expect(problem).toMatchObject({ field: 'ENVIRONMENT_SUFFIX', value: suffix });
      expect(problem!.rule).toMatch(/is a name reserved for/);
    }
    expect(loadWith({ ENVIRONMENT_SUFFIX: 'accounting' }).suffix).toBe('accounting');
  });
});

describe("an environment's accountBaseline", () => {
  const prod = (accountBaseline: unknown, extra: Record<string, unknown> = {}) => ({
    certificate: { certificateArn: testCertificateArn() },
    allowedAccountIds: [TEST_ACCOUNT_ID],
    keyAdministratorArns: [TEST_KEY_ADMINISTRATOR_ARN],
    accountBaseline,
    ...extra,
  });

  it('resolves the project baseline it names, with the account and Regions it covers', () => {
    expect(loadWith({ ENVIRONMENT: 'prod' }, prod({ account: 'main' })).accountBaseline).toEqual({
      provider: 'project',
      account: 'main',
      accountId: '123456789012',
      regions: ['us-east-1'],
      environments: ['prod'],
    });
  });

  it('refuses a baseline that misses its Region or its account (the environment list is checked by the gate, PAY-ACCT-003)', () => {
    const rules = problemsWith(
      { ENVIRONMENT: 'prod', ENVIRONMENT_SUFFIX: 'prod-eu', AWS_REGION: 'eu-west-1' },
      prod(
        { account: 'main' },
        {
          allowedAccountIds: ['210987654321'],
          certificate: { certificateArn: testCertificateArn('eu-west-1') },
        },
      ),
    )
      .filter((p) => p.field === 'accountBaseline.account')
      .map((p) => p.rule);
    expect(rules).toEqual([
      "covers us-east-1, not this environment's Region eu-west-1",
      'is account 123456789012, which allowedAccountIds does not list',
    ]);
  });

  it('refuses an account file that does not exist, and an empty organisation statement', () => {
    expect(problemsWith({ ENVIRONMENT: 'prod' }, prod({ account: 'nosuch' }))[0]).toMatchObject({
      field: 'accountBaseline.account',
      rule: 'does not name a file in config/accounts/',
    });
    expect(
      problemsWith(
        { ENVIRONMENT: 'prod' },
        prod({ providedBy: 'organisation', statement: 'yes' }),
      )[0],
    ).toMatchObject({ field: 'accountBaseline.statement' });
  });
});
