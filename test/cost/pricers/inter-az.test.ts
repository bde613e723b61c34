import { describe, expect, it } from 'vitest';
import { noteInterAzTransfer } from '../../../src/cost/pricers/inter-az';
import { pricingInput, SUBNETS } from '../../helpers/pricing';

describe('noteInterAzTransfer', () => {
  it('lists inter-AZ transfer as unpriced for the stack when its subnets span AZs', () => {
    const out = noteInterAzTransfer(pricingInput({ aws_subnet: SUBNETS }));
    expect(out.lines).toEqual([]);
    expect(out.unpriced).toEqual([
      expect.objectContaining({ address: '(stack)', item: 'Inter-AZ data transfer' }),
    ]);
  });

  it('says nothing for subnets in a single AZ', () => {
    const one = { a: SUBNETS['a']! };
    expect(noteInterAzTransfer(pricingInput({ aws_subnet: one })).unpriced).toEqual([]);
  });
});
