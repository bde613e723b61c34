/**
 * Regression tests from the review of the compliance gate: each one failed before its fix.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/compliance/rules';
import type { TfJson } from './fixtures';
import { add, graphOf, mutated, ref, res } from './fixtures';

const rule = (id: string) => RULES.find((r) => r.id === id)!;

/** The fixture with an internet-facing ALB whose group accepts 443 from anywhere. */
const publicAlb = (tf: TfJson) => {
  res(tf, 'aws_lb', 'alb')['internal'] = false;
  res(tf, 'aws_vpc_security_group_ingress_rule', 'alb_https')['cidr_ipv4'] = '0.0.0.0/0';
};

describe('PAY-SG-008: internet ingress only to the load balancer', () => {
  it('passes when the open group is used only by the internet-facing ALB', () => {
    expect(rule('PAY-SG-008').check(graphOf(mutated(publicAlb)))).toEqual([]);
  });

  it('fails when the ALB group is also attached to the app instances', () => {
    const shared = mutated((tf) => {
      publicAlb(tf);
      const lt = res(tf, 'aws_launch_template', 'app');
      lt['vpc_security_group_ids'] = [
        ref('aws_security_group.app.id'),
        ref('aws_security_group.alb.id'),
      ];
    });
    const found = rule('PAY-SG-008').check(graphOf(shared));
    expect(found.map((v) => v.address)).toEqual(['aws_vpc_security_group_ingress_rule.alb_https']);
    expect(found[0]?.message).toMatch(/not attached only to an internet-facing load balancer/);
  });

  it('fails when the open group is attached to an internal load balancer as well', () => {
    const mixed = mutated((tf) => {
      publicAlb(tf);
      add(tf, 'aws_lb', 'internal', {
        ...res(tf, 'aws_lb', 'alb'),
        name: 'payment-internal-prod',
        internal: true,
      });
    });
    expect(rule('PAY-SG-008').check(graphOf(mixed))).toHaveLength(1);
  });
});
