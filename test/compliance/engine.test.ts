/**
 * The project's own stacks pass the gate: every profile, synthesized exactly as
 * `npm run synth` does, has no unsuppressed finding at any severity, and every suppression
 * in compliance/suppressions.json is used (none is stale).
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/compliance/engine';
import { evaluate, TOOL } from '../../src/compliance/engine';
import { parseProvenance } from '../../src/compliance/provenance';
import { getReferencesInExpression } from '@cdktn/hcl2json';
import { hasTemplateSequence } from '../../src/tfjson/expressions';
import { buildGraph, referencesOf } from '../../src/tfjson/graph';
import { renderMarkdown } from '../../src/compliance/reporters/markdown';
import { RULES } from '../../src/compliance/rules';
import { parseSuppressions } from '../../src/compliance/suppressions';
import { synthesize } from '../helpers/synth';
import { accountConfig, synthesizeBaseline, TWO_REGION_ACCOUNT } from '../helpers/baseline';
import { ciDerived } from '../helpers/ci-project';
import { loadAccountBaseline } from '../../src/config/account-baseline';

interface Variant {
  /** Stack name (the suffix keeps variants of one profile apart). */
  readonly name: string;
  readonly env: Record<string, string>;
  /** Configuration file content, as `CONFIG_FILE` would give it. */
  readonly config?: Record<string, unknown>;
}

/**
 * The stacks docs/compliance.md covers, as scripts/compliance-docs.mjs synthesizes them: each
 * environment's compliance/docs-config/<environment>.json with the entry's configuration on top.
 */
interface DocsStack {
  readonly environment: string;
  readonly suffix?: string;
  readonly config?: Record<string, unknown>;
}
const DOCS_CONFIG = 'compliance/docs-config';
const DOCS_VARIANTS: readonly Variant[] = (
  JSON.parse(readFileSync(`${DOCS_CONFIG}/stacks.json`, 'utf8')) as { stacks: DocsStack[] }
).stacks.map((d) => {
  const base = `${DOCS_CONFIG}/${d.environment}.json`;
  const config = {
    ...(existsSync(base)
      ? (JSON.parse(readFileSync(base, 'utf8')) as Record<string, unknown>)
      : {}),
    ...d.config,
  };
  return {
    name: `payment-${d.suffix ?? d.environment}`,
    env: { ENVIRONMENT: d.environment, ENVIRONMENT_SUFFIX: d.suffix ?? d.environment },
    ...(Object.keys(config).length > 0 ? { config } : {}),
  };
});

/**
 * Every deployable shape of the project: the documented stacks (the default shape, EC2 Auto
 * Scaling and Aurora MySQL, in every profile, and Fargate with PostgreSQL in prod), and the
 * other combinations. When a tier adds a choice (compute kind, engine) or a prod requirement
 * (a real certificate), add or adjust the variants here or in stacks.json.
 */
const FARGATE = { kind: 'ecs-fargate' };
const POSTGRES = { engine: 'aurora-postgresql' };
const ONCALL = 'payments-oncall@example.com';
const DB_ACCESS = {
  bootstrapPrincipalArns: ['arn:aws:iam::123456789012:role/payments-db-bootstrap'],
  breakGlassPrincipalArns: ['arn:aws:iam::123456789012:role/payments-break-glass'],
  adminUsers: [{ name: 'alice', principalArn: 'arn:aws:iam::123456789012:role/dba-alice' }],
  adminAccess: { enabled: true },
};
const VARIANTS: readonly Variant[] = [
  ...DOCS_VARIANTS,
  {
    name: 'payment-dev-fargate-pg',
    env: { ENVIRONMENT: 'dev', ENVIRONMENT_SUFFIX: 'dev-fargate-pg' },
    config: { compute: FARGATE, database: POSTGRES },
  },
  {
    name: 'payment-prod-fargate',
    env: { ENVIRONMENT: 'prod', ENVIRONMENT_SUFFIX: 'prod-fargate' },
    // Prod alarms must reach someone (PAY-CW-005): an address, or a reviewed suppression.
    config: { compute: FARGATE, alarmEmail: ONCALL },
  },
  {
    // The Data API bootstrap, break-glass readers and the admin host, on both engines and
    // both compute kinds.
    name: 'payment-staging-db-access',
    env: { ENVIRONMENT: 'staging', ENVIRONMENT_SUFFIX: 'staging-db-access' },
    config: { database: DB_ACCESS },
  },
  {
    name: 'payment-prod-fargate-pg-db-access',
    env: { ENVIRONMENT: 'prod', ENVIRONMENT_SUFFIX: 'prod-fgpg-db-access' },
    config: { compute: FARGATE, alarmEmail: ONCALL, database: { ...POSTGRES, ...DB_ACCESS } },
  },
  {
    name: 'payment-prod-pg',
    env: { ENVIRONMENT: 'prod', ENVIRONMENT_SUFFIX: 'prod-pg' },
    config: {
      database: POSTGRES,
      alarmEmail: ONCALL,
      // A domain validated through Route 53, the other prod certificate mode.
      certificate: { domainName: 'pay.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' },
    },
  },
];
let report: Report;
const BASELINE_STACKS: string[] = [];
/** The committed account baseline's stacks, in docs/compliance.md beside the environments. */
const DOCS_BASELINE = ['payment-account-main', 'payment-account-main-use1'];
let graphs: ReturnType<typeof buildGraph>[];
let jsons: unknown[];

beforeAll(() => {
  jsons = VARIANTS.map((v) => synthesize(v.env, v.config).json);
  graphs = VARIANTS.map((v, i) => buildGraph(jsons[i], `${v.name}/cdk.tf.json`, v.name));
  // The account baselines: the committed one (in docs/compliance.md) and one of two Regions.
  for (const config of [
    loadAccountBaseline(process.cwd(), 'main'),
    accountConfig('two', TWO_REGION_ACCOUNT),
  ]) {
    for (const [name, json] of synthesizeBaseline(config)) {
      jsons.push(json);
      graphs.push(buildGraph(json, `${name}/cdk.tf.json`, name));
      BASELINE_STACKS.push(name);
    }
  }
  // An account with CI roles (its global stack; the Regional one is the same as without).
  const ci = ciDerived();
  const ciJson = synthesizeBaseline(ci.config, ci.environments).get('payment-account-ci')!;
  jsons.push(ciJson);
  graphs.push(buildGraph(ciJson, 'payment-account-ci/cdk.tf.json', 'payment-account-ci'));
  BASELINE_STACKS.push('payment-account-ci');
  const path = 'compliance/suppressions.json';
  report = evaluate(graphs, RULES, parseSuppressions(path, readFileSync(path, 'utf8')));
}, 60_000); // every variant synthesized: room for a loaded machine (the default is 10 s)

describe('the synthesized project passes the compliance gate', () => {
  it.each(VARIANTS.map((v) => v.name))('%s has no unsuppressed finding at any severity', (name) => {
    const stack = report.stacks.find((s) => s.stack === name)!;
    expect(
      stack.findings
        .filter((f) => !f.suppression)
        .map((f) => `${f.ruleId} ${f.address}: ${f.message}`),
    ).toEqual([]);
    expect(Object.values(stack.status)).not.toContain('fail');
  });

  it('passes the account baselines with no unsuppressed finding, in one and in two Regions', () => {
    expect(BASELINE_STACKS).toEqual([
      ...DOCS_BASELINE,
      'payment-account-two',
      'payment-account-two-use1',
      'payment-account-two-euw1',
      'payment-account-ci',
    ]);
    for (const name of BASELINE_STACKS) {
      const stack = report.stacks.find((s) => s.stack === name)!;
      expect(
        stack.findings
          .filter((f) => !f.suppression)
          .map((f) => `${name} ${f.ruleId} ${f.address}: ${f.message}`),
      ).toEqual([]);
      // Their own rules ran and passed, not n/a.
      const own =
        name.endsWith('-use1') || name.endsWith('-euw1')
          ? [
              'PAY-ACCT-005',
              'PAY-ACCT-006',
              'PAY-ACCT-007',
              'PAY-ACCT-008',
              'PAY-ACCT-009',
              'PAY-ACCT-011',
            ]
          : ['PAY-ACCT-004', 'PAY-ACCT-010', 'PAY-S3-021'];
      for (const id of own) expect(`${name} ${id} ${stack.status[id]}`).toBe(`${name} ${id} pass`);
    }
  });

  it('uses every suppression and none is malformed, expired or stale', () => {
    expect(report.suppressionErrors).toEqual([]);
    expect(report.engineErrors).toEqual([]);
  });

  it('resolves every reference of every stack (the flow-log format escapes stay literal)', () => {
    for (const s of report.stacks) expect(s.status['PAY-REF-001']).toBe('pass');
  });

  it('covers every resource type the stacks contain', () => {
    for (const s of report.stacks) expect(s.uncoveredTypes).toEqual([]);
  });

  it('matches docs/compliance.md, the committed auditor view (npm run check:docs regenerates it)', () => {
    const committed = readFileSync('docs/compliance.md', 'utf8');
    const names = [...DOCS_VARIANTS.map((v) => v.name), ...DOCS_BASELINE];
    const path = 'compliance/suppressions.json';
    // In folder order, as the CLI reads cdktf.out/stacks.
    const documented = graphs
      .filter((g) => names.includes(g.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    const docs = evaluate(documented, RULES, parseSuppressions(path, readFileSync(path, 'utf8')));
    // When and from which commit it was generated come from the file itself: a new commit or
    // day does not make it stale, a change of the results does.
    expect(renderMarkdown(docs, 'high', parseProvenance(committed), documented)).toBe(committed);
  });

  it('states in docs/compliance.md when, from which commit and by which gate version it was made', () => {
    const provenance = parseProvenance(readFileSync('docs/compliance.md', 'utf8'));
    expect(provenance?.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    expect(provenance?.commit).toMatch(/^[0-9a-f]{12}( \+ uncommitted changes)?$/);
    // Regenerate after changing the gate's version.
    expect(provenance?.gateVersion).toBe(TOOL.version);
  });

  it('documents a stack of every compute kind and engine, with its profile', () => {
    const shapes = report.stacks
      .filter((s) => DOCS_VARIANTS.some((v) => v.name === s.stack))
      .map((s) => `${s.stack}: ${s.profile} ${s.shape.compute} ${s.shape.database}`);
    expect(shapes).toEqual([
      'payment-dev: dev ec2 aurora-mysql',
      'payment-staging: staging ec2 aurora-mysql',
      'payment-prod: prod ec2 aurora-mysql',
      'payment-prod-fargate-pg: prod ecs-fargate aurora-postgresql',
    ]);
    expect(readFileSync('docs/compliance.md', 'utf8')).toMatch(
      /\| payment-prod-fargate-pg \| prod \| ecs-fargate \| aurora-postgresql \| \d+ \|/,
    );
  });
});

/** Every string of a synthesized stack that Terraform reads as a template (`${` or `%{`). */
function templateStrings(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (hasTemplateSequence(value)) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) templateStrings(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== '//') templateStrings(v, out);
  }
  return out;
}

describe("the gate's expression parser agrees with the HCL parser", () => {
  it('finds the same references in every template string the variants synthesize', async () => {
    const strings = [...new Set(jsons.flatMap((j) => [...templateStrings(j)]))];
    // One call for all strings (each call costs tens of milliseconds): a tuple of heredocs,
    // whose templates, like Terraform JSON strings, take no backslash escapes; each
    // reference is attributed to its string by position.
    let source = '[\n';
    const starts: number[] = [];
    for (const s of strings) {
      source += '<<EOT\n';
      starts.push(source.length);
      source += `${s}\nEOT\n,\n`;
    }
    source += ']';
    const hcl: string[][] = strings.map(() => []);
    for (const ref of await getReferencesInExpression('cdk.tf.json', source)) {
      const owner = starts.filter((start) => start <= ref.startPosition).length - 1;
      hcl[owner]!.push(ref.value);
    }
    const ours = strings.map((s) => {
      const refs = referencesOf(s);
      if (refs instanceof Error) return [`syntax error: ${refs.message}`];
      return refs.map((r) => r.path.join('.'));
    });
    const disagreements = strings
      .map((s, i) => ({ s, ours: ours[i]!.sort(), hcl: hcl[i]!.sort() }))
      .filter((d) => JSON.stringify(d.ours) !== JSON.stringify(d.hcl));
    expect(disagreements).toEqual([]);
    // Not vacuous: the stacks reference resources, data sources and locals hundreds of times.
    expect(strings.length).toBeGreaterThan(100);
    expect(hcl.flat().length).toBeGreaterThan(200);
  });
});
