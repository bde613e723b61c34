/** Rules for Secrets Manager, in ID order. */
import type { Rule } from '../../rule';
import { smCmk } from './cmk';
import { smRotation } from './rotation';
import { smMasterSecretBreakGlass } from './master-secret-break-glass';

export const SM_RULES: readonly Rule[] = [smCmk, smRotation, smMasterSecretBreakGlass];
