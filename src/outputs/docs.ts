/**
 * docs/outputs.md: every Terraform output the project's stacks declare, in one table generated
 * from the synthesized JSON (name, meaning from the output's `description`, sensitive or not,
 * and which configurations produce it), so that the list cannot drift from the code.
 * `npm run outputs:docs` regenerates it; test/outputs/docs.test.ts fails when it is stale.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load';
import { buildApp, createApp } from '../stacks/app';
import { STATE_STACK_NAME, StateBucketStack } from '../stacks/state-bucket-stack';
import { accountBaselineStacks } from '../stacks/account-baseline';
import { loadAccountBaseline } from '../config/account-baseline';

/** One synthesized stack: a label saying which configuration it is, and its JSON. */
export interface OutputsVariant {
  readonly label: string;
  readonly stack: string;
  readonly json: unknown;
}

interface OutputBlock {
  readonly description?: unknown;
  readonly sensitive?: unknown;
}

/**
 * The configurations whose outputs the table lists: each committed environment, the prod
 * variant the auditor's report also covers (compliance/docs-config/stacks.json), one with
 * every optional output switched on, and the state-bucket stack of `npm run bootstrap`.
 */
export const OUTPUT_VARIANTS: ReadonlyArray<{
  readonly label: string;
  readonly environment: 'dev' | 'staging' | 'prod';
  readonly config: Readonly<Record<string, unknown>>;
}> = [
  { label: 'dev', environment: 'dev', config: {} },
  { label: 'staging', environment: 'staging', config: {} },
  { label: 'prod', environment: 'prod', config: {} },
  {
    label: '`compute.kind` ecs-fargate',
    environment: 'prod',
    config: { compute: { kind: 'ecs-fargate' }, database: { engine: 'aurora-postgresql' } },
  },
  {
    label: '`certificate.domainName` without a hosted zone',
    environment: 'dev',
    config: { certificate: { domainName: 'pay.example.com' } },
  },
  {
    label: '`database.bootstrapPrincipalArns`',
    environment: 'dev',
    config: {
      database: { bootstrapPrincipalArns: ['arn:aws:iam::123456789012:role/payments-dba-ops'] },
    },
  },
  {
    label: '`database.adminAccess.enabled`',
    environment: 'dev',
    config: { database: { adminAccess: { enabled: true } } },
  },
  {
    label: '`database.adminUsers`',
    environment: 'dev',
    config: {
      database: {
        adminUsers: [{ name: 'alice', principalArn: 'arn:aws:iam::123456789012:role/alice' }],
      },
    },
  },
];

/**
 * Synthesizes every variant, each on top of its committed environment file, and the
 * state-bucket stack.
 */
export function synthesizeOutputVariants(projectRoot: string): OutputsVariant[] {
  const outdir = mkdtempSync(join(tmpdir(), 'outputs-docs-'));
  try {
    const variants = OUTPUT_VARIANTS.map((variant, index) => {
      // The committed environment file (config/<environment>.json) with the variant on top.
      const base = JSON.parse(
        readFileSync(join(projectRoot, 'config', `${variant.environment}.json`), 'utf8'),
      ) as Record<string, unknown>;
      const file = JSON.stringify({ ...base, ...variant.config });
      const config = loadConfig(
        {
          ENVIRONMENT: variant.environment,
          ENVIRONMENT_SUFFIX: `${variant.environment}${index}`,
          CONFIG_FILE: 'outputs-docs.json',
        },
        () => file,
      );
      const out = join(outdir, String(index));
      const { app, stack } = buildApp(config, out);
      app.synth();
      return {
        label: variant.label,
        stack: 'payment-<environment>',
        json: readStack(out, stack.node.id),
      };
    });
    const stateOut = join(outdir, 'state');
    const app = createApp(stateOut);
    new StateBucketStack(app, STATE_STACK_NAME, { region: 'eu-west-1', keyAdministratorArns: [] });
    app.synth();
    variants.push({
      label: '`npm run bootstrap`',
      stack: STATE_STACK_NAME,
      json: readStack(stateOut, STATE_STACK_NAME),
    });
    // The account baseline of the committed account file (npm run synth -- --account main).
    const baselineOut = join(outdir, 'baseline');
    const baselineApp = createApp(baselineOut);
    const baseline = loadAccountBaseline(projectRoot, 'main');
    for (const stack of accountBaselineStacks(baselineApp, baseline)) {
      const id = stack.node.id;
      variants.push({ label: '`npm run synth -- --account main`', stack: id, json: id });
    }
    // The same account with `ci` (docs/ci.md): the CI outputs, shown for one environment.
    // Only the names of the environments shape the outputs; the roles' inputs are stand-ins.
    const ciApp = createApp(join(outdir, 'ci'));
    const [ciGlobal] = accountBaselineStacks(
      ciApp,
      {
        ...baseline,
        ci: {
          provider: 'github',
          repository: 'owner/repo',
          branch: 'main',
          environments: ['prod'],
        },
      },
      undefined,
      [
        {
          name: 'prod',
          prod: true,
          state: {
            bucket: 'payment-state-shared',
            region: baseline.homeRegion,
            key: 'prod/payment-prod.tfstate',
          },
          readActions: ['ec2:DescribeVpcs'],
          applyPolicies: [],
        },
      ],
    );
    ciApp.synth();
    variants.push({
      label: '`ci` in the account file (per environment of `ci.environments`; shown for `prod`)',
      stack: ciGlobal!.node.id,
      json: readStack(join(outdir, 'ci'), ciGlobal!.node.id),
    });
    baselineApp.synth();
    for (const variant of variants) {
      if (typeof variant.json === 'string') {
        (variant as { json: unknown }).json = readStack(baselineOut, variant.json);
      }
    }
    return variants;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function readStack(outdir: string, stack: string): unknown {
  return JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
}

/** The outputs of one synthesized stack, by name. */
function outputsOf(json: unknown): Record<string, OutputBlock> {
  const output = (json as { output?: unknown }).output;
  return output && typeof output === 'object' ? (output as Record<string, OutputBlock>) : {};
}

/**
 * The markdown table. An output every variant of its stack has is marked "always"; any other
 * lists the configurations that produce it. Throws if an output has no description, so that
 * a new output cannot enter the table without its meaning.
 */
export function renderOutputsDocs(variants: readonly OutputsVariant[]): string {
  const rows = new Map<
    string,
    { stack: string; description: string; sensitive: boolean; in: string[] }
  >();
  for (const variant of variants) {
    for (const [name, block] of Object.entries(outputsOf(variant.json))) {
      if (typeof block.description !== 'string' || block.description === '') {
        throw new Error(
          `output ${name} of ${variant.stack} (${variant.label}) has no description: give its TerraformOutput a description, e.g. { value, description: 'VPC ID' }`,
        );
      }
      const key = `${variant.stack}\u0000${name}`;
      const row = rows.get(key) ?? {
        stack: variant.stack,
        description: block.description,
        sensitive: block.sensitive === true,
        in: [],
      };
      row.in.push(variant.label);
      rows.set(key, row);
    }
  }
  const escape = (text: string) => text.replaceAll('|', '\\|');
  const lines = [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, row]) => {
      const name = key.split('\u0000')[1]!;
      const all = variants.filter((v) => v.stack === row.stack).map((v) => v.label);
      const without = all.filter((label) => !row.in.includes(label));
      const when =
        without.length === 0
          ? 'always'
          : without.length < row.in.length
            ? `unless ${without.join('; ')}`
            : row.in.join('; ');
      return `| \`${name}\` | \`${row.stack}\` | ${escape(row.description)} | ${row.sensitive ? 'yes' : 'no'} | ${escape(when)} |`;
    });
  return [
    '# Outputs',
    '',
    '<!-- Generated by `npm run outputs:docs` from the synthesized stacks (src/outputs/docs.ts); do not edit. -->',
    '',
    'Every Terraform output the stacks declare. After a deploy, `npm run deploy` writes the',
    'non-sensitive ones to `cfn-outputs/<stack>/flat-outputs.json` (see docs/operations.md);',
    '`npm run outputs` flattens any `terraform output -json`. "When" says which configurations',
    'produce an output: "always" means every configuration of that stack, "unless" names the',
    'ones that do not. Configurations synthesized:',
    '',
    ...variants.map((v) => `- ${v.label} (\`${v.stack}\`)`),
    '',
    '| Output | Stack | Meaning | Sensitive | When |',
    '| --- | --- | --- | --- | --- |',
    ...lines,
    '',
  ].join('\n');
}
