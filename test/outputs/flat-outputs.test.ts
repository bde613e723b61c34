import { describe, expect, it } from 'vitest';
import { flattenOutputs } from '../../src/outputs/flat-outputs';

describe('flattenOutputs', () => {
  it('maps each output name to its value and drops sensitive outputs', () => {
    expect(
      flattenOutputs({
        vpc_id: { value: 'vpc-123', type: 'string' },
        public_subnet_ids: { value: ['subnet-a', 'subnet-b'], type: ['list', 'string'] },
        token: { value: 'secret', sensitive: true },
      }),
    ).toEqual({ vpc_id: 'vpc-123', public_subnet_ids: ['subnet-a', 'subnet-b'] });
  });

  it('refuses input that is not terraform output -json', () => {
    expect(() => flattenOutputs({ vpc_id: 'vpc-123' } as never)).toThrow(/vpc_id.*no "value"/);
  });
});
