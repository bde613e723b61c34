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
import { RULES } from '../../src/compliance/rules';
import { parseSuppressions } from '../../src/compliance/suppressions';
import { synthesize } from '../helpers/synth';

const PROFILES = ['dev', 'staging', 'prod'] as const;
let report: Report;

beforeAll(() => {
  const graphs = PROFILES.map((p) => {
    const { json } = synthesize({ ENVIRONMENT: p });
    return buildGraph(json, `payment-${p}/cdk.tf.json`, `payment-${p}`);
  });
  const path = 'compliance/suppressions.json';
  report = evaluate(graphs, RULES, parseSuppressions(path, readFileSync(path, 'utf8')));
});

describe('the synthesized project passes the compliance gate', () => {
  it.each(PROFILES)('%s has no unsuppressed finding at any severity', (p) => {
    const stack = report.stacks.find((s) => s.stack === `payment-${p}`)!;
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
});
