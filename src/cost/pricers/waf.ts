/**
 * AWS WAF: a monthly charge per web ACL and per rule or rule group in it, and a charge per
 * million requests inspected; its log delivery to S3 is vended-log pricing the table lacks.
 */
import { blockList } from '../../tfjson/graph';
import { Lines, SECONDS_PER_MONTH } from '../lines';
import type { PricingInput } from './pricer';

export function priceWaf({ graph, usage, prices }: PricingInput): Lines {
  const out = new Lines();
  for (const acl of graph.resources('aws_wafv2_web_acl')) {
    out.add(acl.address, 'edge', 'WAF web ACL', 1, prices.wafWebAclMonth);
    const rules = blockList(acl.attrs['rule']).length;
    out.usage(
      acl.address,
      'edge',
      `WAF rules and rule groups (${rules})`,
      rules,
      prices.wafRuleMonth,
    );
    out.usage(
      acl.address,
      'edge',
      'WAF requests',
      (usage.requestsPerSecond * SECONDS_PER_MONTH) / 1_000_000,
      prices.wafPerMillionRequests,
    );
  }
  for (const cfg of graph.resources('aws_wafv2_web_acl_logging_configuration')) {
    out.none(
      cfg.address,
      'WAF log delivery to S3',
      'vended log delivery is charged per GB delivered; not in the price table',
    );
  }
  return out;
}
