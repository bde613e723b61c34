import { describe, expect, it } from 'vitest';
import { priceKmsKeys } from '../../../src/cost/pricers/kms';
import { itemsOf, pricingInput } from '../../helpers/pricing';

describe('priceKmsKeys', () => {
  it('charges each customer-managed key 1 USD a month and notes requests as usage-based', () => {
    const out = priceKmsKeys(pricingInput({ aws_kms_key: { logs: {}, data: {} } }));
    expect(itemsOf(out)).toEqual([
      ['aws_kms_key.logs', 'KMS customer-managed key', 1, 1],
      ['aws_kms_key.data', 'KMS customer-managed key', 1, 1],
    ]);
    expect(out.lines.every((l) => l.component === 'security')).toBe(true);
    expect(out.unpriced.map((u) => u.item)).toEqual([
      'KMS requests and rotation',
      'KMS requests and rotation',
    ]);
  });
});
