/**
 * `npm run test:terraform`: the synthesized stacks checked by real Terraform or OpenTofu.
 * `terraform validate` over every variant, then `terraform test` with `mock_provider` blocks
 * (apply and destroy against a mocked AWS, no credentials): it proves what the TypeScript types
 * cannot (every count and for_each known at plan time, no cycle, preconditions hold, the
 * provider's own validators accept the values, dev destroys cleanly, prod refuses to).
 *
 * Providers: the pinned versions, installed as the user's Terraform installs them (registry,
 * or a mirror named in TF_CLI_CONFIG_FILE). With TERRAFORM_TEST_MIRROR set to a
 * filesystem mirror, only what that mirror holds is used; stacks are adapted to it
 * (see offline.ts) and the report says what that left unchecked. No Terraform: SKIPPED, said
 * loudly (exit 0, or 1 with TERRAFORM_CHECK_REQUIRED=1).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DeployError } from '../errors';
import type { TerraformBinary } from '../terraform';
import { atLeast, findTerraform } from '../terraform';
import { mockProviders } from './mocks';
import { adaptToProviders, mirrorProviders } from './offline';
import type { ResourceSchema } from './argument-cases';
import {
  argumentCases,
  argumentMismatches,
  argumentOutcomes,
  argumentWorkspace,
} from './argument-cases';
import { planMismatches, plannable, replacementCases, replacementWorkspace } from './replacement';
import { AZ_IDS_VARIANT, synthesizeVariant, VARIANTS } from './variants';
import { azPinningMismatches, azPinningWorkspace, DEPLOYED_ZONES, withPins } from './az-pinning';
import { checkMovesPlan } from './moves';
import { runTerraform } from './exec';

const WORK = resolve('tmp', 'terraform-check');

interface Outcome {
  readonly step: string;
  readonly ok: boolean;
  readonly detail: string;
}

function run(
  binary: TerraformBinary,
  args: string[],
  env: Record<string, string>,
  cwd = WORK,
): { status: number; output: string; stdout: string } {
  return runTerraform(binary, args, env, cwd);
}

export interface TerraformCheckIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  /** Progress: one line as each step starts and ends, with its time. */
  readonly stderr: (text: string) => void;
}

/** Runs the whole check; returns the exit code. */
export function runTerraformCheck(io: TerraformCheckIo): number {
  const started = performance.now();
  const step = <T extends { status: number }>(name: string, work: () => T): T => {
    const begun = performance.now();
    io.stderr(`test:terraform: ${name} ...\n`);
    const result = work();
    io.stderr(
      `test:terraform: ${name}: ${result.status === 0 ? 'done' : 'FAILED'} in ${seconds(begun)} (${seconds(started)} so far)\n`,
    );
    return result;
  };
  const required = io.env['TERRAFORM_CHECK_REQUIRED'] === '1';
  let binary: TerraformBinary;
  try {
    binary = findTerraform(io.env);
  } catch (error) {
    if (!(error instanceof DeployError)) throw error;
    io.stdout(
      `\n*** test:terraform SKIPPED: ${error.message}\n*** Nothing was checked by Terraform.\n`,
    );
    return required ? 1 : 0;
  }
  const mirror = io.env['TERRAFORM_TEST_MIRROR'];
  const available = mirror ? mirrorProviders(mirror) : undefined;
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, 'tests'), { recursive: true });

  const notes: string[] = [];
  const synthesized: Record<string, unknown>[] = [];
  const providersUsed = new Set<string>();
  let awsVersion = '';
  const roots: string[] = [];
  for (const variant of VARIANTS) {
    io.stderr(`test:terraform: synthesizing ${variant.name}\n`);
    let json = synthesizeVariant(variant);
    synthesized.push(json);
    const pinned = (
      json['terraform'] as { required_providers: Record<string, { version: string }> }
    ).required_providers;
    if (available) {
      const adapted = adaptToProviders(json, available);
      json = adapted.json;
      if (adapted.repinned.length > 0)
        notes.push(`${variant.name}: provider versions changed: ${adapted.repinned.join(', ')}`);
      if (adapted.standIns.length > 0)
        notes.push(
          `${variant.name}: NOT CHECKED (provider not in the mirror, terraform_data stand-ins): ${adapted.standIns.join(', ')}`,
        );
    } else {
      delete (json['terraform'] as Record<string, unknown>)['backend'];
      notes.push(
        `${variant.name}: pinned providers ${Object.entries(pinned)
          .map(([n, s]) => `${n} ${s.version}`)
          .join(', ')}`,
      );
    }
    const required = (
      json['terraform'] as { required_providers: Record<string, { version?: string }> }
    ).required_providers;
    for (const name of Object.keys(required)) providersUsed.add(name);
    awsVersion ||= required['aws']?.version ?? '';
    if (json['import'] !== undefined) {
      // Terraform allows import blocks only in a root module: the variant is also checked as
      // one (checkRootModule), and its module copy here goes without them.
      mkdirSync(join(WORK, 'roots', variant.name), { recursive: true });
      writeFileSync(
        join(WORK, 'roots', variant.name, 'main.tf.json'),
        JSON.stringify(json, null, 1),
      );
      roots.push(variant.name);
      json = { ...json };
      delete json['import'];
    }
    mkdirSync(join(WORK, 'variants', variant.name), { recursive: true });
    writeFileSync(
      join(WORK, 'variants', variant.name, 'main.tf.json'),
      JSON.stringify(json, null, 1),
    );
  }
  // The root module uses every variant, so one init and one validate cover them all.
  writeFileSync(
    join(WORK, 'main.tf.json'),
    JSON.stringify(
      {
        module: Object.fromEntries(
          VARIANTS.map((v) => [v.name.replace(/-/g, '_'), { source: `./variants/${v.name}` }]),
        ),
      },
      null,
      1,
    ),
  );
  const planTimeOverrides = binary.flavour === 'terraform' && atLeast(binary.version, [1, 11, 0]);
  if (!planTimeOverrides) {
    notes.push(
      'route53: the mock cannot make domain_validation_options known at plan time before Terraform 1.11 (override_during); its test fails for that reason alone',
    );
  }
  const mocks = mockProviders([...providersUsed].sort(), planTimeOverrides);
  const runBlock = (name: string) =>
    `run "${name.replace(/-/g, '_')}" {\n  command = apply\n  module {\n    source = "./variants/${name}"\n  }\n}\n`;
  const destroyable = VARIANTS.filter((v) => v.destroy === 'completes');
  const retaining = VARIANTS.filter((v) => v.destroy === 'refused');
  writeFileSync(
    join(WORK, 'tests', 'destroyable.tftest.hcl'),
    `${mocks}\n${destroyable.map((v) => runBlock(v.name)).join('\n')}`,
  );
  // One file each: a refused teardown stops the file it is in.
  for (const v of retaining)
    writeFileSync(
      join(WORK, 'tests', `retain-${v.name}.tftest.hcl`),
      `${mocks}\n${runBlock(v.name)}`,
    );

  const env: Record<string, string> = {};
  if (mirror) {
    const cli = join(WORK, 'mirror.tfrc');
    writeFileSync(
      cli,
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(resolve(mirror))}\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`,
    );
    env.TF_CLI_CONFIG_FILE = cli;
  }
  const outcomes: Outcome[] = [];
  const init = step('init', () => run(binary, ['init', '-input=false', '-backend=false'], env));
  outcomes.push({
    step: 'init',
    ok: init.status === 0,
    detail: init.status === 0 ? '' : tail(init.output),
  });
  let selections = '';
  if (init.status === 0) {
    const version = run(binary, ['version', '-json'], env);
    try {
      const parsed = JSON.parse(version.output.slice(version.output.indexOf('{'))) as {
        provider_selections?: Record<string, string>;
      };
      selections = Object.entries(parsed.provider_selections ?? {})
        .map(([p, v]) => `${p} ${v}`)
        .join(', ');
    } catch {
      selections = 'unknown';
    }
    const validate = step(`validate (${VARIANTS.length} variants)`, () =>
      run(binary, ['validate', '-no-color'], env),
    );
    outcomes.push({
      step: `validate (${VARIANTS.length} variants)`,
      ok: validate.status === 0,
      detail: validate.status === 0 ? '' : tail(validate.output),
    });
    const completes = step(`apply + destroy ${destroyable.map((v) => v.name).join(', ')}`, () =>
      run(binary, ['test', '-no-color', '-filter=tests/destroyable.tftest.hcl'], env),
    );
    outcomes.push({
      step: `test: apply + destroy ${destroyable.map((v) => v.name).join(', ')}`,
      ok: completes.status === 0,
      detail: completes.status === 0 ? '' : tail(completes.output),
    });
    for (const v of retaining) {
      // Terraform exits non-zero here by design (the destroy is refused): the step's result is
      // whether it applied and then refused, and the progress line says that.
      const outcome = step(`apply ${v.name}, destroy refused`, () => {
        const result = run(
          binary,
          ['test', '-no-color', `-filter=tests/retain-${v.name}.tftest.hcl`],
          env,
        );
        const applied = new RegExp(`run "${v.name.replace(/-/g, '_')}"\\.\\.\\. pass`).test(
          result.output,
        );
        const refused =
          /prevent_destroy/.test(result.output) || /cannot be destroyed/.test(result.output);
        return {
          ok: applied && refused,
          output: result.output,
          status: applied && refused ? 0 : 1,
        };
      });
      outcomes.push({
        step: `test: apply ${v.name}, and its destroy refused by prevent_destroy`,
        ok: outcome.ok,
        detail: outcome.ok ? '' : tail(outcome.output),
      });
    }
    for (const name of roots)
      outcomes.push(
        step(`root module ${name} with its import blocks`, () => {
          const outcome = checkRootModule(binary, env, name);
          return { ...outcome, status: outcome.ok ? 0 : 1 };
        }),
      );
    const replacement = step('replacement table, planned by the real provider', () => {
      const outcome = checkReplacementTable(binary, env, awsVersion, notes, synthesized);
      return { ...outcome, status: outcome.ok ? 0 : 1 };
    });
    outcomes.push(replacement);
    const pinning = step(
      'AZ pinning of a deployed environment, planned by the real provider',
      () => {
        const outcome = checkAzPinning(binary, env, awsVersion, synthesized);
        return { ...outcome, status: outcome.ok ? 0 : 1 };
      },
    );
    outcomes.push(pinning);
    const moves = step('moves file, planned by the real provider', () => {
      const outcome = checkMovesPlan(binary, env, join(WORK, 'moves'), available);
      for (const line of outcome.withMoves) notes.push(`moves: ${line}`);
      return {
        step: `plan: a renamed construct (database, key, bucket and its satellites) with its moves file moves ${outcome.moves.length} resources and destroys none; without it they are destroyed`,
        ok: outcome.ok,
        detail: outcome.problems.map((p) => `      ${p}`).join('\n'),
        status: outcome.ok ? 0 : 1,
      };
    });
    outcomes.push(moves);
  }

  const lines = [
    '',
    `test:terraform with ${binary.command} ${binary.version}`,
    `providers checked: ${selections || '(init failed)'}${mirror ? ` (from the filesystem mirror ${mirror})` : ''}`,
    'variants:',
    ...VARIANTS.map((v) => `  ${v.name}: ${v.description}`),
    'adaptations and limits:',
    ...notes.map((n) => `  ${n}`),
    '  mocked AWS: no real API call was made; IAM policies, quotas, names taken and service-side validation are not checked',
    'results:',
    ...outcomes.map(
      (o) => `  ${o.ok ? 'PASS' : 'FAIL'}  ${o.step}${o.detail ? `\n${o.detail}` : ''}`,
    ),
  ];
  const ok = outcomes.every((o) => o.ok);
  lines.push(
    `${ok ? 'test:terraform PASS' : 'test:terraform FAIL'}: ${outcomes.filter((o) => o.ok).length} of ${outcomes.length} steps passed in ${seconds(started)}`,
  );
  io.stdout(`${lines.join('\n')}\n`);
  return ok ? 0 : 1;
}

/**
 * A variant with `import` blocks (the account baseline adopting an existing Session Manager
 * document) as the root module it is when deployed: init and validate, which check each import
 * block's target and id. Not planned: Terraform refuses to import from a mock provider
 * ("Cannot import resources from mock providers"), and an override of the imported resource
 * leaves its refreshed state unknown, which the provider rejects.
 */
function checkRootModule(
  binary: TerraformBinary,
  env: Record<string, string>,
  name: string,
): Outcome {
  const dir = join(WORK, 'roots', name);
  const step = `root module ${name}: init and validate with its import blocks (not planned: mocks cannot import)`;
  for (const args of [
    ['init', '-input=false', '-backend=false', '-no-color'],
    ['validate', '-no-color'],
  ]) {
    const result = run(binary, args, env, dir);
    if (result.status !== 0) return { step, ok: false, detail: tail(result.output) };
  }
  return { step, ok: true, detail: '' };
}

/**
 * The diff's replacement table planned by the real provider (./replacement.ts): a plan from
 * a hand-made state, `-refresh=false`, so no AWS call is made.
 */
function checkReplacementTable(
  binary: TerraformBinary,
  env: Record<string, string>,
  awsVersion: string,
  notes: string[],
  synthesized: readonly Record<string, unknown>[],
): Outcome {
  const dir = join(WORK, 'replacement');
  mkdirSync(dir, { recursive: true });
  const { cases, unplanned } = replacementCases();
  const step = `plan: the diff's replacement table against hashicorp/aws ${awsVersion}`;
  const fail = (detail: string): Outcome => ({ step, ok: false, detail: tail(detail) });
  // The schema first (its attribute set and state versions), from a configuration with the
  // provider alone.
  const bare = replacementWorkspace(
    [],
    { source: 'hashicorp/aws', version: awsVersion },
    () => 0,
    binary.version,
  );
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(bare.config, null, 1));
  const init = run(binary, ['init', '-input=false', '-no-color'], env, dir);
  if (init.status !== 0) return fail(init.output);
  const schemaRun = run(binary, ['providers', 'schema', '-json'], env, dir);
  if (schemaRun.status !== 0) return fail(schemaRun.output);
  const schemas = (
    JSON.parse(schemaRun.stdout) as {
      provider_schemas: Record<
        string,
        {
          resource_schemas: Record<
            string,
            {
              version: number;
              block: { attributes: Record<string, { optional?: boolean; required?: boolean }> };
            }
          >;
        }
      >;
    }
  ).provider_schemas['registry.terraform.io/hashicorp/aws']?.resource_schemas;
  if (!schemas) return fail('the provider schema has no hashicorp/aws');
  const { planned, skipped } = plannable(cases, (type) => {
    const attributes = schemas[type]?.block.attributes;
    return attributes
      ? new Set(
          Object.entries(attributes)
            .filter(([, a]) => a.optional || a.required)
            .map(([name]) => name),
        )
      : undefined;
  });
  const workspace = replacementWorkspace(
    planned,
    { source: 'hashicorp/aws', version: awsVersion },
    (type) => schemas[type]?.version ?? 0,
    binary.version,
  );
  // Every argument the stacks set, planned with an unknown new value (./argument-cases.ts),
  // in the same plan.
  const argumentRun = argumentCases(synthesized, schemas as Record<string, ResourceSchema>);
  const extra = argumentWorkspace(
    argumentRun.cases,
    'provider["registry.terraform.io/hashicorp/aws"]',
    (type) => schemas[type]?.version ?? 0,
  );
  const config = workspace.config as { resource?: Record<string, Record<string, unknown>> };
  for (const [type, byName] of Object.entries(extra.resource))
    Object.assign((config.resource ??= {})[type] ?? (config.resource[type] = {}), byName);
  const state = workspace.state as { resources: object[] };
  state.resources.push(...extra.resources);
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config, null, 1));
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state, null, 1));
  const planRun = planFromState(binary, env, dir);
  if ('error' in planRun) return fail(planRun.error);
  const planJson = planRun.json as Parameters<typeof planMismatches>[1];
  const mismatches = [
    ...planMismatches(planned, planJson),
    ...argumentMismatches(argumentRun.cases, argumentOutcomes(argumentRun.cases, planJson)),
  ];
  notes.push(
    `replacement table: ${planned.length} table arguments and ${argumentRun.cases.length} arguments the stacks set planned; not planned: ${[...skipped, ...unplanned, ...argumentRun.unplanned].join(', ') || 'none'}`,
  );
  return {
    step: `${step} (${planned.length + argumentRun.cases.length} arguments)`,
    ok: mismatches.length === 0,
    detail: mismatches.map((m) => `      ${m}`).join('\n'),
  };
}

/**
 * Pinning AZ IDs on an environment deployed by position (./az-pinning.ts): the az-ids
 * variant's subnets and database instances against a state of the same environment without
 * pins, `-refresh=false`. Matching IDs must change nothing; swapped IDs must replace the
 * subnets of those AZs (by `availability_zone_id`) and the instances in them.
 */
function checkAzPinning(
  binary: TerraformBinary,
  env: Record<string, string>,
  awsVersion: string,
  synthesized: readonly Record<string, unknown>[],
): Outcome {
  const step = `plan: pinning AZ IDs on a deployed environment against hashicorp/aws ${awsVersion}`;
  const pinned = synthesized[VARIANTS.findIndex((v) => v.name === AZ_IDS_VARIANT)];
  if (!pinned) return { step, ok: false, detail: `no ${AZ_IDS_VARIANT} variant` };
  const provider = { source: 'hashicorp/aws', version: awsVersion };
  const mismatches: string[] = [];
  const ids = DEPLOYED_ZONES.map((z) => z.id);
  const cases: Array<[string, string[]]> = [
    ['same', ids],
    ['swapped', [ids[1]!, ids[0]!, ...ids.slice(2)]],
  ];
  for (const [name, pins] of cases) {
    const dir = join(WORK, `az-pinning-${name}`);
    mkdirSync(dir, { recursive: true });
    const json = withPins(pinned, pins);
    const draft = azPinningWorkspace(json, DEPLOYED_ZONES, provider, () => 0, binary.version);
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(draft.config, null, 1));
    const init = run(binary, ['init', '-input=false', '-no-color'], env, dir);
    if (init.status !== 0) return { step, ok: false, detail: tail(init.output) };
    const schemaRun = run(binary, ['providers', 'schema', '-json'], env, dir);
    if (schemaRun.status !== 0) return { step, ok: false, detail: tail(schemaRun.output) };
    const schemas = (
      JSON.parse(schemaRun.stdout) as {
        provider_schemas: Record<string, { resource_schemas: Record<string, { version: number }> }>;
      }
    ).provider_schemas['registry.terraform.io/hashicorp/aws']?.resource_schemas;
    const { state, expected } = azPinningWorkspace(
      json,
      DEPLOYED_ZONES,
      provider,
      (type) => schemas?.[type]?.version ?? 0,
      binary.version,
    );
    writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state, null, 1));
    const planRun = planFromState(binary, env, dir);
    if ('error' in planRun) return { step, ok: false, detail: tail(planRun.error) };
    mismatches.push(
      ...azPinningMismatches(
        expected,
        planRun.json as Parameters<typeof azPinningMismatches>[1],
      ).map((m) => `${name} IDs: ${m}`),
    );
  }
  return {
    step,
    ok: mismatches.length === 0,
    detail: mismatches.map((m) => `      ${m}`).join('\n'),
  };
}

/** `terraform plan -refresh=false` in `dir` (from its state alone) and the plan as JSON. */
function planFromState(
  binary: TerraformBinary,
  env: Record<string, string>,
  dir: string,
): { readonly json: unknown } | { readonly error: string } {
  const plan = run(
    binary,
    ['plan', '-refresh=false', '-input=false', '-no-color', '-out=state.plan'],
    env,
    dir,
  );
  if (plan.status !== 0) return { error: plan.output };
  const show = run(binary, ['show', '-json', 'state.plan'], env, dir);
  if (show.status !== 0) return { error: show.output };
  return { json: JSON.parse(show.stdout) as unknown };
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function tail(output: string): string {
  const errors = output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-40);
  return errors.map((l) => `      ${l}`).join('\n');
}
