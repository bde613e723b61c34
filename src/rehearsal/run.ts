/**
 * `npm run rehearse`: the project's own plan, deploy, verify, a second plan and destroy,
 * against a local AWS emulator, for environments derived from the committed ones. What it
 * proves: ordering, references, that apply and destroy run end to end, what the profile keeps
 * on destroy and that prod's protections hold. What it cannot: that AWS accepts every argument
 * (the emulator accepts much that AWS refuses), and the pinned provider's behaviour where the
 * machine has another version (docs/rehearsal.md).
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeleteDBClusterCommand, RDSClient } from '@aws-sdk/client-rds';
import type { CommandOptions } from '../deploy/args';
import { commandOptionsFor } from '../deploy/args';
import { runCommand } from '../deploy/commands';
import { findTerraform } from '../deploy/terraform';
import { retainedResources } from '../deploy/retained';
import { stackGraph } from '../deploy/stacks';
import type { SynthesizedStack } from '../deploy/stacks';
import { synthesizeAndGate } from '../deploy/synth';
import { listEnvironmentFiles } from '../config/environments';
import { adaptToProviders, mirrorProviders } from '../deploy/terraform-check/offline';
import { OperationFailed } from '../errors/problems';
import { writeFileAtomic } from '../files/write-atomic';
import { verify } from '../verify/verify';
import { classifyDrift } from './drift';
import type { StateResource } from './inventory';
import { afterDestroyProblems, stateResources } from './inventory';
import { presentIds } from './present';
import { deriveEnvironment } from './derive';
import type { Emulator } from './emulator';
import { findEmulator, startEmulator } from './emulator';
import { guardNetwork, rehearsalEnvironment } from './guard';
import { overlayFor } from './overlay';

export interface RehearsalOptions {
  readonly environments: readonly string[];
  readonly all: boolean;
  /** The folder whose `config/` holds the environment files (default: the project's own). */
  readonly project?: string;
}

export interface RehearsalIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** verify's checks that need a real load balancer or a flow log the emulator cannot take. */
export const VERIFY_SKIPPED: Readonly<Record<string, string>> = {
  'HTTP redirects to HTTPS': 'the emulator has no load balancer to connect to',
  'HTTPS /health answers 200': 'the emulator has no load balancer to connect to',
  'TLS 1.2+ only': 'the emulator has no load balancer to connect to',
  'Healthy targets across AZs': 'the emulator runs no instances or tasks that answer health checks',
  'VPC flow logs active': 'the flow log is left out (the emulator refuses its S3 destination)',
  'Alarm topic has a confirmed subscription': 'the emulator sends no confirmation e-mail',
};

interface StepLog {
  step(name: string): () => void;
  skipped(what: string, reason: string): void;
}

/** Runs the rehearsal; returns 0 when every environment passed, 1 otherwise. */
export async function rehearse(options: RehearsalOptions, io: RehearsalIo): Promise<number> {
  const moto = findEmulator(io.env);
  if (!moto) {
    io.stdout(
      'rehearse: SKIPPED: moto_server (the local AWS emulator, moto 5.x, Python) is not on PATH; nothing was rehearsed. It is not on the npm registry: install it with pip where you can (pip install "moto[server]").\n',
    );
    return 0;
  }
  const configRoot = resolve(io.cwd, options.project ?? '.');
  const names = options.all
    ? listEnvironmentFiles(configRoot).files.map((f) => f.name)
    : options.environments;
  if (names.length === 0) throw new OperationFailed('name an environment (--env dev) or --all');
  const started = performance.now();
  const log = stepLog(io, started);
  const scratchRoot = mkdtempSync(join(tmpdir(), 'payment-rehearsal-'));
  const emptyFile = join(scratchRoot, 'empty');
  writeFileSync(emptyFile, '');
  // The process itself runs without real credentials while it rehearses: its children
  // (terraform) and its own SDK clients (verify) inherit that.
  const saved = { ...process.env };
  const endProcessGuard = () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
  let emulator: Emulator | undefined;
  let unguard = () => {};
  const failures: string[] = [];
  try {
    const done = log.step(`starting the emulator (${moto})`);
    emulator = await startEmulator(
      moto,
      rehearsalEnvironment(io.env, new URL('http://127.0.0.1'), emptyFile),
      join(scratchRoot, 'emulator.log'),
    );
    done();
    const env = rehearsalEnvironment(io.env, emulator.endpoint, emptyFile);
    for (const key of Object.keys(process.env)) delete process.env[key];
    for (const [key, value] of Object.entries(env))
      if (value !== undefined) process.env[key] = value;
    unguard = guardNetwork();
    for (const name of names) {
      await emulator.reset();
      const problem = await rehearseOne(
        name,
        emulator,
        { ...io, env },
        configRoot,
        scratchRoot,
        log,
      );
      if (problem) failures.push(`${name}: ${problem}`);
    }
  } finally {
    unguard();
    endProcessGuard();
    await emulator?.stop();
    rmSync(scratchRoot, { recursive: true, force: true });
  }
  io.stdout(
    failures.length === 0
      ? `rehearse: PASS: ${names.join(', ')} planned, deployed, verified, planned again and destroyed against the emulator in ${seconds(started)}\n`
      : `rehearse: FAIL:\n${failures.map((f) => `  ${f}`).join('\n')}\n`,
  );
  return failures.length === 0 ? 0 : 1;
}

/** One environment, start to end; returns what failed, or undefined. */
async function rehearseOne(
  name: string,
  emulator: Emulator,
  io: RehearsalIo,
  configRoot: string,
  scratchRoot: string,
  log: StepLog,
): Promise<string | undefined> {
  const root = join(scratchRoot, name);
  mkdirSync(join(root, 'config'), { recursive: true });
  mkdirSync(join(root, 'compliance'), { recursive: true });
  const suppressions = join(io.cwd, 'compliance', 'suppressions.json');
  if (existsSync(suppressions))
    copyFileSync(suppressions, join(root, 'compliance', 'suppressions.json'));

  const region = committedRegion(configRoot, name);
  const certificate = selfSignedCertificate(root, name);
  const certificateArn = await emulator.importCertificate(
    region,
    certificate.cert,
    certificate.key,
  );
  const derived = deriveEnvironment(configRoot, name, certificateArn);
  writeFileAtomic(
    join(root, 'config', `${name}.json`),
    `${JSON.stringify(derived.config, null, 2)}\n`,
  );
  io.stdout(
    `rehearse ${name}: derived from ${derived.from ?? 'the profile defaults'}: account ${String((derived.config['allowedAccountIds'] as string[])[0])}, certificate imported into the emulator, state in the rehearsal's own folder\n`,
  );

  const mirror = io.env['TERRAFORM_TEST_MIRROR'];
  const available = mirror ? mirrorProviders(mirror) : undefined;
  const env: Record<string, string | undefined> = {
    ...io.env,
    ...(mirror ? { TF_CLI_CONFIG_FILE: mirrorConfig(root, mirror) } : {}),
    TERRAFORM_STATE_BUCKET: undefined,
    TERRAFORM_STATE_BUCKET_REGION: undefined,
    TERRAFORM_STATE_KMS_KEY_ID: undefined,
    CONFIG_FILE: undefined,
    ENVIRONMENT: undefined,
    ENVIRONMENT_SUFFIX: undefined,
    ALLOWED_ACCOUNT_IDS: undefined,
    CDKTF_OUTDIR: undefined,
    // The Region is the environment file's; a variable naming another would be refused.
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
  };
  let reported = false;
  // Each synthesis (plan's, deploy's, destroy's) gets the same overlay, so the saved plan
  // matches what deploy finds.
  const synthesize = (
    environments: Parameters<typeof synthesizeAndGate>[0],
  ): SynthesizedStack[] => {
    const stacks = synthesizeAndGate(environments, {
      projectRoot: root,
      env,
      stdout: () => {},
      stderr: io.stderr,
    });
    for (const stack of stacks) {
      let json = JSON.parse(readFileSync(stack.file, 'utf8')) as Record<string, unknown>;
      const required = Object.keys(
        ((json['terraform'] as Record<string, unknown> | undefined)?.['required_providers'] ??
          {}) as Record<string, unknown>,
      );
      const absent = available ? required.filter((p) => !available[p]) : [];
      if (available && absent.length > 0) {
        // No override file can take a provider away: the stack is adapted as test:terraform
        // adapts it (stand-ins), declared here.
        // The stack keeps its own backend, or its state would land in the stack folder where
        // the destroy configuration, which carries the stack's backend, would not find it.
        const adapted = adaptToProviders(json, available, { keepBackend: true });
        json = adapted.json;
        writeFileSync(stack.file, JSON.stringify(json, null, 2));
        if (!reported)
          log.skipped(
            `provider ${absent.join(', ')}${adapted.standIns.length > 0 ? ` (${adapted.standIns.join(', ')})` : ''}`,
            "not in this machine's provider mirror: its resources become terraform_data stand-ins, as in npm run test:terraform",
          );
      }
      const overlay = overlayFor(json, { available });
      writeFileSync(
        join(stack.workingDirectory, overlay.file),
        JSON.stringify(overlay.json, null, 2),
      );
      if (!reported) {
        for (const s of overlay.skipped) log.skipped(s.address, s.reason);
        if (overlay.repinned.length > 0)
          log.skipped(
            `provider versions ${overlay.repinned.join(', ')}`,
            "the pinned version is not installable here: the rehearsal proves the mirror version's behaviour",
          );
        reported = true;
      }
    }
    return stacks;
  };
  // Terraform's own output (thousands of lines an apply) goes to a log; the steps, what is
  // skipped and every failure are printed.
  const terraformLog = join(root, 'terraform.log');
  const deployIo = {
    projectRoot: root,
    env,
    stdout: (t: string) => io.stdout(t.replace(/^(?=.)/gm, '    ')),
    stderr: io.stderr,
    synthesize,
    terraformLog,
  };
  const command = (
    c: CommandOptions['command'],
    extra: Partial<CommandOptions> = {},
  ): CommandOptions => commandOptionsFor(c, { environments: [name], ...extra });
  const stackName = `payment-${name}`;
  const stackFolder = join(root, 'cdktf.out', 'stacks', stackName);
  const problems: string[] = [];
  try {
    let done = log.step(`${name}: plan`);
    await runCommand(command('plan'), deployIo);
    done();
    done = log.step(`${name}: deploy`);
    await runCommand(command('deploy'), deployIo);
    done();
    done = log.step(`${name}: verify`);
    const verified = await verify(name, {
      projectRoot: root,
      env,
      stdout: (t) => io.stdout(t.replace(/^/gm, '  ')),
      skip: VERIFY_SKIPPED,
    });
    done();
    if (!verified) return 'verify failed (above)';
    done = log.step(`${name}: plan again (must be empty but for the emulator's read-back gaps)`);
    await runCommand(command('plan', { json: true }), deployIo);
    done();
    const drift = classifyDrift(
      JSON.parse(readFileSync(join(stackFolder, 'plan.json'), 'utf8')) as Parameters<
        typeof classifyDrift
      >[0],
    );
    for (const k of drift.known) log.skipped(k, 'a known read-back gap of the emulator');
    // Drift fails the rehearsal, but the destroy still runs: the emulator is left clean and the
    // destroy's own checks are still made.
    problems.push(
      ...(drift.unexpected.length > 0
        ? [`the second plan is not empty:\n${drift.unexpected.map((d) => `      ${d}`).join('\n')}`]
        : []),
    );

    const graph = stackGraph({
      name: stackName,
      workingDirectory: stackFolder,
      file: join(stackFolder, 'cdk.tf.json'),
    });
    const retained = retainedResources(graph);
    // The state as Terraform reads it, wherever the backend keeps it.
    const pulled = spawnSync(findTerraform(env).command, ['state', 'pull'], {
      cwd: stackFolder,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      maxBuffer: 256 * 1024 * 1024,
    });
    if (pulled.status !== 0)
      throw new OperationFailed(`terraform state pull failed in ${stackFolder}: ${pulled.stderr}`);
    const state = stateResources(pulled.stdout);
    done = log.step(`${name}: destroy`);
    if (graph.profile === 'prod') {
      // prod's destroy must be refused while its deletion protection is on (the operator turns
      // it off by hand first): the refusal is the result, and the database must refuse a
      // direct deletion too. Turning the protections off is not rehearsed.
      const refused = await runCommand(command('destroy', { confirmDestroy: stackName }), deployIo)
        .then(() => undefined)
        .catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      done();
      if (refused === undefined || !/deletion protection is on/.test(refused))
        problems.push(
          `prod's destroy was not refused while deletion protection is on${refused ? `: ${refused}` : ''}`,
        );
      else
        log.skipped(
          'what the emulator holds after the destroy',
          "prod's destroy was refused, as it must be while deletion protection is on (turning it off is not rehearsed)",
        );
      const refusal = await clusterRefusesDeletion(state, region);
      if (refusal) problems.push(refusal);
    } else {
      await runCommand(command('destroy', { yes: true }), deployIo);
      done();
      done = log.step(`${name}: what the emulator holds after the destroy`);
      problems.push(
        ...afterDestroyProblems(
          await presentIds(emulator, region),
          state,
          new Set(retained.map((r) => r.address)),
        ),
      );
      done();
    }
    return problems.length > 0 ? problems.join('\n    ') : undefined;
  } catch (error) {
    if (error instanceof Error && !(error instanceof TypeError) && !(error instanceof RangeError))
      return [
        ...problems,
        `${error.message}\n  last lines of Terraform's output:\n${logTail(terraformLog)}`,
      ].join('\n    ');
    throw error;
  }
}

/** prod keeps its database with deletion protection on: deleting it must be refused. */
async function clusterRefusesDeletion(
  state: readonly StateResource[],
  region: string,
): Promise<string | undefined> {
  const cluster = state.find((r) => r.type === 'aws_rds_cluster');
  if (!cluster?.id) return 'no database cluster in the state to test its deletion protection';
  const rds = new RDSClient({ region });
  try {
    await rds.send(
      new DeleteDBClusterCommand({ DBClusterIdentifier: cluster.id, SkipFinalSnapshot: true }),
    );
    return `the emulator deleted ${cluster.id}: its deletion protection did not hold`;
  } catch {
    return undefined;
  } finally {
    rds.destroy();
  }
}

function logTail(file: string): string {
  if (!existsSync(file)) return '    (none)';
  return readFileSync(file, 'utf8')
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-30)
    .map((l) => `    ${l}`)
    .join('\n');
}

/** The committed environment's Region (its file's `region`). */
function committedRegion(projectRoot: string, name: string): string {
  const file = join(projectRoot, 'config', `${name}.json`);
  if (!existsSync(file)) return 'us-east-1';
  const region = (JSON.parse(readFileSync(file, 'utf8')) as { region?: unknown }).region;
  return typeof region === 'string' ? region : 'us-east-1';
}

function selfSignedCertificate(root: string, name: string): { cert: string; key: string } {
  const key = join(root, 'cert-key.pem');
  const cert = join(root, 'cert.pem');
  const result = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '7',
      '-subj',
      `/CN=${name}.rehearsal.invalid`,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new OperationFailed(
      `openssl could not make the rehearsal's certificate: ${result.stderr || result.error?.message}`,
    );
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

function mirrorConfig(root: string, mirror: string): string {
  const file = join(root, 'mirror.tfrc');
  writeFileSync(
    file,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(resolve(mirror))}\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`,
  );
  return file;
}

function stepLog(io: RehearsalIo, started: number): StepLog {
  return {
    step(name) {
      const begun = performance.now();
      io.stderr(`rehearse: ${name} ...\n`);
      return () =>
        io.stderr(`rehearse: ${name}: done in ${seconds(begun)} (${seconds(started)} so far)\n`);
    },
    skipped(what, reason) {
      io.stdout(`  SKIPPED ${what}: ${reason}\n`);
    },
  };
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
