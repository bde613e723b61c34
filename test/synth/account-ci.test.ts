/** The CI roles' inputs derived from each environment's synthesized stack (src/synth/account-ci.ts). */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/compliance/engine';
import { RULES } from '../../src/compliance/rules';
import { buildGraph } from '../../src/tfjson/graph';
import { resolveEnvironments } from '../../src/config/environments';
import { buildApp } from '../../src/stacks/app';
import { synthesizeAccountBaseline } from '../../src/synth/account';
import { ConfigError } from '../../src/config/errors';
import { deriveCiEnvironments, stateLocation } from '../../src/synth/account-ci';
import { accountConfig } from '../helpers/baseline';
import {
  CI_ACCOUNT_FILE,
  ciDerived,
  ciProject,
  STATE_BUCKET,
  STATE_KEY_ARN,
} from '../helpers/ci-project';

const derive = (edit: Parameters<typeof ciProject>[0]) =>
  deriveCiEnvironments({
    config: accountConfig('ci', CI_ACCOUNT_FILE),
    projectRoot: ciProject(edit),
    env: {},
  });

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError)
      return error.problems.map((p) => `${p.field}=${String(p.value)}: ${p.rule}`);
    throw error;
  }
  return [];
};

describe('deriving the CI roles from the environments', () => {
  it('takes each state location from the synthesized S3 backend: <name>/payment-<name>.tfstate', () => {
    const { environments } = ciDerived();
    expect(environments.map((e) => [e.name, e.prod, e.state])).toEqual(
      ['dev', 'staging', 'prod'].map((name) => [
        name,
        name === 'prod',
        {
          bucket: STATE_BUCKET,
          region: 'us-east-1',
          key: `${name}/payment-${name}.tfstate`,
          kmsKeyId: STATE_KEY_ARN,
        },
      ]),
    );
  });

  it('generates each apply policy with the account boundary, and the reads planning needs', () => {
    for (const e of ciDerived().environments) {
      const text = JSON.stringify(e.applyPolicies);
      expect(text).toContain(
        '"iam:PermissionsBoundary":"arn:aws:iam::123456789012:policy/ci-payment-boundary"',
      );
      expect(text).toContain(`role/payment-*-${e.name}"`);
      expect(e.readActions).toContain('ec2:DescribeVpcs');
      expect(e.readActions.every((a) => /:(Get|List|Describe|BatchGet)/.test(a))).toBe(true);
    }
  });

  it('denies each apply role the names of every project environment its patterns would reach', () => {
    // config/eu-dev.json, in no account's `ci`: dev's `payment-*-dev` matches its names.
    const projectRoot = ciProject();
    writeFileSync(
      join(projectRoot, 'config', 'eu-dev.json'),
      JSON.stringify({ region: 'us-east-1' }),
    );
    const derived = deriveCiEnvironments({
      config: accountConfig('ci', CI_ACCOUNT_FILE),
      projectRoot,
      env: {},
    });
    const denials = (name: string) =>
      derived
        .find((e) => e.name === name)!
        .applyPolicies.flatMap((p) => p.Statement)
        .filter((s) => s.Sid.startsWith('NotEnvironment'));
    expect(denials('dev').map((s) => [s.Sid, s.Effect])).toEqual([['NotEnvironmentEuDev', 'Deny']]);
    expect(JSON.stringify(denials('dev'))).toContain('role/payment-*-eu-dev"');
    expect(denials('staging')).toEqual([]);
    expect(denials('prod')).toEqual([]);
    // Without eu-dev in the project, dev's policy needs no Deny.
    expect(
      ciDerived()
        .environments.find((e) => e.name === 'dev')!
        .applyPolicies.flatMap((p) => p.Statement)
        .filter((s) => s.Sid.startsWith('NotEnvironment')),
    ).toEqual([]);
  });

  it('refuses an environment that keeps local state, naming it and the backend to add', () => {
    expect(
      problemsOf(() => derive((name, file) => name === 'staging' && delete file['backend'])),
    ).toEqual([
      'ci.environments=staging: keeps its state locally (config/staging.json has no "backend"): CI runs need the S3 state backend',
    ]);
  });

  it('refuses an environment bound to another account, or not naming this account', () => {
    expect(
      problemsOf(() =>
        derive((name, file) => {
          if (name === 'dev') file['allowedAccountIds'] = ['210987654321'];
          if (name === 'prod') delete file['accountBaseline'];
        }),
      ),
    ).toEqual([
      // dev's own accountBaseline check fails first (the account file is account 123456789012).
      expect.stringMatching(
        /^ci\.environments=dev: cannot be resolved: .*allowedAccountIds does not list/s,
      ),
      'ci.environments=prod: does not name account ci in its accountBaseline, so its roles would not carry the CI permissions boundary and its apply role could not create them',
    ]);
  });

  it('refuses an environment with no config file', () => {
    expect(
      problemsOf(() =>
        deriveCiEnvironments({
          config: accountConfig('ci', {
            ...CI_ACCOUNT_FILE,
            environments: ['dev', 'staging', 'prod', 'qa'],
            ci: { ...CI_ACCOUNT_FILE.ci, environments: ['qa'] },
          }),
          projectRoot: ciProject(),
          env: {},
        }),
      ),
    ).toEqual([expect.stringMatching(/^ci\.environments=qa: cannot be resolved: .*qa/s)]);
  });

  it("puts the account's CI boundary on every role of an environment the account's ci lists", () => {
    const root = ciProject();
    const [dev] = resolveEnvironments({
      projectRoot: root,
      env: {},
      names: ['dev'],
      all: false,
    }).environments;
    expect(dev!.config.permissionsBoundaryArn).toBe(
      'arn:aws:iam::123456789012:policy/ci-payment-boundary',
    );
    const outdir = mkdtempSync(join(tmpdir(), 'payment-ci-dev-'));
    try {
      const { app, stack } = buildApp(dev!.config, outdir);
      app.synth();
      const json = JSON.parse(
        readFileSync(join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'),
      ) as { resource: Record<string, Record<string, Record<string, unknown>>> };
      const roles = Object.values(json.resource['aws_iam_role']!);
      expect(roles.length).toBeGreaterThan(0);
      for (const role of roles)
        expect(role['permissions_boundary']).toBe(dev!.config.permissionsBoundaryArn);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('writes the account stacks with the roles, or nothing when an environment cannot have them', () => {
    const config = accountConfig('ci', CI_ACCOUNT_FILE);
    const good = ciProject();
    const result = synthesizeAccountBaseline({ config, outdir: 'out', projectRoot: good, env: {} });
    const global = readFileSync(result.stacks[0]!.synthesizedStackPath, 'utf8');
    expect(global).toContain('"name": "ci-payment-prod-apply"');
    const bad = ciProject((name, file) => name === 'dev' && delete file['backend']);
    expect(() =>
      synthesizeAccountBaseline({ config, outdir: 'out', projectRoot: bad, env: {} }),
    ).toThrow(/ci\.environments: "dev" keeps its state locally/);
    expect(existsSync(join(bad, 'out', 'stacks'))).toBe(false);
  });

  it('gives an environment with a custom domain its Route 53 grant, and the gate passes the roles', () => {
    const config = accountConfig('ci', CI_ACCOUNT_FILE);
    const root = ciProject((name, file) => {
      if (name === 'staging')
        file['certificate'] = {
          domainName: 'pay.staging.example.com',
          hostedZoneId: 'Z0123456789ABCDEFGHIJ',
        };
    });
    const result = synthesizeAccountBaseline({ config, outdir: 'out', projectRoot: root, env: {} });
    const text = readFileSync(result.stacks[0]!.synthesizedStackPath, 'utf8');
    expect(text).toContain('hostedzone/Z0123456789ABCDEFGHIJ');
    expect(text).toContain('route53:ChangeResourceRecordSetsNormalizedRecordNames');
    const graphs = result.stacks.map((s) =>
      buildGraph(
        JSON.parse(readFileSync(s.synthesizedStackPath, 'utf8')),
        s.synthesizedStackPath,
        s.name,
      ),
    );
    const open = evaluate(graphs, RULES, {
      path: 'none',
      suppressions: [],
      errors: [],
    }).stacks.flatMap((s) =>
      s.findings.filter((f) => f.ruleId.startsWith('PAY-ACCT-01') && !f.suppression),
    );
    expect(open.map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual([]);
  });

  it('reads the state location only from an S3 backend block', () => {
    expect(() => stateLocation({ terraform: { backend: {} } }, 'dev')).toThrow(
      'environment dev: its synthesized stack has no S3 backend',
    );
  });
});
