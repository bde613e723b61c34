import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../../src/aws-facts/aurora-engines';
import type { AuroraDatabaseSettings } from '../../../src/constructs/data/aurora-settings';
import {
  auroraSettingsProblems,
  dataApiEnabled,
} from '../../../src/constructs/data/aurora-settings';
import { loadConfig } from '../../../src/config/load';

// The stacks pass the resolved configuration: it must satisfy the construct's props as is.
const valid: AuroraDatabaseSettings = loadConfig({}).database;
const problemsOf = (change: Partial<AuroraDatabaseSettings>) =>
  auroraSettingsProblems({ ...valid, ...change }).map((p) => `${p.field}: ${p.rule}`);

describe('auroraSettingsProblems', () => {
  it('passes the default configuration of every engine', () => {
    expect(problemsOf({})).toEqual([]);
    const postgres = ENGINES['aurora-postgresql'];
    expect(
      problemsOf({
        engine: 'aurora-postgresql',
        engineVersion: postgres.defaultVersion,
        port: postgres.port,
      }),
    ).toEqual([]);
  });

  it.each([
    [{ engineVersion: '5.7.12' }, /^database.engineVersion: is not an Aurora MySQL 3/],
    [{ minCapacity: -1 }, /^database.minCapacity: is outside 0-256 ACUs/],
    [{ maxCapacity: 4.25 }, /^database.maxCapacity: is not in 0.5 ACU steps/],
    [{ minCapacity: 8, maxCapacity: 4 }, /^database.minCapacity: is above maxCapacity \(4\)/],
    [
      { minCapacity: 0, engineVersion: '8.0.mysql_aurora.3.05.2' },
      /^database.minCapacity: needs an engine version with Aurora Serverless v2 auto-pause/,
    ],
    [{ readers: 16 }, /^database.readers: is outside 1-15/],
    [{ backupRetentionDays: 0 }, /^database.backupRetentionDays: is outside 1-35/],
    [{ performanceInsightsRetentionDays: 30 }, /^database.performanceInsightsRetentionDays/],
    [{ appUsername: 'rdsadmin' }, /^database.appUsername: is a default or reserved name/],
    [{ databaseName: 'mysql' }, /^database.databaseName: is a default or reserved name/],
    [{ masterUsername: 'a'.repeat(17) }, /^database.masterUsername: is longer than 16 characters/],
    [{ appUsername: 'PaymentsOwner' }, /^database.appUsername: is the master user name/],
  ] as const)('refuses %j', (change, message) => {
    const problems = problemsOf(change);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });
});

describe('dataApiEnabled', () => {
  it('is on only when someone may assume the bootstrap role', () => {
    expect(dataApiEnabled({ bootstrapPrincipalArns: [] })).toBe(false);
    expect(
      dataApiEnabled({ bootstrapPrincipalArns: ['arn:aws:iam::123456789012:role/bootstrap'] }),
    ).toBe(true);
  });
});
