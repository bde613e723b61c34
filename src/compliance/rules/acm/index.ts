/** Rules for ACM certificates, in ID order. */
import type { Rule } from '../../rule';
import { acmCreateBeforeDestroy } from './create-before-destroy';
import { acmTransparencyLogging } from './transparency-logging';
import { acmNoWildcard } from './no-wildcard';

export const ACM_RULES: readonly Rule[] = [
  acmCreateBeforeDestroy,
  acmTransparencyLogging,
  acmNoWildcard,
];
