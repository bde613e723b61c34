import { describe, expect, it } from 'vitest';
import { noteUnknownResources } from '../../../src/cost/pricers/unknown';
import { pricingInput } from '../../helpers/pricing';

describe('noteUnknownResources', () => {
  it('names a resource type no pricer covered, and skips free types and covered resources', () => {
    const input = pricingInput({
      aws_kinesis_stream: { s: { name: 'x' } },
      aws_iam_role: { r: {} },
      aws_kms_key: { k: {} },
    });
    const out = noteUnknownResources(input, new Set(['aws_kms_key.k']));
    expect(out.unpriced).toEqual([
      {
        address: 'aws_kinesis_stream.s',
        item: 'aws_kinesis_stream',
        reason: 'resource type not in the price table',
      },
    ]);
    expect(out.lines).toEqual([]);
  });

  it('lists an uncovered priced type too, so a pricer left out of PRICERS shows', () => {
    const out = noteUnknownResources(pricingInput({ aws_kms_key: { k: {} } }), new Set());
    expect(out.unpriced.map((u) => u.address)).toEqual(['aws_kms_key.k']);
  });
});
