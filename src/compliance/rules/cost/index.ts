/** Rules for the idle cost estimate against the environment's budget, in ID order. */
import type { Rule } from '../../rule';
import { costBudgetNonProd, costBudgetProd } from './budget';

export const COST_RULES: readonly Rule[] = [costBudgetProd, costBudgetNonProd];
