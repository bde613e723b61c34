/** Rules for WAFv2, in ID order. */
import type { Rule } from '../../rule';
import { wafHasRules } from './has-rules';
import { wafRuleActions } from './rule-actions';
import { wafKnownBadInputs } from './known-bad-inputs';
import { wafLogging } from './logging';
import { wafMetrics } from './metrics';

export const WAF_RULES: readonly Rule[] = [
  wafHasRules,
  wafRuleActions,
  wafKnownBadInputs,
  wafLogging,
  wafMetrics,
];
