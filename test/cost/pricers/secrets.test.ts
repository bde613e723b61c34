import { describe, expect, it } from 'vitest';
import { priceSecrets } from '../../../src/cost/pricers/secrets';
import { itemsOf, pricingInput } from '../../helpers/pricing';

describe('priceSecrets', () => {
  it('charges each Secrets Manager secret 0.40 USD a month', () => {
    const out = priceSecrets(pricingInput({ aws_secretsmanager_secret: { app: {} } }));
    expect(itemsOf(out)).toEqual([
      ['aws_secretsmanager_secret.app', 'Secrets Manager secret', 1, 0.4],
    ]);
  });
});
