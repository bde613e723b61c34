/**
 * docs/cost.md and docs/resilience.md match what the commands produce for the committed
 * environments (npm run cost:docs regenerates both), and the gate's budget rules fail prod and
 * warn elsewhere when the idle estimate exceeds monthlyBudgetUsd.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StackGraph } from '../../src/tfjson/graph';
import { buildGraph } from '../../src/tfjson/graph';
import { appliesTo } from '../../src/compliance/rule';
import { RULES } from '../../src/compliance/rules';
import { loadConfig } from '../../src/config/load';
import { renderCostDocs } from '../../src/cost/docs';
import { analyseResilience } from '../../src/resilience/analyse';
import { renderResilienceMarkdown } from '../../src/resilience/report';
import { synthesize } from '../helpers/synth';

let graphs: StackGraph[];
const jsons: Record<string, unknown> = {};

beforeAll(() => {
  // The order loadStacks reads them in: folder names sorted.
  graphs = (['dev', 'prod', 'staging'] as const).map((env) => {
    const name = `payment-${env}`;
    jsons[env] = synthesize({ ENVIRONMENT: env }).json;
    return buildGraph(jsons[env], `${name}/cdk.tf.json`, name);
  });
}, 120_000);

describe('committed reports', () => {
  it('docs/cost.md is current (npm run cost:docs regenerates it)', () => {
    expect(renderCostDocs(graphs)).toBe(readFileSync('docs/cost.md', 'utf8'));
  });

  it('docs/resilience.md is current (npm run cost:docs regenerates it)', () => {
    expect(renderResilienceMarkdown(graphs.map(analyseResilience))).toBe(
      readFileSync('docs/resilience.md', 'utf8'),
    );
  });
});

describe('budget rules of the gate', () => {
  const withBudget = (env: string, budget: number) => {
    const json = structuredClone(jsons[env]) as { locals: Record<string, number> };
    json.locals['monthly_budget_usd'] = budget;
    return buildGraph(json, `payment-${env}/cdk.tf.json`, `payment-${env}`);
  };
  const prodRule = RULES.find((r) => r.id === 'PAY-COST-001')!;
  const warnRule = RULES.find((r) => r.id === 'PAY-COST-002')!;

  it('fails prod (high) when the idle estimate exceeds the budget, and passes within it', () => {
    expect(prodRule.severity).toBe('high');
    expect(prodRule.check(withBudget('prod', 1500))).toEqual([]);
    const [finding] = prodRule.check(withBudget('prod', 1000));
    expect(finding?.message).toMatch(
      /idle estimate is 1150.03 USD a month, over monthlyBudgetUsd 1000/,
    );
    expect(warnRule.check(withBudget('prod', 1000))).toEqual([]);
  });

  it('only warns (low) outside prod', () => {
    expect(warnRule.severity).toBe('low');
    expect(warnRule.check(withBudget('dev', 120))).toEqual([]);
    expect(warnRule.check(withBudget('dev', 50))).toHaveLength(1);
    expect(prodRule.prodOnly).toBe(true);
    expect(appliesTo(prodRule, withBudget('dev', 50))).toBe(false);
  });
});

describe('configuration', () => {
  const file =
    (content: Record<string, unknown>, env = 'dev') =>
    () =>
      loadConfig({ ENVIRONMENT: env, CONFIG_FILE: 'c.json' }, () => JSON.stringify(content));

  it('monthlyBudgetUsd defaults per profile and may be overridden', () => {
    expect(loadConfig({ ENVIRONMENT: 'dev' }).settings.monthlyBudgetUsd).toBe(120);
    expect(file({ monthlyBudgetUsd: 200 })().settings.monthlyBudgetUsd).toBe(200);
    expect(file({ monthlyBudgetUsd: -5 })).toThrow(
      'monthlyBudgetUsd: -5 must be above 0. Example: 500.',
    );
  });

  it('dev pauses at 0 ACU by default, only on engine versions with auto-pause', () => {
    expect(loadConfig({ ENVIRONMENT: 'dev' }).database.minCapacity).toBe(0);
    expect(
      file({ database: { engineVersion: '8.0.mysql_aurora.3.08.0' } })().database.minCapacity,
    ).toBe(0);
    expect(file({ database: { engineVersion: '8.0.mysql_aurora.3.05.2' } })).toThrow(
      /database.minCapacity: 0 needs an engine version with Aurora Serverless v2 auto-pause \(8.0.mysql_aurora.3.08.0 or later\), not 8.0.mysql_aurora.3.05.2/,
    );
    expect(file({ database: { engine: 'aurora-postgresql', engineVersion: '16.2' } })).toThrow(
      /16.4 or later/,
    );
    expect(
      file({ database: { engineVersion: '8.0.mysql_aurora.3.05.2', minCapacity: 0.5 } })().database
        .minCapacity,
    ).toBe(0.5);
    expect(file({ database: { minCapacity: 0 } }, 'staging')).toThrow(
      /allowed only in the dev profile/,
    );
  });
});
