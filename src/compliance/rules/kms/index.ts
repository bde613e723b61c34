/** Rules for KMS keys, in ID order. */
import type { Rule } from '../../rule';
import { kmsRotation } from './rotation';
import { kmsNoPublicPrincipal } from './no-public-principal';
import { kmsEnabled } from './enabled';
import { kmsPolicyDefined } from './policy-defined';
import { kmsDeletionWindow } from './deletion-window';
import { kmsSeparateAdministrators } from './separate-administrators';

export const KMS_RULES: readonly Rule[] = [
  kmsRotation,
  kmsNoPublicPrincipal,
  kmsEnabled,
  kmsPolicyDefined,
  kmsDeletionWindow,
  kmsSeparateAdministrators,
];
