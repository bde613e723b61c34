import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EnvironmentResolution } from '../../src/config/environments';
import {
  EnvironmentFileError,
  EnvironmentSelectionError,
  listEnvironmentFiles,
  resolveEnvironments,
} from '../../src/config/environments';
import { loadConfig } from '../../src/config/load';
import { RESERVED_ENVIRONMENT_NAMES } from '../../src/naming/reserved';
import { STATE_STACK_NAME } from '../../src/stacks/state-bucket-stack';
import { synthesize } from '../../src/synth/synthesize';
import { scratchFolders } from '../helpers/scratch';
import { runCommand } from '../helpers/command';
import { synthCommand } from '../../src/cli/commands/synth';
import { deployCommand, destroyCommand, planCommand } from '../../src/cli/commands/deploy';
import { costCommand } from '../../src/cli/commands/cost';
import { resilienceCommand } from '../../src/cli/commands/resilience';
import { diagramCommand } from '../../src/cli/commands/diagram';
import { verifyCommand } from '../../src/cli/commands/verify';
import { dbBootstrapSqlCommand } from '../../src/cli/commands/db-bootstrap-sql';
import { dbBootstrapCommand } from '../../src/cli/commands/db-bootstrap';

const root = resolve(__dirname, '..', '..');
const scratch = scratchFolders('payment-envs-');

const STAGING_EU = {
  profile: 'staging',
  region: 'eu-west-1',
  allowedAccountIds: ['210987654321'],
  compute: { kind: 'ecs-fargate' },
  database: { engine: 'aurora-postgresql' },
};

/** A project folder whose config/ holds `files` (name -> JSON object or raw text). */
function project(files: Record<string, unknown>): string {
  const dir = scratch();
  mkdirSync(join(dir, 'config'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(
      join(dir, 'config', `${name}.json`),
      typeof content === 'string' ? content : JSON.stringify(content),
    );
  }
  return dir;
}

const resolveIn = (
  projectRoot: string,
  options: { names?: string[]; all?: boolean; ephemeral?: string; env?: Record<string, string> },
): EnvironmentResolution =>
  resolveEnvironments({
    projectRoot,
    names: options.names ?? [],
    all: options.all ?? false,
    env: options.env ?? {},
    ...(options.ephemeral !== undefined ? { ephemeral: options.ephemeral } : {}),
  });

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the resolution to fail');
}

describe('the committed environments', () => {
  it('each of config/*.json resolves, with the stack name, tag and state key of its name', () => {
    const { environments } = resolveIn(root, { all: true });
    expect(environments.map((e) => [e.name, e.config.profile, e.config.region])).toEqual([
      ['dev', 'dev', 'us-east-1'],
      ['prod', 'prod', 'us-east-1'],
      ['staging', 'staging', 'us-east-1'],
    ]);
    for (const e of environments) {
      expect(e.config.suffix).toBe(e.name);
      expect(e.config.tags['Environment']).toBe(e.name);
    }
  });
});

describe('reproductions of issue 20', () => {
  it('AWS_REGION=eu-west-1 --env staging-eu with a file that names no profile or Region is refused, not a dev stack in us-east-1', () => {
    const dir = project({ 'staging-eu': {} });
    const error = failure(() => resolveIn(dir, { names: ['staging-eu'], env: {} }));
    expect(error).toBeInstanceOf(EnvironmentFileError);
    expect(error.message).toContain('profile: (not set) is required');
    expect(error.message).toContain('region: (not set) is required');
  });

  it('config/staging-eu.json with profile staging and region eu-west-1 is a staging stack in eu-west-1, and a disagreeing AWS_REGION is refused', () => {
    const dir = project({ 'staging-eu': STAGING_EU });
    const [env] = resolveIn(dir, { names: ['staging-eu'] }).environments;
    expect(env?.config.profile).toBe('staging');
    expect(env?.config.region).toBe('eu-west-1');
    expect(env?.config.compute.kind).toBe('ecs-fargate');
    // A variable that repeats the file is accepted; one that disagrees is refused.
    expect(
      resolveIn(dir, { names: ['staging-eu'], env: { AWS_REGION: 'eu-west-1' } }).environments,
    ).toHaveLength(1);
    const error = failure(() =>
      resolveIn(dir, { names: ['staging-eu'], env: { AWS_REGION: 'us-east-1' } }),
    );
    expect(error.message).toContain('AWS_REGION: "us-east-1" differs from region ("eu-west-1")');
  });

  it('a typo (--env stagin) is an error naming the environments, with did-you-mean, never a new dev environment', () => {
    const dir = project({
      dev: { region: 'us-east-1' },
      staging: { ...STAGING_EU, profile: undefined },
    });
    const error = failure(() => resolveIn(dir, { names: ['stagin'] }));
    expect(error).toBeInstanceOf(EnvironmentSelectionError);
    expect(error.message).toContain('There is no environment "stagin"');
    expect(error.message).toContain('Did you mean "staging"?');
    expect(error.message).toContain('Environments: dev, staging.');
  });

  it('config/dev.json is read for dev by every command (logRetentionDays 180 is 180, not the profile default 90)', () => {
    const dir = project({ dev: { region: 'us-east-1', logRetentionDays: 180 } });
    expect(resolveIn(dir, {}).environments[0]?.config.settings.logRetentionDays).toBe(180);
    expect(
      resolveIn(dir, { names: ['dev'] }).environments[0]?.config.settings.logRetentionDays,
    ).toBe(180);
  });

  it('--all is every file in config/, for every command', () => {
    const dir = project({
      dev: { region: 'us-east-1' },
      'staging-eu': STAGING_EU,
    });
    expect(resolveIn(dir, { all: true }).environments.map((e) => e.name)).toEqual([
      'dev',
      'staging-eu',
    ]);
  });

  it('CONFIG_FILE or ALLOWED_ACCOUNT_IDS with --all is refused: no variable reaches every environment', () => {
    expect(
      failure(() =>
        resolveIn(root, { all: true, env: { CONFIG_FILE: join(root, 'config/prod.json') } }),
      ).message,
    ).toContain('CONFIG_FILE selects an environment');
    expect(
      failure(() => resolveIn(root, { all: true, env: { ALLOWED_ACCOUNT_IDS: '123456789012' } }))
        .message,
    ).toContain('ALLOWED_ACCOUNT_IDS would apply to every environment');
    expect(
      failure(() =>
        resolveIn(root, {
          names: ['dev', 'staging'],
          env: { ALLOWED_ACCOUNT_IDS: '123456789012' },
        }),
      ).message,
    ).toContain('ALLOWED_ACCOUNT_IDS would apply to every environment');
  });

  it('with one environment, a variable that would change its identity is refused, naming the file key', () => {
    const error = failure(() =>
      resolveIn(root, { names: ['dev'], env: { ALLOWED_ACCOUNT_IDS: '123456789012' } }),
    );
    expect(error.message).toContain(
      'ALLOWED_ACCOUNT_IDS: "123456789012" would set allowedAccountIds, which config/dev.json does not hold',
    );
    expect(
      failure(() =>
        resolveIn(root, { names: ['dev'], env: { TERRAFORM_STATE_BUCKET: 'acme-state' } }),
      ).message,
    ).toContain('would set backend.bucket');
    expect(
      failure(() =>
        resolveIn(root, { env: { ENVIRONMENT: 'dev', CONFIG_FILE: 'config/prod.json' } }),
      ).message,
    ).toContain('CONFIG_FILE: "config/prod.json" is not environment dev\'s file');
    expect(
      failure(() => resolveIn(root, { env: { ENVIRONMENT_SUFFIX: 'dev', ENVIRONMENT: 'prod' } }))
        .message,
    ).toContain('ENVIRONMENT: "prod" differs from environment dev\'s profile');
  });

  it("ENVIRONMENT_SUFFIX=tfstate (or any case of it) cannot take the state-bucket stack's folder and state", () => {
    for (const name of ['tfstate', 'TFSTATE', 'TfState']) {
      const error = failure(() => resolveIn(root, { env: { ENVIRONMENT_SUFFIX: name } }));
      expect(error).toBeInstanceOf(EnvironmentSelectionError);
      expect(error.message).toContain('is reserved for the Terraform state-bucket stack');
    }
    const dir = project({
      dev: { region: 'us-east-1' },
      TFSTATE: { profile: 'dev', region: 'us-east-1' },
    });
    expect(listEnvironmentFiles(dir).problems[0]).toContain(
      'config/TFSTATE.json: the file name "TFSTATE" is reserved',
    );
    expect(failure(() => resolveIn(dir, { all: true })).message).toContain('is reserved');
  });

  it('two files that differ only in case are one environment on a case-insensitive file system', () => {
    const dir = project({ 'qa-one': { profile: 'dev', region: 'us-east-1' } });
    writeFileSync(join(dir, 'config', 'Qa-one.json'), '{}');
    const { problems } = listEnvironmentFiles(dir);
    expect(problems.join('\n')).toMatch(/Qa-one/);
  });
});

describe('reserved names', () => {
  it("hold the state-bucket stack's name, so no environment can write its folder or state", () => {
    expect(RESERVED_ENVIRONMENT_NAMES.map((r) => `payment-${r.name}`)).toContain(STATE_STACK_NAME);
  });
});

describe('identity rules of a file', () => {
  it('a file named after a profile may omit profile, and must agree when it names one', () => {
    const dir = project({ staging: { profile: 'dev', region: 'us-east-1' } });
    expect(failure(() => resolveIn(dir, { names: ['staging'] })).message).toContain(
      'profile: "dev" differs from the environment\'s name "staging"',
    );
  });

  it('staging and prod need allowedAccountIds; dev does not', () => {
    const dir = project({
      'qa-staging': { profile: 'staging', region: 'us-east-1' },
      dev: { region: 'us-east-1' },
    });
    expect(failure(() => resolveIn(dir, { names: ['qa-staging'] })).message).toContain(
      'allowedAccountIds: (not set) is required for the staging profile',
    );
    expect(resolveIn(dir, { names: ['dev'] }).environments).toHaveLength(1);
  });

  it('$schema is an accepted key; a key given twice is refused, naming it', () => {
    const dir = project({
      dev: '{"$schema": "../docs/config.schema.json", "region": "us-east-1", "region": "eu-west-1"}',
    });
    expect(failure(() => resolveIn(dir, { names: ['dev'] })).message).toContain(
      'region: "' + join(dir, 'config', 'dev.json') + '" (the file) is given twice',
    );
  });

  it('a directory or a device named like an environment file is not one', () => {
    const dir = project({ dev: { region: 'us-east-1' } });
    mkdirSync(join(dir, 'config', 'qa.json'));
    symlinkSync('/dev/zero', join(dir, 'config', 'zero.json'));
    const { files, problems } = listEnvironmentFiles(dir);
    expect(files.map((f) => f.name)).toEqual(['dev']);
    expect(problems).toEqual([
      'config/qa.json is not a regular file; an environment is a JSON file',
      'config/zero.json is not a regular file; an environment is a JSON file',
    ]);
  });
});

describe('overrides', () => {
  it('with one environment, the overrides that remain apply and are reported', () => {
    const resolution = resolveIn(root, { names: ['dev'], env: { TEAM: 'payments' } });
    expect(resolution.environments[0]?.config.tags['Team']).toBe('payments');
    expect(resolution.overrides).toEqual(['TEAM=payments sets the Team tag (not in the file).']);
  });

  it('with several environments no variable applies, and each one set is reported as ignored', () => {
    const resolution = resolveIn(root, {
      all: true,
      env: { TEAM: 'payments', AWS_REGION: 'eu-west-1' },
    });
    for (const e of resolution.environments) {
      expect(e.config.tags['Team']).toBeUndefined();
      expect(e.config.region).toBe('us-east-1');
    }
    expect(resolution.ignored).toHaveLength(2);
    expect(resolution.ignored.join('\n')).toContain('AWS_REGION is ignored');
  });
});

describe('ephemeral environments', () => {
  it('derive from one named environment under their own name, stack and state key', () => {
    const { environments } = resolveIn(root, { names: ['dev'], ephemeral: 'pr123' });
    expect(environments).toHaveLength(1);
    expect(environments[0]).toMatchObject({
      name: 'pr123',
      derivedFrom: 'dev',
      file: 'config/dev.json',
    });
    expect(environments[0]?.config.suffix).toBe('pr123');
    expect(environments[0]?.config.profile).toBe('dev');
  });

  it('never from prod, never under a committed, reserved or profile name, never without one --env', () => {
    expect(failure(() => resolveIn(root, { names: ['prod'], ephemeral: 'pr1' })).message).toContain(
      'it has the prod profile',
    );
    expect(
      failure(() => resolveIn(root, { names: ['dev'], ephemeral: 'staging' })).message,
    ).toContain('is the name of the committed environment config/staging.json');
    expect(
      failure(() => resolveIn(root, { names: ['dev'], ephemeral: 'prod-copy' })).message,
    ).toContain('names a prod deployment');
    expect(
      failure(() => resolveIn(root, { names: ['dev'], ephemeral: 'tfstate' })).message,
    ).toContain('is reserved');
    expect(failure(() => resolveIn(root, { all: true, ephemeral: 'pr1' })).message).toContain(
      '--ephemeral derives one environment',
    );
  });
});

/** A committed environment file of this repository. */
function committed(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(root, 'config', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

describe('upgrading does not change a deployed environment', () => {
  // What a user's variables held before, and the file that holds the same after.
  const cases: Array<{
    name: string;
    variables: Record<string, string>;
    before: Record<string, unknown> | undefined;
    after: Record<string, unknown>;
  }> = [
    { name: 'dev', variables: {}, before: undefined, after: { region: 'us-east-1' } },
    {
      name: 'pr7',
      variables: {
        ENVIRONMENT: 'staging',
        ENVIRONMENT_SUFFIX: 'pr7',
        AWS_REGION: 'eu-west-1',
        ALLOWED_ACCOUNT_IDS: '210987654321',
        TERRAFORM_STATE_BUCKET: 'acme-terraform-state',
        TERRAFORM_STATE_BUCKET_REGION: 'us-east-1',
        TERRAFORM_STATE_KMS_KEY_ID:
          'arn:aws:kms:us-east-1:210987654321:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9',
      },
      before: { compute: { kind: 'ecs-fargate' }, database: { engine: 'aurora-postgresql' } },
      after: {
        $schema: '../docs/config.schema.json',
        profile: 'staging',
        region: 'eu-west-1',
        allowedAccountIds: ['210987654321'],
        backend: {
          bucket: 'acme-terraform-state',
          region: 'us-east-1',
          kmsKeyId: 'arn:aws:kms:us-east-1:210987654321:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9',
        },
        compute: { kind: 'ecs-fargate' },
        database: { engine: 'aurora-postgresql' },
      },
    },
    {
      name: 'staging',
      variables: { ENVIRONMENT: 'staging', ALLOWED_ACCOUNT_IDS: '210987654321' },
      before: undefined,
      after: committed('staging'),
    },
    {
      name: 'prod',
      variables: { ENVIRONMENT: 'prod' },
      // config/prod.json before this change: no region, no $schema.
      before: {
        certificate: {
          certificateArn:
            'arn:aws:acm:us-east-1:123456789012:certificate/0e5e4a57-c249-4249-aafc-3b40fcd541e9',
        },
        allowedAccountIds: ['123456789012'],
        alarmEmail: 'payments-oncall@example.com',
        keyAdministratorArns: ['arn:aws:iam::123456789012:role/payments-key-admin'],
        // Added with the account baseline (docs/account-baseline.md), in both files alike.
        accountBaseline: { account: 'main' },
      },
      after: committed('prod'),
    },
  ];

  for (const c of cases) {
    it(`${c.name}: stack name, Environment tag, state key and synthesized JSON are byte-identical`, () => {
      const dir = project({ [c.name]: c.after });
      const before = loadConfig(
        c.before ? { ...c.variables, CONFIG_FILE: 'before.json' } : c.variables,
        () => JSON.stringify(c.before),
      );
      const [after] = resolveIn(dir, { names: [c.name] }).environments;
      const text = (outdir: string, config: typeof before) => {
        const result = synthesize({ configs: [config], outdir, projectRoot: dir });
        return readFileSync(result.stacks[0]!.synthesizedStackPath, 'utf8');
      };
      const old = text('before', before);
      const now = text('after', after!.config);
      expect(now).toBe(old);
      const json = JSON.parse(now) as {
        terraform: { backend: Record<string, { key?: string }> };
        provider: { aws: Array<{ default_tags: Array<{ tags: Record<string, string> }> }> };
      };
      expect(json.provider.aws[0]?.default_tags[0]?.tags['Environment']).toBe(c.name);
      if (c.variables.TERRAFORM_STATE_BUCKET)
        expect(json.terraform.backend['s3']?.key).toBe(`${c.name}/payment-${c.name}.tfstate`);
    });
  }
});

describe('--env and --all mean the same in every command (one table)', () => {
  // Each command that acts on environments, through the one command-line contract.
  const commands = [
    synthCommand,
    planCommand,
    deployCommand,
    destroyCommand,
    costCommand,
    resilienceCommand,
    diagramCommand,
  ];
  const dir = project({
    dev: { region: 'us-east-1' },
    staging: { ...STAGING_EU, profile: undefined },
  });

  it.each(commands.map((c) => [c.name, c] as const))(
    '%s: an unknown --env is exit 2 with the environments and did-you-mean; ephemeral from prod is refused',
    async (_name, command) => {
      const typo = await runCommand(command, ['--env', 'stagin'], { cwd: dir, env: {} });
      expect(typo.code).toBe(2);
      expect(typo.err).toContain('There is no environment "stagin"');
      expect(typo.err).toContain('Did you mean "staging"?');
      expect(typo.err).toContain('Environments: dev, staging.');
      const both = await runCommand(command, ['--all', '--env', 'dev'], { cwd: dir, env: {} });
      expect(both.code).toBe(2);
      expect(both.err).toContain('--all cannot be combined with --env');
      const pinned = await runCommand(command, ['--all'], {
        cwd: dir,
        env: { ALLOWED_ACCOUNT_IDS: '123456789012' },
      });
      expect(pinned.code).toBe(2);
      expect(pinned.err).toContain('ALLOWED_ACCOUNT_IDS would apply to every environment');
    },
  );

  it.each(
    [verifyCommand, dbBootstrapSqlCommand, dbBootstrapCommand].map((c) => [c.name, c] as const),
  )(
    '%s (one environment): an unknown --env is exit 2 with did-you-mean',
    async (_name, command) => {
      const typo = await runCommand(command, ['--env', 'stagin'], { cwd: dir, env: {} });
      expect(typo.code).toBe(2);
      expect(typo.err).toContain('Did you mean "staging"?');
    },
  );
});
