import { describe, expect, it } from 'vitest';
import { profileClaimedBy } from '../../src/config/identity';
import { loadWith, problemsWith } from '../helpers/config';
import { TEST_ACCOUNT_ID, TEST_KEY_ADMINISTRATOR_ARN, testCertificateArn } from '../helpers/synth';

/** Everything prod requires except `allowedAccountIds` (the key administrators came from main). */
const CERTIFICATE = {
  certificate: { certificateArn: testCertificateArn() },
  keyAdministratorArns: [TEST_KEY_ADMINISTRATOR_ARN],
};
const PROD_FILE = { ...CERTIFICATE, allowedAccountIds: [TEST_ACCOUNT_ID] };

const load = loadWith;
const problems = problemsWith;

describe('a suffix cannot take on another profile', () => {
  it.each([
    ['prod', 'prod'],
    ['prod-eu', 'prod'],
    ['production', 'prod'],
    ['staging', 'staging'],
    ['dev', 'dev'],
    ['staging-eu', undefined],
    ['pr123', undefined],
  ])('suffix %s claims %s', (suffix, claimed) => {
    expect(profileClaimedBy(suffix)).toBe(claimed);
  });

  it('refuses ENVIRONMENT_SUFFIX=prod with the dev profile, naming both variables and the fix', () => {
    const [problem, ...rest] = problems({
      ENVIRONMENT_SUFFIX: 'prod',
      TERRAFORM_STATE_BUCKET: 'acme',
    });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ field: 'ENVIRONMENT_SUFFIX', value: 'prod' });
    expect(problem!.rule).toContain('ENVIRONMENT selects the dev profile');
    expect(problem!.rule).toContain('set ENVIRONMENT=prod');
    expect(problem!.example).toContain('ENVIRONMENT=prod ENVIRONMENT_SUFFIX=prod');
  });

  it.each([
    [{ ENVIRONMENT: 'staging', ENVIRONMENT_SUFFIX: 'prod-eu' }],
    [{ ENVIRONMENT: 'dev', ENVIRONMENT_SUFFIX: 'staging' }],
    [{ ENVIRONMENT: 'staging', ENVIRONMENT_SUFFIX: 'dev' }],
  ])('refuses %j', (env) => {
    expect(problems(env).map((p) => p.field)).toEqual(['ENVIRONMENT_SUFFIX']);
  });

  it('accepts a suffix with its own profile, and free names with any profile', () => {
    expect(load({ ENVIRONMENT: 'prod', ENVIRONMENT_SUFFIX: 'prod-eu' }, PROD_FILE).suffix).toBe(
      'prod-eu',
    );
    expect(load({ ENVIRONMENT: 'staging', ENVIRONMENT_SUFFIX: 'staging-eu' }).profile).toBe(
      'staging',
    );
    expect(load({ ENVIRONMENT_SUFFIX: 'pr123' }).profile).toBe('dev');
  });

  it('keeps the S3 state key <suffix>/payment-<suffix>.tfstate (the stack builds it from the suffix)', () => {
    const config = load(
      { ENVIRONMENT: 'prod', ENVIRONMENT_SUFFIX: 'prod', TERRAFORM_STATE_BUCKET: 'acme' },
      PROD_FILE,
    );
    expect(config.suffix).toBe('prod');
    expect(config.backend).toEqual({ kind: 's3', bucket: 'acme', region: 'us-east-1' });
  });
});

describe('allowedAccountIds', () => {
  it('is required in prod', () => {
    const [problem, ...rest] = problems({ ENVIRONMENT: 'prod' }, CERTIFICATE);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      field: 'allowedAccountIds',
      value: undefined,
      example: '["123456789012"]',
    });
    expect(problem!.rule).toMatch(/^is required in prod/);
  });

  it('comes from the config file or from ALLOWED_ACCOUNT_IDS (comma-separated)', () => {
    expect(load({ ENVIRONMENT: 'prod' }, PROD_FILE).allowedAccountIds).toEqual([TEST_ACCOUNT_ID]);
    expect(
      load({ ENVIRONMENT: 'prod', ALLOWED_ACCOUNT_IDS: '123456789012, 210987654321' }, CERTIFICATE)
        .allowedAccountIds,
    ).toEqual(['123456789012', '210987654321']);
    expect(load().allowedAccountIds).toBeUndefined();
  });

  it.each([
    [{ allowedAccountIds: ['12345'] }, 'allowedAccountIds.0', /12 digits/],
    [{ allowedAccountIds: [123456789012] }, 'allowedAccountIds.0', /must be a string/],
    [{ allowedAccountIds: [] }, 'allowedAccountIds', /is empty/],
    [{ allowedAccountIds: '123456789012' }, 'allowedAccountIds', /must be a list/],
    [{ allowedAccountIds: [TEST_ACCOUNT_ID, TEST_ACCOUNT_ID] }, 'allowedAccountIds', /twice/],
  ])('%j is refused', (file, field, rule) => {
    const [problem, ...rest] = problems({}, file);
    expect(rest).toEqual([]);
    expect(problem!.field).toBe(field);
    expect(problem!.rule).toMatch(rule);
  });

  it('refuses a bad ALLOWED_ACCOUNT_IDS and one that differs from the file', () => {
    expect(problems({ ALLOWED_ACCOUNT_IDS: '1234' }).map((p) => p.field)).toEqual([
      'ALLOWED_ACCOUNT_IDS.0',
    ]);
    const [problem] = problems({ ALLOWED_ACCOUNT_IDS: '210987654321' }, PROD_FILE);
    expect(problem).toMatchObject({ field: 'ALLOWED_ACCOUNT_IDS', value: '210987654321' });
    expect(problem!.rule).toMatch(/differs from allowedAccountIds/);
  });
});

describe('reserved tags', () => {
  it.each(['Environment', 'Profile', 'ManagedBy'])('a configured %s tag is an error', (key) => {
    const [problem, ...rest] = problems({}, { tags: { Owner: 'payments', [key]: 'spoofed' } });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ field: `tags.${key}`, value: 'spoofed' });
    expect(problem!.rule).toMatch(/is a tag the stack sets itself/);
  });

  it('Project and CostCenter may still be overridden', () => {
    const config = load({}, { tags: { Project: 'Pay', CostCenter: 'Ops' } });
    expect(config.tags).toMatchObject({ Project: 'Pay', CostCenter: 'Ops', Profile: 'dev' });
  });
});
