/**
 * `npm run ci-identity`: an environment's Region and CI role ARNs from the committed files
 * (src/config/ci-identity.ts), what the workflow templates read instead of a variable per
 * environment; refusals name the field and exit 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ciIdentityCommand } from '../../../src/cli/commands/ci-identity';
import { execute } from '../../../src/cli/contract';
import { synthesizeBaseline } from '../../helpers/baseline';
import { CI_ACCOUNT_FILE, ciDerived, ciProject } from '../../helpers/ci-project';

async function run(root: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await execute(ciIdentityCommand, argv, {
    cwd: root,
    env: {},
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    colour: false,
    interactive: false,
    today: '2026-12-06',
  });
  return { code, out: out.join(''), err: err.join('') };
}

/** The CI project plus staging-eu in eu-west-1, a name no GitHub variable can carry. */
function projectWithStagingEu(listed = true): string {
  const root = ciProject();
  const account = structuredClone(CI_ACCOUNT_FILE) as typeof CI_ACCOUNT_FILE & {
    regions: Record<string, unknown>;
  };
  account.regions['eu-west-1'] = { findingsEnvironment: 'staging-eu' };
  account.environments.push('staging-eu');
  if (listed) account.ci.environments.push('staging-eu');
  writeFileSync(join(root, 'config', 'accounts', 'ci.json'), JSON.stringify(account));
  const staging = JSON.parse(readFileSync(join(root, 'config', 'staging.json'), 'utf8'));
  staging.region = 'eu-west-1';
  staging.profile = 'staging';
  writeFileSync(join(root, 'config', 'staging-eu.json'), JSON.stringify(staging));
  return root;
}

describe('npm run ci-identity', () => {
  it('prints the Region and both role ARNs for $GITHUB_OUTPUT, hyphenated names included', async () => {
    const root = projectWithStagingEu();
    const result = await run(root, '--env', 'staging-eu', '--format', 'github');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      [
        'environment=staging-eu',
        'stack=payment-staging-eu',
        'region=eu-west-1',
        'account-id=123456789012',
        'plan-role-arn=arn:aws:iam::123456789012:role/ci-payment-staging-eu-plan',
        'apply-role-arn=arn:aws:iam::123456789012:role/ci-payment-staging-eu-apply',
        '',
      ].join('\n'),
    );
  });

  it('gives each environment its own roles, and JSON on request', async () => {
    const root = ciProject();
    const prod = JSON.parse((await run(root, '--env', 'prod', '--format', 'json')).out);
    expect(prod).toEqual({
      environment: 'prod',
      stack: 'payment-prod',
      region: 'us-east-1',
      accountId: '123456789012',
      planRoleArn: 'arn:aws:iam::123456789012:role/ci-payment-prod-plan',
      applyRoleArn: 'arn:aws:iam::123456789012:role/ci-payment-prod-apply',
    });
    expect((await run(root, '--env', 'dev')).out).toContain(
      'apply role: arn:aws:iam::123456789012:role/ci-payment-dev-apply',
    );
  });

  it('refuses (exit 2) an environment the account file does not list under ci', async () => {
    const root = projectWithStagingEu(false);
    const result = await run(root, '--env', 'staging-eu');
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('ci.environments');
    expect(result.err).toContain('does not list "staging-eu"');
  });

  it('refuses (exit 2) an environment that names no account file', async () => {
    const root = ciProject((name, file) => {
      if (name === 'dev') delete file['accountBaseline'];
    });
    const result = await run(root, '--env', 'dev');
    expect(result.code).toBe(2);
    expect(result.err).toContain('accountBaseline');
    expect(result.err).toContain('(not set)');
  });

  it('needs --env, and refuses an unknown environment with the list', async () => {
    const root = ciProject();
    expect((await run(root)).code).toBe(2);
    const unknown = await run(root, '--env', 'stagign');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('staging');
  });
});

describe('ci-identity and the account stack', () => {
  it('names exactly the roles the account stack creates', async () => {
    const { config, environments } = ciDerived();
    const stack = synthesizeBaseline(config, environments).get('payment-account-ci')!;
    const roles = Object.values(
      (stack['resource'] as Record<string, Record<string, Record<string, unknown>>>)[
        'aws_iam_role'
      ]!,
    ).map((r) => r['name']);
    const root = ciProject();
    for (const name of ['dev', 'staging', 'prod']) {
      const identity = JSON.parse((await run(root, '--env', name, '--format', 'json')).out);
      for (const arn of [identity.planRoleArn, identity.applyRoleArn])
        expect(roles).toContain(arn.split(':role/')[1]);
    }
  });
});
