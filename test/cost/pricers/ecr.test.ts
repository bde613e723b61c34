import { describe, expect, it } from 'vitest';
import { priceEcr } from '../../../src/cost/pricers/ecr';
import { itemsOf, pricingInput } from '../../helpers/pricing';

describe('priceEcr', () => {
  it('charges the image storage of the usage profile, and nothing at idle', () => {
    const repo = { aws_ecr_repository: { app: {} } };
    expect(itemsOf(priceEcr(pricingInput(repo, { ecrStorageGb: 2 })))).toEqual([
      ['aws_ecr_repository.app', 'ECR image storage', 2, 0.1],
    ]);
    const idle = priceEcr(pricingInput(repo));
    expect(idle.lines).toEqual([]);
    expect(idle.priced.has('aws_ecr_repository.app')).toBe(true);
  });
});
