import { TIER_RESOLVED_DEFAULTS } from '../../src/config/types';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors';
import { loadWith, problemsWith } from '../helpers/config';
import type { Environment } from '../../src/config/load';
import { loadConfig } from '../../src/config/load';
import { PROFILES } from '../../src/config/profiles';
import { FIELD_EXAMPLES, CONFIG_FILE_KEYS, ENVIRONMENT_VARIABLES } from '../../src/config/schema';
import { MAX_SUFFIX_LENGTH } from '../../src/naming/naming';
import { TEST_ACCOUNT_ID, TEST_KEY_ADMINISTRATOR_ARN, testCertificateArn } from '../helpers/synth';

/** Prod needs a real certificate, its accounts and key administrators (see their own tests). */
const PROD_FILE = {
  certificate: { certificateArn: testCertificateArn() },
  allowedAccountIds: [TEST_ACCOUNT_ID],
  keyAdministratorArns: [TEST_KEY_ADMINISTRATOR_ARN],
};

const load = loadWith;
const problems = problemsWith;

function fieldsOf(env: Environment = {}, file?: unknown): string[] {
  return problems(env, file).map((p) => p.field);
}

describe('defaults', () => {
  it('builds the dev profile with no environment at all', () => {
    const config = load();
    expect(config.profile).toBe('dev');
    expect(config.suffix).toBe('dev');
    expect(config.region).toBe('us-east-1');
    expect(config.backend).toEqual({ kind: 'local' });
    expect(config.network.vpcCidr).toBe('10.0.0.0/16');
    expect(config.network.azCount).toBe(3);
    // The profile's defaults, less the ones a tier resolves (read from the tier instead).
    const tierResolved: readonly string[] = TIER_RESOLVED_DEFAULTS;
    expect(config.settings).toEqual(
      Object.fromEntries(Object.entries(PROFILES.dev).filter(([k]) => !tierResolved.includes(k))),
    );
    expect(config.database.minCapacity).toBe(PROFILES.dev.auroraMinCapacity);
  });

  it('takes the suffix from the profile when ENVIRONMENT_SUFFIX is unset or empty', () => {
    expect(load({ ENVIRONMENT: 'staging' }).suffix).toBe('staging');
    expect(load({ ENVIRONMENT: 'prod', ENVIRONMENT_SUFFIX: '' }, PROD_FILE).suffix).toBe('prod');
    expect(load({ ENVIRONMENT_SUFFIX: 'pr123' }).suffix).toBe('pr123');
  });

  it('applies config-file overrides on top of the profile', () => {
    const config = load(
      { ENVIRONMENT: 'prod' },
      {
        ...PROD_FILE,
        natGateways: 'single',
        interfaceEndpoints: ['ssm'],
        logRetentionDays: 731,
        azCount: 2,
      },
    );
    expect(config.settings.natGateways).toBe('single');
    expect(config.network.interfaceEndpoints).toEqual(['ssm']);
    expect(config.settings.logRetentionDays).toBe(731);
    expect(config.network.subnets.public).toHaveLength(2);
    expect(config.compute).toMatchObject({ instanceType: PROFILES.prod.instanceType });
    // Only resolved values: a tier's defaults are read from the tier, never from `settings`.
    expect(config.settings).not.toHaveProperty('instanceType');
    expect(config.settings).not.toHaveProperty('auroraMinCapacity');
  });

  it('selects an encrypted S3 backend from the state-bucket variables', () => {
    expect(load({ TERRAFORM_STATE_BUCKET: 'acme-tf-state' }).backend).toEqual({
      kind: 's3',
      bucket: 'acme-tf-state',
      region: 'us-east-1',
    });
    expect(
      load({
        TERRAFORM_STATE_BUCKET: 'acme-tf-state',
        TERRAFORM_STATE_BUCKET_REGION: 'eu-west-1',
        AWS_REGION: 'eu-central-1',
      }).backend,
    ).toEqual({ kind: 's3', bucket: 'acme-tf-state', region: 'eu-west-1' });
  });

  it('tags every resource with the fixed tags, the optional ones and configured ones', () => {
    const config = load(
      {
        ENVIRONMENT_SUFFIX: 'pr7',
        REPOSITORY: 'acme/infra',
        TEAM: 'platform',
        COMMIT_AUTHOR: 'jd',
      },
      { tags: { CostCenter: 'Payments', Owner: 'pay-team' } },
    );
    expect(config.tags).toEqual({
      Project: 'PaymentProcessing',
      CostCenter: 'Payments',
      Owner: 'pay-team',
      Repository: 'acme/infra',
      Team: 'platform',
      Author: 'jd',
      Environment: 'pr7',
      Profile: 'dev',
      ManagedBy: 'cdktn',
    });
  });
});

describe('every problem names the field, the value, the rule and an example', () => {
  it('formats each line as "field: value rule. Example: ..." and says nothing was synthesized', () => {
    let error: unknown;
    try {
      load({ AWS_REGION: 'mars-1' }, { azCount: 9 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('Invalid configuration (2 problems):');
    expect(message).toContain(
      '  AWS_REGION: "mars-1" is not an AWS Region this project knows. Example: "us-east-1".',
    );
    expect(message).toContain('  azCount: 9 is outside 2-6. Example: 3.');
    expect(message.trim().endsWith('Nothing was synthesized.')).toBe(true);
  });

  it('reports all problems at once, not only the first', () => {
    const found = fieldsOf(
      { ENVIRONMENT: 'qa', ENVIRONMENT_SUFFIX: 'Bad_Suffix', AWS_REGION: 'us-east-9' },
      { vpcCidr: '300.0.0.0/16', azCount: 1, natGateway: 'single', logRetentionDays: 100 },
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'ENVIRONMENT',
        'ENVIRONMENT_SUFFIX',
        'AWS_REGION',
        'vpcCidr',
        'azCount',
        'natGateway',
        'logRetentionDays',
      ]),
    );
  });

  it('has an example for every variable and config key', () => {
    for (const key of [...ENVIRONMENT_VARIABLES, ...CONFIG_FILE_KEYS]) {
      expect(FIELD_EXAMPLES[key], key).toBeTruthy();
    }
  });
});

describe('environment variables', () => {
  it('rejects an unknown profile', () => {
    const [problem] = problems({ ENVIRONMENT: 'production' });
    expect(problem).toMatchObject({ field: 'ENVIRONMENT', value: 'production' });
    expect(problem!.rule).toContain('dev, staging, prod');
  });

  it.each(['Dev', '1dev', '-dev', 'dev-', 'dev--x', 'dev_x', 'dév'])(
    'rejects the suffix %j (pattern)',
    (suffix) => {
      expect(fieldsOf({ ENVIRONMENT_SUFFIX: suffix })).toEqual(['ENVIRONMENT_SUFFIX']);
    },
  );

  it('accepts suffixes up to the length the tightest name allows, and rejects one more', () => {
    const longest = `a${'b'.repeat(MAX_SUFFIX_LENGTH - 1)}`;
    expect(load({ ENVIRONMENT_SUFFIX: longest }).suffix).toBe(longest);
    const [problem] = problems({ ENVIRONMENT_SUFFIX: `${longest}c` });
    expect(problem!.rule).toContain(`longer than ${MAX_SUFFIX_LENGTH} characters`);
    expect(problem!.rule).toContain('alb name');
  });

  it('rejects an unknown Region, for the stack and for the state bucket', () => {
    expect(
      fieldsOf({
        AWS_REGION: 'us-east-7',
        TERRAFORM_STATE_BUCKET: 'acme-state',
        TERRAFORM_STATE_BUCKET_REGION: 'europe',
      }),
    ).toEqual(['AWS_REGION', 'TERRAFORM_STATE_BUCKET_REGION']);
  });

  it('rejects a state bucket that is not a bucket name', () => {
    expect(fieldsOf({ TERRAFORM_STATE_BUCKET: 'Acme_State' })).toEqual(['TERRAFORM_STATE_BUCKET']);
  });

  it('rejects a state-bucket Region without a state bucket', () => {
    expect(fieldsOf({ TERRAFORM_STATE_BUCKET_REGION: 'us-east-1' })).toEqual([
      'TERRAFORM_STATE_BUCKET_REGION',
    ]);
  });

  it('takes a KMS key for the state objects only with a state bucket, and only as a key or alias ARN', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9';
    expect(
      load({ TERRAFORM_STATE_BUCKET: 'acme-tf-state', TERRAFORM_STATE_KMS_KEY_ID: key }).backend,
    ).toMatchObject({ kind: 's3', kmsKeyId: key });
    expect(fieldsOf({ TERRAFORM_STATE_KMS_KEY_ID: key })).toEqual(['TERRAFORM_STATE_KMS_KEY_ID']);
    expect(
      fieldsOf({ TERRAFORM_STATE_BUCKET: 'acme-tf-state', TERRAFORM_STATE_KMS_KEY_ID: 'my-key' }),
    ).toEqual(['TERRAFORM_STATE_KMS_KEY_ID']);
  });

  it('rejects tag variables with characters AWS tags refuse', () => {
    expect(fieldsOf({ TEAM: 'payments<script>' })).toEqual(['TEAM']);
  });
});

describe('config file', () => {
  it('reports a file that cannot be read, is not JSON, or is not an object', () => {
    expect(problems({ CONFIG_FILE: 'missing.json' }).map((p) => [p.field, p.value])).toEqual([
      ['CONFIG_FILE', 'missing.json'],
    ]);
    expect(
      loadConfigProblems(() => {
        throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      })[0]!.rule,
    ).toContain('ENOENT');
    expect(problems({}, '{ "azCount": ')[0]!.rule).toContain('is not valid JSON');
    expect(problems({}, '[1, 2]')[0]!.rule).toContain('must hold a JSON object');
  });

  it('rejects unknown keys and suggests the key that was meant', () => {
    const [problem] = problems({}, { vpcCidrr: '10.0.0.0/16' });
    expect(problem!.field).toBe('vpcCidrr');
    expect(problem!.rule).toContain('did you mean "vpcCidr"?');
    expect(problem!.example).toBe(FIELD_EXAMPLES.vpcCidr);
  });

  it.each([
    ['300.0.0.0/16', 'is not an IPv4 CIDR'],
    ['10.0.0.1/16', 'is not an IPv4 CIDR'],
    ['10.0.0.0', 'is not an IPv4 CIDR'],
    ['10.0.0.0/15', 'prefix outside /16-/24'],
    ['10.0.0.0/25', 'prefix outside /16-/24'],
    ['8.8.0.0/16', 'not inside a private range'],
    ['172.32.0.0/16', 'not inside a private range'],
  ])('rejects the VPC CIDR %j (%s)', (vpcCidr, rule) => {
    const [problem] = problems({}, { vpcCidr });
    expect(problem).toMatchObject({ field: 'vpcCidr', value: vpcCidr });
    expect(problem!.rule).toContain(rule);
  });

  it.each(['10.0.0.0/16', '172.16.0.0/20', '192.168.0.0/24'])('accepts the VPC CIDR %j', (cidr) => {
    expect(load({}, { vpcCidr: cidr, azCount: 2 }).network.vpcCidr).toBe(cidr);
  });

  it('rejects a VPC too small for three tiers in the AZs asked for, naming the size needed', () => {
    const [problem] = problems({}, { vpcCidr: '10.0.0.0/24', azCount: 6 });
    expect(problem!.field).toBe('vpcCidr');
    expect(problem!.rule).toContain('too small');
    expect(problem!.rule).toContain('/27');
    expect(problem!.example).toMatch(/^"10\.0\.0\.0\/2[0-3]"$/);
    // The suggested size really fits.
    const suggested = JSON.parse(problem!.example) as string;
    expect(load({}, { vpcCidr: suggested, azCount: 6 }).network.vpcCidr).toBe(suggested);
  });

  it.each([1, 7, 2.5, '3'])('rejects azCount %j', (azCount) => {
    expect(fieldsOf({}, { azCount })).toEqual(['azCount']);
  });

  it('rejects an unknown NAT mode and unknown or repeated endpoint services', () => {
    expect(fieldsOf({}, { natGateways: 'two' })).toEqual(['natGateways']);
    expect(fieldsOf({}, { interfaceEndpoints: ['ssm', 'sms'] })).toEqual(['interfaceEndpoints.1']);
    expect(fieldsOf({}, { interfaceEndpoints: ['ssm', 'ssm'] })).toEqual(['interfaceEndpoints']);
  });

  it.each([0, 100, 366, -1])('rejects a log retention CloudWatch does not accept: %j', (days) => {
    expect(fieldsOf({}, { logRetentionDays: days })).toEqual(['logRetentionDays']);
  });

  it('rejects a retention under 365 days in prod only', () => {
    expect(
      load({ ENVIRONMENT: 'staging' }, { logRetentionDays: 90 }).settings.logRetentionDays,
    ).toBe(90);
    const [problem] = problems({ ENVIRONMENT: 'prod' }, { ...PROD_FILE, logRetentionDays: 180 });
    expect(problem).toMatchObject({ field: 'logRetentionDays', value: 180 });
    expect(problem!.rule).toContain('PCI DSS 10.5.1');
    expect(
      load({ ENVIRONMENT: 'prod' }, { ...PROD_FILE, logRetentionDays: 365 }).settings
        .logRetentionDays,
    ).toBe(365);
  });

  it('rejects invalid tag keys, values and too many tags', () => {
    expect(fieldsOf({}, { tags: { 'aws:owner': 'x' } })).toEqual(['tags.aws:owner']);
    expect(fieldsOf({}, { tags: { Owner: 5 } })).toEqual(['tags.Owner']);
    expect(fieldsOf({}, { tags: 'Owner=x' })).toEqual(['tags']);
    const many = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`Tag${i}`, 'x']));
    expect(fieldsOf({}, { tags: many })).toEqual(['tags']);
  });
});

function loadConfigProblems(readFile: (path: string) => string) {
  try {
    loadConfig({ CONFIG_FILE: 'x.json' }, readFile);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}
