/** Rules for Secrets Manager, in ID order. */
import type { Rule } from '../../rule';
import { smCmk } from './cmk';
import { smRotation } from './rotation';

export const SM_RULES: readonly Rule[] = [smCmk, smRotation];
