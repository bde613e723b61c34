/**
 * A scratch project for the CI roles: dev, staging and prod in account 123456789012 with the
 * S3 state backend, and an account file `ci` whose `ci` lists them (each environment names it in `accountBaseline`).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AccountBaselineConfig } from '../../src/config/account-baseline';
import type { CiEnvironmentProps } from '../../src/constructs/ci/deploy-roles';
import { deriveCiEnvironments } from '../../src/synth/account-ci';
import { accountConfig } from './baseline';

export const CI_ACCOUNT_ID = '123456789012';
export const STATE_BUCKET = 'payment-state-shared-123456789012-use1';
export const STATE_KEY_ARN =
  'arn:aws:kms:us-east-1:123456789012:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9';

export const CI_ACCOUNT_FILE = {
  accountId: CI_ACCOUNT_ID,
  homeRegion: 'us-east-1',
  regions: { 'us-east-1': { findingsEnvironment: 'prod' } },
  environments: ['dev', 'staging', 'prod'],
  keyAdministratorArns: ['arn:aws:iam::123456789012:role/payments-key-admin'],
  ci: {
    github: { repository: 'acme/payments', branch: 'main' },
    environments: ['dev', 'staging', 'prod'],
  },
};

/** Writes the project; `edit` may change each environment file before it is written. */
export function ciProject(
  edit: (name: string, file: Record<string, unknown>) => void = () => undefined,
): string {
  const root = mkdtempSync(join(tmpdir(), 'payment-ci-project-'));
  mkdirSync(join(root, 'config', 'accounts'), { recursive: true });
  writeFileSync(join(root, 'config', 'accounts', 'ci.json'), JSON.stringify(CI_ACCOUNT_FILE));
  for (const name of ['dev', 'staging', 'prod']) {
    const file = JSON.parse(
      readFileSync(resolve(__dirname, '..', '..', 'config', `${name}.json`), 'utf8'),
    ) as Record<string, unknown>;
    delete file['$schema'];
    file['allowedAccountIds'] = [CI_ACCOUNT_ID];
    file['backend'] = { bucket: STATE_BUCKET, region: 'us-east-1', kmsKeyId: STATE_KEY_ARN };
    file['accountBaseline'] = { account: 'ci' };
    edit(name, file);
    writeFileSync(join(root, 'config', `${name}.json`), JSON.stringify(file));
  }
  return root;
}

let cached: { config: AccountBaselineConfig; environments: CiEnvironmentProps[] } | undefined;

/** Account `ci` (the file above) and its derived CI environments (cached per worker). */
export function ciDerived(): { config: AccountBaselineConfig; environments: CiEnvironmentProps[] } {
  if (!cached) {
    const config = accountConfig('ci', CI_ACCOUNT_FILE);
    cached = {
      config,
      environments: deriveCiEnvironments({ config, projectRoot: ciProject(), env: {} }),
    };
  }
  return cached;
}
