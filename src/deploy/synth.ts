import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { evaluate, passes } from '../compliance/engine';
import { renderTable } from '../compliance/reporters/table';
import { RULES } from '../compliance/rules';
import { parseSuppressions } from '../compliance/suppressions';
import { DeployError } from './errors';
import type { SynthesizedStack } from './stacks';
import { stackGraph, stacksFromManifest } from './stacks';

export type Environment = Readonly<Record<string, string | undefined>>;

const PROFILE_NAMES = ['dev', 'staging', 'prod'];

/**
 * The variables that synthesize environment `name`: its profile (the name itself for dev,
 * staging and prod, else ENVIRONMENT as given), its suffix, and `config/<name>.json` when the
 * project has one and CONFIG_FILE is not set.
 */
export function environmentFor(name: string, base: Environment, projectRoot: string): Environment {
  const configFile = join('config', `${name}.json`);
  return {
    ...base,
    ENVIRONMENT: PROFILE_NAMES.includes(name) ? name : base.ENVIRONMENT,
    ENVIRONMENT_SUFFIX: name,
    CONFIG_FILE:
      base.CONFIG_FILE ?? (existsSync(join(projectRoot, configFile)) ? configFile : undefined),
  };
}

/** The environments `--all` means: one per `config/<name>.json`, else dev, staging and prod. */
export function allEnvironments(projectRoot: string): string[] {
  const dir = join(projectRoot, 'config');
  const names = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -'.json'.length))
        .sort()
    : [];
  return names.length > 0 ? names : [...PROFILE_NAMES];
}

export interface SynthIo {
  readonly projectRoot: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * Synthesizes each environment and runs the compliance gate over the result; returns the
 * stacks, or throws when validation, synthesis or the gate fails (nothing is planned then).
 *
 * Adapter over the bundled entry point (`dist/main.js`): each environment is synthesized into a
 * scratch folder and only its `cdk.tf.json` and manifest entry are moved into `cdktf.out`, so
 * `.terraform/`, lock files and saved plans in the stack folders survive.
 */
export function synthesizeAndGate(
  environments: readonly Environment[],
  io: SynthIo,
): SynthesizedStack[] {
  const outdir = join(io.projectRoot, 'cdktf.out');
  const names = environments.map((env) => synthesizeOne(env, outdir, io));
  const stacks = stacksFromManifest(outdir, names);
  gate(stacks, io);
  return stacks;
}

function synthesizeOne(env: Environment, outdir: string, io: SynthIo): string {
  const scratch = mkdtempSync(join(io.projectRoot, 'cdktf.out.synth-'));
  try {
    const result = spawnSync(process.execPath, [join(io.projectRoot, 'dist', 'main.js')], {
      cwd: io.projectRoot,
      encoding: 'utf8',
      env: definedOnly({ ...env, CDKTF_OUTDIR: scratch }),
    });
    if (result.status !== 0) {
      io.stderr(result.stderr || result.stdout);
      throw new DeployError(
        `Synthesis failed for ${env.ENVIRONMENT_SUFFIX ?? env.ENVIRONMENT ?? 'dev'}; nothing was planned.`,
      );
    }
    return installStack(scratch, outdir, io);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Moves the one stack synthesized into `scratch` into `outdir`: its `cdk.tf.json` (atomically)
 * and its manifest entry, leaving everything else in the stack folder as it is.
 */
export function installStack(scratch: string, outdir: string, io: SynthIo): string {
  const manifest = JSON.parse(readFileSync(join(scratch, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string; workingDirectory: string }>;
  };
  const [name, entry] = Object.entries(manifest.stacks)[0] ?? [];
  if (!name || !entry) throw new DeployError('Synthesis wrote no stack');
  mkdirSync(join(outdir, entry.workingDirectory), { recursive: true });
  const file = join(outdir, entry.synthesizedStackPath);
  copyFileSync(join(scratch, entry.synthesizedStackPath), `${file}.tmp`);
  renameSync(`${file}.tmp`, file);
  mergeManifest(outdir, name, manifest.stacks[name]);
  io.stdout(`Synthesized ${name} to ${relative(io.projectRoot, file)}\n`);
  return name;
}

function mergeManifest(outdir: string, name: string, entry: unknown): void {
  const path = join(outdir, 'manifest.json');
  const current = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as { stacks?: Record<string, unknown> })
    : {};
  const merged = { ...current, stacks: { ...current.stacks, [name]: entry } };
  writeFileSync(`${path}.tmp`, `${JSON.stringify(merged, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** The compliance gate over exactly these stacks, as `npm run check` runs it. */
export function gate(stacks: readonly SynthesizedStack[], io: SynthIo): void {
  const suppressionsPath = join(io.projectRoot, 'compliance', 'suppressions.json');
  const suppressions = parseSuppressions(
    'compliance/suppressions.json',
    existsSync(suppressionsPath) ? readFileSync(suppressionsPath, 'utf8') : undefined,
  );
  const report = evaluate(stacks.map(stackGraph), RULES, suppressions);
  if (!passes(report, 'high')) {
    io.stderr(renderTable(report, { colour: false, failOn: 'high' }));
    throw new DeployError(
      'The compliance gate failed (findings above); nothing was planned. Fix them or add a reviewed suppression.',
    );
  }
  io.stdout(`Compliance gate: PASS (${stacks.map((s) => s.name).join(', ')})\n`);
}

function definedOnly(env: Environment): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
