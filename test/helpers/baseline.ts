import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountBaselineConfig } from '../../src/config/account-baseline';
import type { CiEnvironmentProps } from '../../src/constructs/ci/deploy-roles';
import { loadAccountBaseline } from '../../src/config/account-baseline';
import { accountBaselineStacks } from '../../src/stacks/account-baseline';
import { createApp } from '../../src/stacks/app';

/** Valid account files for tests: `main` is the committed config/accounts/main.json. */
export const TWO_REGION_ACCOUNT = {
  accountId: '123456789012',
  homeRegion: 'us-east-1',
  regions: {
    'us-east-1': { findingsEnvironment: 'prod' },
    'eu-west-1': { findingsEnvironment: 'staging-eu', sessionPreferences: 'import' },
  },
  environments: ['prod', 'staging-eu'],
  keyAdministratorArns: ['arn:aws:iam::123456789012:role/payments-key-admin'],
};

/**
 * Loads an account file given as an object (the conformance packs are read from the
 * repository), exactly as `npm run synth -- --account` validates it.
 */
export function accountConfig(name: string, file: Record<string, unknown>): AccountBaselineConfig {
  return loadAccountBaseline(process.cwd(), name, (path) =>
    path.endsWith(`${name}.json`) ? JSON.stringify(file) : readFileSync(path, 'utf8'),
  );
}

/** The synthesized JSON of each baseline stack, by stack name. */
export function synthesizeBaseline(
  config: AccountBaselineConfig,
  ciEnvironments?: readonly CiEnvironmentProps[],
): Map<string, Record<string, unknown>> {
  const outdir = mkdtempSync(join(tmpdir(), 'payment-baseline-'));
  try {
    const app = createApp(outdir);
    const names = accountBaselineStacks(app, config, undefined, ciEnvironments).map(
      (s) => s.node.id,
    );
    app.synth();
    return new Map(
      names.map((name) => [
        name,
        JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Record<
          string,
          unknown
        >,
      ]),
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
