/** Rules for tags, in ID order. */
import type { Rule } from '../../rule';
import { tagsRequired } from './tags-required';

export const TAG_RULES: readonly Rule[] = [tagsRequired];
