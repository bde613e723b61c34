/** Rules for references between blocks, in ID order. */
import type { Rule } from '../../rule';
import { refIntegrity } from './integrity';
import { refSyntax } from './syntax';

export const REF_RULES: readonly Rule[] = [refIntegrity, refSyntax];
