/**
 * The project's own stacks pass the gate: every profile, synthesized exactly as
 * `npm run synth` does, has no unsuppressed finding at any severity, and every suppression
 * in compliance/suppressions.json is used (none is stale).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/compliance/engine';
import { evaluate } from '../../src/compliance/engine';
import { buildGraph } from '../../src/compliance/graph';
import { renderMarkdown } from '../../src/compliance/reporters/markdown';
import { RULES } from '../../src/compliance/rules';
import { parseSuppressions } from '../../src/compliance/suppressions';
import { synthesize } from '../helpers/synth';

interface Variant {
  /** Stack name (the suffix keeps variants of one profile apart). */
  readonly name: string;
  readonly env: Record<string, string>;
  /** Configuration file content, as `CONFIG_FILE` would give it. */
  readonly config?: Record<string, unknown>;
}

/**
 * Every deployable shape of the project. When a tier adds a choice (compute kind, engine)
 * or a prod requirement (a real certificate), add or adjust the variants here.
 */
const FARGATE = { kind: 'ecs-fargate' };
const POSTGRES = { engine: 'aurora-postgresql' };
const VARIANTS: readonly Variant[] = [
  // The default shape (EC2 Auto Scaling, Aurora MySQL) in every profile; prod gets the
  // synth helper's stand-in certificate ARN.
  { name: 'payment-dev', env: { ENVIRONMENT: 'dev' } },
  { name: 'payment-staging', env: { ENVIRONMENT: 'staging' } },
  { name: 'payment-prod', env: { ENVIRONMENT: 'prod' } },
  // The other compute kind and engine, together and crossed, in dev and prod.
  {
    name: 'payment-dev-fargate-pg',
    env: { ENVIRONMENT: 'dev', ENVIRONMENT_SUFFIX: 'dev-fargate-pg' },
    config: { compute: FARGATE, database: POSTGRES },
  },
  {
    name: 'payment-prod-fargate',
    env: { ENVIRONMENT: 'prod', ENVIRONMENT_SUFFIX: 'prod-fargate' },
    config: { compute: FARGATE },
  },
  {
    name: 'payment-prod-pg',
    env: { ENVIRONMENT: 'prod', ENVIRONMENT_SUFFIX: 'prod-pg' },
    config: {
      database: POSTGRES,
      // A domain validated through Route 53, the other prod certificate mode.
      certificate: { domainName: 'pay.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' },
    },
  },
];
let report: Report;
let graphs: ReturnType<typeof buildGraph>[];

beforeAll(() => {
  graphs = VARIANTS.map((v) => {
    const { json } = synthesize(v.env, v.config);
    return buildGraph(json, `${v.name}/cdk.tf.json`, v.name);
  });
  const path = 'compliance/suppressions.json';
  report = evaluate(graphs, RULES, parseSuppressions(path, readFileSync(path, 'utf8')));
});

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
    // The same three default environments scripts/compliance-docs.mjs synthesizes.
    const defaults = ['payment-dev', 'payment-staging', 'payment-prod'];
    const path = 'compliance/suppressions.json';
    const docs = evaluate(
      // In folder order, as the CLI reads cdktf.out/stacks.
      graphs.filter((g) => defaults.includes(g.name)).sort((a, b) => a.name.localeCompare(b.name)),
      RULES,
      parseSuppressions(path, readFileSync(path, 'utf8')),
    );
    expect(renderMarkdown(docs, 'high')).toBe(readFileSync('docs/compliance.md', 'utf8'));
  });
});
