/** The VPC rules (src/compliance/rules/vpc/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import { graphOf, mutated, policy, res } from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('PAY-VPC-008: S3 gateway endpoint policy', () => {
  it('fails an S3 endpoint policy that reaches every bucket without pinning the owner', () => {
    const open = mutated((tf) => {
      res(tf, 'aws_vpc_endpoint', 's3')['policy'] = policy([
        { Sid: 'All', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
      ]);
    });
    expect(byId('PAY-VPC-008').check(graphOf(open))[0]?.message).toMatch(/statement All allows/);
    const interfaceEndpoint = mutated((tf) => {
      const endpoint = res(tf, 'aws_vpc_endpoint', 's3');
      delete endpoint['policy'];
      endpoint['vpc_endpoint_type'] = 'Interface';
    });
    expect(byId('PAY-VPC-008').check(graphOf(interfaceEndpoint))).toEqual([]);
  });
});
