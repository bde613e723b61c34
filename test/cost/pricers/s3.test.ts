import { describe, expect, it } from 'vitest';
import { priceS3 } from '../../../src/cost/pricers/s3';
import { pricingInput } from '../../helpers/pricing';

const buckets = { aws_s3_bucket: { logs: {}, assets: {} } };

describe('priceS3', () => {
  it('shares the Standard storage of the usage profile among the buckets', () => {
    const out = priceS3(pricingInput(buckets, { s3StorageGb: 50 }));
    expect(out.lines.map((l) => [l.address, l.quantity, l.unitUsd])).toEqual([
      ['aws_s3_bucket.logs', 25, 0.023],
      ['aws_s3_bucket.assets', 25, 0.023],
    ]);
  });

  it('notes requests as not modelled, and has no storage line at idle', () => {
    const out = priceS3(pricingInput(buckets));
    expect(out.lines).toEqual([]);
    expect(out.unpriced.map((u) => u.item)).toEqual([
      'S3 requests and Glacier transitions',
      'S3 requests and Glacier transitions',
    ]);
  });
});
