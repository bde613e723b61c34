import { describe, expect, it } from 'vitest';
import { priceEndpoints } from '../../../src/cost/pricers/endpoints';
import { itemsOf, pricingInput, SUBNETS, subnetRef } from '../../helpers/pricing';

describe('priceEndpoints', () => {
  it('charges an interface endpoint per AZ hour and lists its data processing as unpriced', () => {
    const out = priceEndpoints(
      pricingInput({
        aws_subnet: SUBNETS,
        aws_vpc_endpoint: {
          sm: {
            service_name: 'com.amazonaws.us-east-1.secretsmanager',
            vpc_endpoint_type: 'Interface',
            subnet_ids: [subnetRef('a'), subnetRef('b')],
          },
        },
      }),
    );
    expect(itemsOf(out)).toEqual([
      ['aws_vpc_endpoint.sm', 'Interface endpoint secretsmanager (2 AZ)', 1460, 0.01],
    ]);
    expect(out.unpriced).toEqual([
      {
        address: 'aws_vpc_endpoint.sm',
        item: 'Endpoint data processed',
        reason: 'no usage key for traffic through endpoints',
      },
    ]);
  });

  it('treats a gateway endpoint as free: covered, without a line', () => {
    const out = priceEndpoints(
      pricingInput({
        aws_vpc_endpoint: {
          s3: { service_name: 'com.amazonaws.us-east-1.s3', vpc_endpoint_type: 'Gateway' },
        },
      }),
    );
    expect(out.lines).toEqual([]);
    expect(out.unpriced).toEqual([]);
    expect([...out.priced]).toEqual(['aws_vpc_endpoint.s3']);
  });
});
