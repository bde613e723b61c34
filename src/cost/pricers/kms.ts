/** KMS customer-managed keys: a monthly charge each; requests and rotations are usage-based. */
import { Lines } from '../lines';
import type { PricingInput } from './pricer';

export function priceKmsKeys({ graph, prices }: PricingInput): Lines {
  const out = new Lines();
  for (const key of graph.resources('aws_kms_key')) {
    out.add(key.address, 'security', 'KMS customer-managed key', 1, prices.kmsKeyMonth);
    out.note(
      key.address,
      'KMS requests and rotation',
      'requests beyond the free tier and the first rotations of a key are usage-based',
    );
  }
  return out;
}
