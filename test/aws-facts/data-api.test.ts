/**
 * The Data API bootstrap's configuration: `database.bootstrapPrincipalArns` (and the
 * break-glass list, the admin host switch) validated like the other ARNs, and refused with a
 * clear error where AWS does not offer the RDS Data API (Region, engine version).
 */
import { describe, expect, it } from 'vitest';
import {
  DATA_API_REGIONS,
  DATA_API_UNAVAILABLE_REGIONS,
  supportsDataApi,
} from '../../src/aws-facts/data-api';
import { ConfigError } from '../../src/config/errors';
import type { ConfigProblem } from '../../src/config/errors';
import { loadConfig } from '../../src/config/load';
import { PROFILES } from '../../src/config/profiles';
import { AWS_REGIONS } from '../../src/aws-facts/regions';

const OPERATOR = 'arn:aws:iam::123456789012:role/payments-db-bootstrap';

function load(database: unknown, env: Record<string, string> = {}) {
  return loadConfig({ ...env, CONFIG_FILE: 'c.json' }, () => JSON.stringify({ database }));
}

function problemsOf(database: unknown, env: Record<string, string> = {}): ConfigProblem[] {
  try {
    load(database, env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('database.bootstrapPrincipalArns', () => {
  it('accepts IAM role and user ARNs and resolves every default off', () => {
    const database = load({
      bootstrapPrincipalArns: [OPERATOR, 'arn:aws:iam::123456789012:user/ops'],
      breakGlassPrincipalArns: ['arn:aws:iam::123456789012:role/payments-break-glass'],
    }).database;
    expect(database.bootstrapPrincipalArns).toHaveLength(2);
    expect(database.breakGlassPrincipalArns).toHaveLength(1);
    const defaults = load({}).database;
    expect(defaults.bootstrapPrincipalArns).toEqual([]);
    expect(defaults.breakGlassPrincipalArns).toEqual([]);
    expect(defaults.adminAccess).toBe(false);
  });

  it.each([
    [
      'bootstrapPrincipalArns',
      ['arn:aws:iam::123456789012:root'],
      'is not an IAM role or user ARN',
    ],
    ['bootstrapPrincipalArns', [OPERATOR, OPERATOR], 'lists an ARN twice'],
    ['breakGlassPrincipalArns', ['payments-break-glass'], 'is not an IAM role or user ARN'],
    [
      'breakGlassPrincipalArns',
      'arn:aws:iam::123456789012:role/x',
      'must be a list of IAM role or user ARNs',
    ],
  ])('refuses %s = %j with the rule and an example', (field, value, rule) => {
    const problems = problemsOf({ [field]: value }).filter((p) => p.rule.includes(rule));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toMatch(new RegExp(`^database\\.${field}`));
    expect(problems[0]!.example).toMatch(/^\["arn:aws:iam::123456789012:role\//);
  });

  it('suggests the key a typo meant', () => {
    const [problem] = problemsOf({ bootstrapPrincipalArn: [OPERATOR] });
    expect(problem!.rule).toContain('did you mean "bootstrapPrincipalArns"?');
  });
});

describe('the Data API is refused where AWS does not offer it', () => {
  it('passes in a verified Region with the default engine versions', () => {
    for (const engine of ['aurora-mysql', 'aurora-postgresql']) {
      expect(problemsOf({ engine, bootstrapPrincipalArns: [OPERATOR] })).toEqual([]);
    }
  });

  it.each(DATA_API_UNAVAILABLE_REGIONS)(
    'refuses %s, which AWS lists as "Not available"',
    (region) => {
      const problems = problemsOf({ bootstrapPrincipalArns: [OPERATOR] }, { AWS_REGION: region });
      expect(problems).toEqual([
        {
          field: 'AWS_REGION',
          value: region,
          rule: expect.stringContaining('does not offer the RDS Data API'),
          example: '"us-east-1" (or remove database.bootstrapPrincipalArns)',
        },
      ]);
    },
  );

  it('refuses a Region nobody has verified, and says how to add one', () => {
    const [problem] = problemsOf(
      { bootstrapPrincipalArns: [OPERATOR] },
      { AWS_REGION: 'eu-west-1' },
    );
    expect(problem!.rule).toMatch(
      /not a Region this project has verified.*src\/aws-facts\/data-api\.ts/,
    );
    // Without the bootstrap path the same Region is fine.
    expect(problemsOf({}, { AWS_REGION: 'eu-west-1' })).toEqual([]);
  });

  it.each([
    ['aurora-mysql', '8.0.mysql_aurora.3.06.0', '8.0.mysql_aurora.3.07.0 or later'],
    ['aurora-postgresql', '17.2', '17.4 or later within 17'],
    ['aurora-postgresql', '16.0', '16.1 or later within 16'],
  ])('refuses %s %s (needs %s), naming the field and a valid example', (engine, version, needs) => {
    // minCapacity 0.5: dev's auto-pause default needs newer versions of its own.
    const problems = problemsOf({
      engine,
      engineVersion: version,
      minCapacity: 0.5,
      bootstrapPrincipalArns: [OPERATOR],
    });
    expect(problems).toEqual([
      {
        field: 'database.engineVersion',
        value: version,
        rule: expect.stringContaining(needs),
        example: expect.stringMatching(/^"(8\.0\.mysql_aurora\.3\.12\.0|17\.6)"$/),
      },
    ]);
    // The same version without the bootstrap path is accepted.
    expect(problemsOf({ engine, engineVersion: version, minCapacity: 0.5 })).toEqual([]);
  });

  it('prints the problem as a user reads it, without a stack trace', () => {
    try {
      load({ bootstrapPrincipalArns: [OPERATOR] }, { AWS_REGION: 'ap-south-2' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(
        /^Invalid configuration \(1 problem\):\n {2}AWS_REGION: "ap-south-2" is a Region where AWS does not offer the RDS Data API.*Example: "us-east-1".*\nNothing was synthesized\.$/s,
      );
    }
  });

  it('knows the version floors and only Regions the project itself knows', () => {
    expect(supportsDataApi('aurora-mysql', '8.0.mysql_aurora.3.07.0')).toBe(true);
    expect(supportsDataApi('aurora-mysql', '8.0.mysql_aurora.3.06.9')).toBe(false);
    expect(supportsDataApi('aurora-postgresql', '16.1')).toBe(true);
    expect(supportsDataApi('aurora-postgresql', '17.3')).toBe(false);
    expect(supportsDataApi('aurora-postgresql', '17.4')).toBe(true);
  });

  it('handles the PostgreSQL 18 column (18.3 and higher) and refuses majors the table lacks', () => {
    // Main accepted every major above 17: 18.0-18.2 have no Data API in AWS's table.
    expect(supportsDataApi('aurora-postgresql', '18.2')).toBe(false);
    expect(supportsDataApi('aurora-postgresql', '18.3')).toBe(true);
    expect(supportsDataApi('aurora-postgresql', '18.10')).toBe(true);
    expect(supportsDataApi('aurora-postgresql', '19.1')).toBe(false);
    expect(supportsDataApi('aurora-postgresql', '15.9')).toBe(false);
    for (const region of [...DATA_API_REGIONS, ...DATA_API_UNAVAILABLE_REGIONS]) {
      expect(Object.keys(AWS_REGIONS)).toContain(region);
    }
  });
});

describe('database.adminAccess', () => {
  it('is off in every profile and on when configured', () => {
    for (const profile of Object.values(PROFILES)) expect(profile.databaseAdminAccess).toBe(false);
    expect(load({ adminAccess: { enabled: true } }).database.adminAccess).toBe(true);
    expect(load({ adminAccess: {} }).database.adminAccess).toBe(false);
  });

  it('refuses a value that is not a boolean, and a misspelt key', () => {
    expect(problemsOf({ adminAccess: { enabled: 'yes' } })).toEqual([
      {
        field: 'database.adminAccess.enabled',
        value: 'yes',
        rule: 'must be true or false',
        example: 'true',
      },
    ]);
    const [typo] = problemsOf({ adminAccess: { enable: true } });
    expect(typo!.rule).toContain('did you mean "enabled"?');
  });
});
