import { describe, expect, it } from 'vitest';
import { priceWaf } from '../../../src/cost/pricers/waf';
import { itemsOf, pricingInput } from '../../helpers/pricing';

const acl = {
  aws_wafv2_web_acl: { acl: { rule: [{ name: 'common' }, { name: 'rate' }] } },
  aws_wafv2_web_acl_logging_configuration: { logs: {} },
};

describe('priceWaf', () => {
  it('charges the web ACL and each rule by the month', () => {
    const out = priceWaf(pricingInput(acl));
    expect(itemsOf(out)).toEqual([
      ['aws_wafv2_web_acl.acl', 'WAF web ACL', 1, 5],
      ['aws_wafv2_web_acl.acl', 'WAF rules and rule groups (2)', 2, 1],
    ]);
  });

  it('charges the requests it inspects per million', () => {
    const out = priceWaf(pricingInput(acl, { requestsPerSecond: 1 }));
    const requests = out.lines.find((l) => l.item === 'WAF requests')!;
    expect(requests.quantity).toBeCloseTo(2.628, 6); // 730 h x 3600 s / 1M
    expect(requests.unitUsd).toBe(0.6);
  });

  it('lists log delivery to S3 as unpriced instead of zero', () => {
    const out = priceWaf(pricingInput(acl));
    expect(out.unpriced).toEqual([
      expect.objectContaining({
        address: 'aws_wafv2_web_acl_logging_configuration.logs',
        item: 'WAF log delivery to S3',
      }),
    ]);
    expect(out.priced.has('aws_wafv2_web_acl_logging_configuration.logs')).toBe(true);
  });
});
