/** Rules for SNS topics, in ID order. */
import type { Rule } from '../../rule';
import { snsKms } from './kms';
import { snsNotPublic } from './not-public';
import { snsTlsOnly } from './tls-only';

export const SNS_RULES: readonly Rule[] = [snsKms, snsNotPublic, snsTlsOnly];
