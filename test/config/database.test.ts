import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors';
import type { ConfigProblem } from '../../src/config/errors';
import { loadConfig } from '../../src/config/load';
import { ENGINES } from '../../src/aws-facts/aurora-engines';
import { TEST_ACCOUNT_ID, TEST_KEY_ADMINISTRATOR_ARN, testCertificateArn } from '../helpers/synth';

/** Prod also needs a real certificate, its accounts and key administrators (see their own tests). */
const PROD_CERTIFICATE = {
  certificate: { certificateArn: testCertificateArn() },
  allowedAccountIds: [TEST_ACCOUNT_ID],
  keyAdministratorArns: [TEST_KEY_ADMINISTRATOR_ARN],
};

/** Loads `database` (and optionally a profile) as `npm run synth` would. */
function load(database: unknown, profile = 'dev') {
  return loadConfig({ ENVIRONMENT: profile, CONFIG_FILE: 'c.json' }, () =>
    JSON.stringify({ database, ...(profile === 'prod' ? PROD_CERTIFICATE : {}) }),
  );
}

function problemsOf(database: unknown, profile = 'dev'): ConfigProblem[] {
  try {
    load(database, profile);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

/** The one problem about `field`, which must exist. */
function problemAt(database: unknown, field: string, profile = 'dev'): ConfigProblem {
  const found = problemsOf(database, profile).filter((p) => p.field === field);
  expect(found, `expected one problem at ${field}`).toHaveLength(1);
  return found[0]!;
}

describe('database configuration: defaults per profile', () => {
  it.each([
    ['dev', 0, 2, 1, false, 7, false],
    ['staging', 0.5, 4, 1, false, 7, true],
    ['prod', 2, 64, 2, true, 465, true],
  ] as const)(
    '%s: ACU %d-%d, %d reader(s), deletion protection %s, PI %d days, final snapshot %s',
    (profile, min, max, readers, protection, piDays, snapshot) => {
      const { database } = load(undefined, profile);
      expect(database).toMatchObject({
        engine: 'aurora-mysql',
        engineVersion: ENGINES['aurora-mysql'].defaultVersion,
        port: 3306,
        minCapacity: min,
        maxCapacity: max,
        readers,
        backupRetentionDays: 35,
        deletionProtection: protection,
        performanceInsightsRetentionDays: piDays,
        finalSnapshot: snapshot,
      });
    },
  );

  it('PostgreSQL brings its own default version and port', () => {
    const { database } = load({ engine: 'aurora-postgresql' });
    expect(database.engineVersion).toBe(ENGINES['aurora-postgresql'].defaultVersion);
    expect(database.port).toBe(5432);
  });

  it('accepts a full valid override', () => {
    const { database } = load(
      {
        engine: 'aurora-postgresql',
        engineVersion: '16.10',
        minCapacity: 1.5,
        maxCapacity: 256,
        readers: 15,
        backupRetentionDays: 1,
        databaseName: 'ledger',
        masterUsername: 'ledgerowner',
        appUsername: 'ledger_app',
        deletionProtection: true,
        performanceInsightsRetentionDays: 731,
        generalLog: false,
      },
      'prod',
    );
    expect(database).toMatchObject({ maxCapacity: 256, readers: 15, databaseName: 'ledger' });
  });
});

describe('database configuration: every rule fails on bad input', () => {
  it.each([
    ['engine', { engine: 'aurora' }, /is not an engine/],
    ['maxCapacity', { maxCapacity: 257 }, /outside 0-256/],
    ['minCapacity', { minCapacity: -0.5 }, /outside 0-256/],
    ['minCapacity', { minCapacity: 1.25 }, /0\.5 ACU steps/],
    ['maxCapacity', { maxCapacity: 0.5 }, /below 1 ACU/],
    ['readers', { readers: 0 }, /outside 1-15/],
    ['readers', { readers: 16 }, /outside 1-15/],
    ['readers', { readers: 1.5 }, /whole number/],
    ['backupRetentionDays', { backupRetentionDays: 0 }, /outside 1-35/],
    ['backupRetentionDays', { backupRetentionDays: 36 }, /outside 1-35/],
    [
      'performanceInsightsRetentionDays',
      { performanceInsightsRetentionDays: 30 },
      /multiple of 31/,
    ],
    [
      'performanceInsightsRetentionDays',
      { performanceInsightsRetentionDays: 744 },
      /multiple of 31/,
    ],
    ['databaseName', { databaseName: 'Payments-DB' }, /lowercase letters/],
    ['databaseName', { databaseName: 'mysql' }, /reserved/],
    ['masterUsername', { masterUsername: 'admin' }, /reserved/],
    ['masterUsername', { masterUsername: 'Root' }, /reserved/],
    ['masterUsername', { masterUsername: 'postgres' }, /reserved/],
    ['masterUsername', { masterUsername: 'rdsadmin' }, /reserved/],
    ['masterUsername', { masterUsername: 'pay_owner' }, /letters or digits/],
    ['appUsername', { appUsername: 'master' }, /reserved/],
    ['appUsername', { appUsername: '1app' }, /starting with a letter/],
    ['deletionProtection', { deletionProtection: 'yes' }, /true or false/],
  ])('database.%s: %j', (field, database, rule) => {
    const problem = problemAt(database, `database.${field}`);
    expect(problem.rule).toMatch(rule);
    expect(problem.example).not.toBe('');
  });

  it('rejects an unknown key inside database, naming it', () => {
    const problem = problemAt({ readerCount: 2 }, 'database.readerCount');
    expect(problem.rule).toMatch(/is not a key of database/);
  });

  it('rejects an engine version of the other engine, in both directions', () => {
    expect(
      problemAt(
        { engine: 'aurora-postgresql', engineVersion: '8.0.mysql_aurora.3.12.0' },
        'database.engineVersion',
      ).rule,
    ).toMatch(/Aurora PostgreSQL 16 or 17.*aurora-postgresql/);
    expect(problemAt({ engineVersion: '17.6' }, 'database.engineVersion').rule).toMatch(
      /Aurora MySQL 3.*aurora-mysql/,
    );
  });

  it('rejects versions without Serverless v2 or outside the supported majors', () => {
    expect(problemsOf({ engineVersion: '8.0.mysql_aurora.3.01.1' })).toHaveLength(1);
    expect(problemsOf({ engineVersion: '5.7.mysql_aurora.2.12.5' })).toHaveLength(1);
    expect(problemsOf({ engine: 'aurora-postgresql', engineVersion: '15.12' })).toHaveLength(1);
    expect(problemsOf({ engineVersion: '8.0.mysql_aurora.3.10.4' })).toEqual([]);
  });

  it('rejects a minimum above the maximum', () => {
    expect(problemAt({ minCapacity: 8, maxCapacity: 4 }, 'database.minCapacity').rule).toMatch(
      /above maxCapacity \(4\)/,
    );
    expect(problemsOf({ minCapacity: 4, maxCapacity: 4 })).toEqual([]);
  });

  it('allows a minimum of 0 ACUs (auto-pause) in dev only', () => {
    expect(problemsOf({ minCapacity: 0 }, 'dev')).toEqual([]);
    for (const profile of ['staging', 'prod']) {
      expect(problemAt({ minCapacity: 0 }, 'database.minCapacity', profile).rule).toMatch(
        /only in the dev profile/,
      );
    }
  });

  it('checks name lengths against the engine', () => {
    expect(
      problemAt({ masterUsername: 'paymentsowner2026' }, 'database.masterUsername').rule,
    ).toMatch(/longer than 16 characters/);
    expect(
      problemsOf({ engine: 'aurora-postgresql', masterUsername: 'paymentsowner2026' }),
    ).toEqual([]);
    expect(problemAt({ appUsername: `a${'b'.repeat(32)}` }, 'database.appUsername').rule).toMatch(
      /longer than 32/,
    );
  });

  it('refuses an application user that is the master user', () => {
    expect(
      problemAt({ masterUsername: 'owner', appUsername: 'owner' }, 'database.appUsername').rule,
    ).toMatch(/is the master user name/);
  });

  it('reports every problem at once and keeps the valid fields in force', () => {
    const problems = problemsOf({
      engine: 'aurora-postgresql',
      engineVersion: '8.0.mysql_aurora.3.12.0',
      readers: 99,
      masterUsername: 'admin',
    });
    expect(problems.map((p) => p.field).sort()).toEqual([
      'database.engineVersion',
      'database.masterUsername',
      'database.readers',
    ]);
  });
});

describe('database.auditEvents', () => {
  const audit = (events: unknown, env: Record<string, string> = {}, engine = 'aurora-mysql') =>
    problemsOf({ engine, auditEvents: events }, env.ENVIRONMENT ?? 'dev');

  it('overrides the profile default for the engine', () => {
    const config = load({ auditEvents: ['CONNECT', 'QUERY_DCL', 'QUERY_DDL', 'TABLE'] });
    expect(config.database.auditEvents).toEqual(['CONNECT', 'QUERY_DCL', 'QUERY_DDL', 'TABLE']);
    expect(loadConfig({ ENVIRONMENT: 'staging' }).database.auditEvents).toContain('QUERY_DML');
  });

  it('refuses events the engine does not know, naming the allowed ones', () => {
    const [problem] = audit(['CONNECT', 'QUERY_DCL', 'QUERY_DDL', 'write']);
    expect(problem).toMatchObject({
      field: 'database.auditEvents',
      rule: expect.stringMatching(/aurora-mysql does not audit \(write\); allowed: CONNECT/),
    });
    expect(audit(['ddl', 'role', 'QUERY_DML'], {}, 'aurora-postgresql')[0]?.rule).toMatch(
      /does not audit \(QUERY_DML\)/,
    );
  });

  it('keeps connections, DDL and privilege changes audited everywhere', () => {
    expect(audit(['QUERY_DDL'])[0]?.rule).toMatch(/leaves out CONNECT, QUERY_DCL/);
    expect(audit(['ddl'], {}, 'aurora-postgresql')[0]?.rule).toMatch(/leaves out role/);
    expect(audit(['all'], {}, 'aurora-postgresql')).toEqual([]);
  });

  it('requires data-access auditing in prod', () => {
    const [problem] = audit(['CONNECT', 'QUERY_DCL', 'QUERY_DDL'], { ENVIRONMENT: 'prod' });
    expect(problem?.rule).toMatch(/audits no data access, which prod requires/);
    expect(audit(['ddl', 'role', 'write'], { ENVIRONMENT: 'prod' }, 'aurora-postgresql')).toEqual(
      [],
    );
  });
});
