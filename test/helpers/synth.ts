import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/stacks/app';
import { loadConfig } from '../../src/config/load';
import type { AppConfig } from '../../src/config/types';
import type { PaymentStack } from '../../src/stacks/payment-stack';

/** A block of the synthesized JSON: attribute name -> value. */
export type Block = Record<string, unknown>;

export interface TerraformJson {
  readonly terraform: Block;
  readonly provider: Record<string, Block[]>;
  readonly resource: Record<string, Record<string, Block>>;
  readonly data?: Record<string, Record<string, Block>>;
  readonly output: Record<string, Block>;
}

export interface Synthesized {
  readonly config: AppConfig;
  readonly stack: PaymentStack;
  readonly json: TerraformJson;
}

const CONFIG_PATH = 'test-config.json';

const synthesized = new Map<string, { config: AppConfig; stack: PaymentStack; text: string }>();

/**
 * Validates `env` (plus an optional config file given as an object) exactly as `npm run synth`
 * does, builds the stack and returns its synthesized JSON. Nothing is written to the project.
 *
 * Each distinct input is synthesized once per worker (test files share a worker's module
 * cache): most files need the same few profiles. Every call gets its own parsed copy of the
 * JSON, so a test may change it; `config` and `stack` are shared and must not be changed.
 */
export function synthesize(
  env: Record<string, string | undefined> = {},
  configFile?: Record<string, unknown>,
): Synthesized {
  const key = JSON.stringify([env, configFile ?? null]);
  let done = synthesized.get(key);
  if (!done) {
    done = synthesizeOnce(env, configFile);
    synthesized.set(key, done);
  }
  return { config: done.config, stack: done.stack, json: JSON.parse(done.text) as TerraformJson };
}

function synthesizeOnce(
  env: Record<string, string | undefined>,
  configFile: Record<string, unknown> | undefined,
): { config: AppConfig; stack: PaymentStack; text: string } {
  const file = withProdRequirements(env, configFile);
  const config = loadConfig(file ? { ...env, CONFIG_FILE: CONFIG_PATH } : env, () =>
    JSON.stringify(file),
  );
  // The real synthesis path (validations included), into a temporary folder: the JSON keeps
  // each block's construct path, which `resourceAt` matches on.
  const outdir = mkdtempSync(join(tmpdir(), 'payment-synth-'));
  try {
    const { app, stack } = buildApp(config, outdir);
    app.synth();
    const file = join(outdir, 'stacks', stack.node.id, 'cdk.tf.json');
    const text = readFileSync(file, 'utf8');
    dumpForComparison(env, configFile, text);
    return { config, stack, text };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * With SYNTH_DUMP_DIR set, every distinct configuration the suite synthesizes is written there,
 * named by a hash of its input, so that two runs (before and after a refactor) can be compared
 * byte for byte: `SYNTH_DUMP_DIR=/tmp/a npx vitest run`, change, `SYNTH_DUMP_DIR=/tmp/b ...`,
 * `diff -r /tmp/a /tmp/b`.
 */
function dumpForComparison(
  env: Record<string, string | undefined>,
  configFile: Record<string, unknown> | undefined,
  text: string,
): void {
  const dir = process.env['SYNTH_DUMP_DIR'];
  if (!dir) return;
  const key = createHash('sha256')
    .update(JSON.stringify([env, configFile ?? null]))
    .digest('hex');
  writeFileSync(join(dir, `${key}.json`), text);
}

const defaultStacks = new Map<string, Synthesized>();

/**
 * The default stack of a profile (no configuration file), synthesized once per test worker
 * and shared by the test files that only read it.
 */
export function defaultStack(profile: 'dev' | 'staging' | 'prod'): Synthesized {
  let stack = defaultStacks.get(profile);
  if (!stack) {
    stack = synthesize(profile === 'dev' ? {} : { ENVIRONMENT: profile });
    defaultStacks.set(profile, stack);
  }
  return stack;
}

/** A stand-in ACM certificate ARN in `region` (no such certificate exists). */
export function testCertificateArn(region = 'us-east-1'): string {
  return `arn:aws:acm:${region}:123456789012:certificate/0e5e4a57-c249-4249-aafc-3b40fcd541e9`;
}

/** A stand-in AWS account ID for `allowedAccountIds`. */
export const TEST_ACCOUNT_ID = '123456789012';

/** A stand-in key administrator role (no such role exists). */
export const TEST_KEY_ADMINISTRATOR_ARN = 'arn:aws:iam::123456789012:role/payments-key-admin';

/**
 * Prod refuses to synthesize without a real certificate (tested in
 * `test/config/app-tier.test.ts`), without `allowedAccountIds` (tested in
 * `test/config/identity.test.ts`) and without key administrators (tested in
 * `test/config/key-administrators.test.ts`); tests of the other tiers that synthesize prod get
 * stand-ins unless they configure these themselves.
 */
function withProdRequirements(
  env: Record<string, string | undefined>,
  configFile: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (env.ENVIRONMENT !== 'prod') return configFile;
  return {
    ...(configFile && 'certificate' in configFile
      ? {}
      : { certificate: { certificateArn: testCertificateArn(env.AWS_REGION) } }),
    ...(env.ALLOWED_ACCOUNT_IDS || (configFile && 'allowedAccountIds' in configFile)
      ? {}
      : { allowedAccountIds: [TEST_ACCOUNT_ID] }),
    ...(configFile && 'keyAdministratorArns' in configFile
      ? {}
      : { keyAdministratorArns: [TEST_KEY_ADMINISTRATOR_ARN] }),
    // PAY-ACCT-003: a prod environment names who provides its account baseline.
    ...(configFile && 'accountBaseline' in configFile ? {} : { accountBaseline: TEST_BASELINE }),
    ...configFile,
  };
}

/** The account-baseline declaration test prod stacks carry unless they set their own. */
export const TEST_BASELINE = {
  providedBy: 'organisation',
  statement:
    'Test organisation: trail, GuardDuty, Security Hub and Config from its security account',
} as const;

/** Every resource of `type`, as [logical name, block] pairs. */
export function resourcesOf(json: TerraformJson, type: string): Array<[string, Block]> {
  return Object.entries(json.resource[type] ?? {});
}

/** The blocks of every resource of `type`. */
export function blocksOf(json: TerraformJson, type: string): Block[] {
  return resourcesOf(json, type).map(([, block]) => block);
}

/** The one resource of `type` whose construct path ends with `pathSuffix`. */
export function resourceAt(json: TerraformJson, type: string, pathSuffix: string): Block {
  const matches = resourcesOf(json, type).filter(
    ([name, block]) =>
      constructPath(block).endsWith(pathSuffix) ||
      logicalPath(name).endsWith(pathSuffix.replace(/\//g, '_')),
  );
  if (matches.length !== 1) {
    throw new Error(`Expected one ${type} at */${pathSuffix}, found ${matches.length}`);
  }
  return matches[0]![1];
}

/** The `${type.name...}` reference prefix of a resource, for comparing references. */
export function refOf(json: TerraformJson, type: string, block: Block): string {
  const entry = resourcesOf(json, type).find(([, b]) => b === block);
  if (!entry) throw new Error(`Block is not a ${type}`);
  return `${type}.${entry[0]}`;
}

/**
 * The construct path as the logical name spells it (`LoadBalancer_Alb_72D76F81` ->
 * `LoadBalancer_Alb`): `Testing.synth` leaves out the `//` metadata that holds the real path.
 */
function logicalPath(name: string): string {
  return `_${name.replace(/_[0-9A-F]{8}$/, '')}`;
}

export function constructPath(block: Block): string {
  const meta = (block['//'] as { metadata?: { path?: string } } | undefined)?.metadata;
  return meta?.path ?? '';
}

/** Parses an IAM policy JSON string from the synthesized JSON. */
export function policyOf(block: Block, attribute = 'policy'): PolicyJson {
  return JSON.parse(block[attribute] as string) as PolicyJson;
}

export interface PolicyJson {
  readonly Statement: ReadonlyArray<{
    readonly Sid?: string;
    readonly Effect: 'Allow' | 'Deny';
    readonly Principal?: unknown;
    readonly Action: string | string[];
    readonly Resource: string | string[];
    readonly Condition?: Record<string, Record<string, unknown>>;
  }>;
}
