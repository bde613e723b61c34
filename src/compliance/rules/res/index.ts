/** Rules for resilience (the loss of one Availability Zone), in ID order. */
import type { Rule } from '../../rule';
import { resSurvivesAzLoss } from './survives-az-loss';

export const RES_RULES: readonly Rule[] = [resSurvivesAzLoss];
