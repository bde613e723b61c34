import { budgetOf } from '../../../cost/budget';
import { estimateStack } from '../../../cost/estimate';
import { PRICES } from '../../../cost/prices';
import { usageFor } from '../../../cost/usage';
import type { StackGraph } from '../../../tfjson/graph';
import type { Violation } from '../../rule';
import { graphRule, isProd } from '../../rule';

/**
 * The idle estimate against `monthlyBudgetUsd`. A stack in a Region the table does not price
 * is `unknown`, never `pass`: the gate cannot tell whether it is within budget (in prod, where
 * the rule is high, that fails the gate until the Region's prices are added).
 */
function overBudget(graph: StackGraph): Violation[] {
  const budget = budgetOf(graph);
  const region = graph.region ?? 'us-east-1';
  const prices = PRICES[region];
  if (budget === undefined) return [];
  if (!prices)
    return [
      {
        address: `local.monthly_budget_usd`,
        message: `${region} is not in the price table, so the estimate cannot be checked against monthlyBudgetUsd ${budget}; add its prices to src/cost/prices-regions.ts`,
        unknown: true,
      },
    ];
  const estimate = estimateStack(graph, usageFor(graph.profile, 'idle'), 'idle', prices, region);
  if (estimate.monthlyUsd <= budget) return [];
  return [
    {
      address: `local.monthly_budget_usd`,
      message: `the idle estimate is ${estimate.monthlyUsd.toFixed(2)} USD a month, over monthlyBudgetUsd ${budget} (npm run cost shows the lines)`,
    },
  ];
}

const meta = {
  resourceTypes: ['*'],
  pci: [],
  equivalents: {},
  rationale:
    'Budget owners approve an environment at a monthly figure; a change that pushes the estimate above it needs their decision before it is deployed.',
  remediation:
    'Reduce the cost (npm run cost lists every line), or raise monthlyBudgetUsd in the environment configuration with the budget owner; in prod a reviewed suppression overrides.',
} as const;

export const costBudgetProd = graphRule({
  ...meta,
  id: 'PAY-COST-001',
  title: 'Prod idle estimate within monthlyBudgetUsd',
  severity: 'high',
  prodOnly: true,
  check: overBudget,
});

export const costBudgetNonProd = graphRule({
  ...meta,
  id: 'PAY-COST-002',
  title: 'Non-prod idle estimate within monthlyBudgetUsd (warning)',
  severity: 'low',
  check: (graph) => (isProd(graph) ? [] : overBudget(graph)),
});
