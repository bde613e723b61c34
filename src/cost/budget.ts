/**
 * The environment's monthly budget (config key `monthlyBudgetUsd`), carried into the
 * synthesized JSON as a Terraform local so that tools reading only the JSON can compare the
 * estimate with it.
 */
import type { StackGraph } from '../tfjson/graph';
import { MONTHLY_BUDGET_LOCAL } from '../tfjson/markers';
import { num } from '../tfjson/values';

/** The stack's monthly budget in USD, or undefined when the stack declares none. */
export function budgetOf(graph: StackGraph): number | undefined {
  return num(graph.block(`local.${MONTHLY_BUDGET_LOCAL}`)?.attrs['value']);
}

export interface BudgetCheck {
  readonly budgetUsd: number;
  readonly estimateUsd: number;
  readonly over: boolean;
  /** Over budget in prod: an error unless overridden. */
  readonly fails: boolean;
}

export function checkBudget(graph: StackGraph, estimateUsd: number): BudgetCheck | undefined {
  const budgetUsd = budgetOf(graph);
  if (budgetUsd === undefined) return undefined;
  const over = estimateUsd > budgetUsd;
  return { budgetUsd, estimateUsd, over, fails: over && graph.profile === 'prod' };
}
