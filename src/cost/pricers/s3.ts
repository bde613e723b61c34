/** S3: the usage profile's Standard storage shared among the buckets; requests are not modelled. */
import { Lines } from '../lines';
import type { PricingInput } from './pricer';

export function priceS3({ graph, usage, prices }: PricingInput): Lines {
  const out = new Lines();
  const buckets = graph.resources('aws_s3_bucket');
  for (const b of buckets) {
    out.usage(
      b.address,
      'storage',
      'S3 Standard storage (share)',
      usage.s3StorageGb / buckets.length,
      prices.s3StandardGbMonth,
    );
    out.note(b.address, 'S3 requests and Glacier transitions', 'request-based; not modelled');
  }
  return out;
}
