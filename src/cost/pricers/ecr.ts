/** ECR repositories: the usage profile's image storage, for each repository. */
import { Lines } from '../lines';
import type { PricingInput } from './pricer';

export function priceEcr({ graph, usage, prices }: PricingInput): Lines {
  const out = new Lines();
  for (const r of graph.resources('aws_ecr_repository')) {
    out.usage(
      r.address,
      'storage',
      'ECR image storage',
      usage.ecrStorageGb,
      prices.ecrStorageGbMonth,
    );
  }
  return out;
}
