import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEnvironments } from '../../src/config/environments';
import { loadConfig } from '../../src/config/load';
import { MigrationError, migrateEnvironment } from '../../src/config/migrate';
import { scratchFolders } from '../helpers/scratch';

const scratch = scratchFolders('payment-migrate-');

const VARIABLES = {
  ENVIRONMENT: 'staging',
  ENVIRONMENT_SUFFIX: 'staging-eu',
  AWS_REGION: 'eu-west-1',
  ALLOWED_ACCOUNT_IDS: '210987654321',
  TERRAFORM_STATE_BUCKET: 'acme-terraform-state',
  TERRAFORM_STATE_BUCKET_REGION: 'us-east-1',
  TERRAFORM_STATE_KMS_KEY_ID:
    'arn:aws:kms:us-east-1:210987654321:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9',
  TEAM: 'payments',
};

describe('npm run env:migrate', () => {
  it("writes today's variables and CONFIG_FILE's keys into config/<name>.json; the environment it then resolves is the one the variables made", () => {
    const root = scratch();
    writeFileSync(
      join(root, 'old.json'),
      JSON.stringify({
        compute: { kind: 'ecs-fargate' },
        database: { engine: 'aurora-postgresql' },
      }),
    );
    const env = { ...VARIABLES, CONFIG_FILE: join(root, 'old.json') };
    const before = loadConfig(env);
    const migration = migrateEnvironment({ projectRoot: root, env });
    expect(migration.file).toBe('config/staging-eu.json');
    expect(migration.kept).toEqual(['TEAM']);
    const written = JSON.parse(readFileSync(join(root, 'config', 'staging-eu.json'), 'utf8'));
    expect(written).toEqual({
      $schema: '../docs/config.schema.json',
      compute: { kind: 'ecs-fargate' },
      database: { engine: 'aurora-postgresql' },
      profile: 'staging',
      region: 'eu-west-1',
      allowedAccountIds: ['210987654321'],
      backend: {
        bucket: 'acme-terraform-state',
        region: 'us-east-1',
        kmsKeyId: 'arn:aws:kms:us-east-1:210987654321:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9',
      },
    });
    const [after] = resolveEnvironments({
      projectRoot: root,
      env: { TEAM: 'payments' },
      names: ['staging-eu'],
      all: false,
    }).environments;
    expect(after?.config).toEqual(before);
  });

  it('a variable that disagrees with the file writes nothing and says which', () => {
    const root = scratch();
    mkdirSync(join(root, 'config'));
    const file = join(root, 'config', 'qa.json');
    writeFileSync(file, '{ "profile": "dev", "region": "us-east-1" }');
    expect(() =>
      migrateEnvironment({
        projectRoot: root,
        env: { ENVIRONMENT: 'staging', ENVIRONMENT_SUFFIX: 'qa', AWS_REGION: 'eu-west-1' },
      }),
    ).toThrow(MigrationError);
    try {
      migrateEnvironment({
        projectRoot: root,
        env: { ENVIRONMENT: 'staging', ENVIRONMENT_SUFFIX: 'qa', AWS_REGION: 'eu-west-1' },
      });
    } catch (error) {
      expect((error as Error).message).toContain(
        'ENVIRONMENT gives profile "staging", but config/qa.json holds "dev"',
      );
      expect((error as Error).message).toContain('AWS_REGION gives region "eu-west-1"');
    }
    expect(readFileSync(file, 'utf8')).toBe('{ "profile": "dev", "region": "us-east-1" }');
  });

  it('refuses a reserved name', () => {
    expect(() =>
      migrateEnvironment({ projectRoot: scratch(), env: { ENVIRONMENT_SUFFIX: 'tfstate' } }),
    ).toThrow(/is reserved/);
  });
});
