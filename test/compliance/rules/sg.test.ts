/** The security group rules (src/compliance/rules/sg/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import type { TfJson } from '../../fixtures/compliant-stack';
import { add, graphOf, mutated, ref, res } from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

/** The fixture with an internet-facing ALB whose group accepts 443 from anywhere. */
const publicAlb = (tf: TfJson) => {
  res(tf, 'aws_lb', 'alb')['internal'] = false;
  res(tf, 'aws_vpc_security_group_ingress_rule', 'alb_https')['cidr_ipv4'] = '0.0.0.0/0';
};

describe('PAY-SG-008: internet ingress only to the load balancer', () => {
  it('passes when the open group is used only by the internet-facing ALB', () => {
    expect(byId('PAY-SG-008').check(graphOf(mutated(publicAlb)))).toEqual([]);
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
    const found = byId('PAY-SG-008').check(graphOf(shared));
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
    expect(byId('PAY-SG-008').check(graphOf(mixed))).toHaveLength(1);
  });
});

describe('security group rules open to the internet through split or wide CIDRs', () => {
  const ssh = (cidrs: Record<string, string>) =>
    byId('PAY-SG-002').check(
      graphOf(
        mutated((tf) =>
          add(tf, 'aws_vpc_security_group_ingress_rule', 'ssh', {
            security_group_id: ref('aws_security_group.app.id'),
            description: 'ssh',
            ip_protocol: 'tcp',
            from_port: 22,
            to_port: 22,
            ...cidrs,
          }),
        ),
      ),
    );

  it('treats 0.0.0.0/1, 128.0.0.0/1, a /4 and 8000::/1 as the internet', () => {
    expect(ssh({ cidr_ipv4: '0.0.0.0/1' })).toHaveLength(1);
    expect(ssh({ cidr_ipv4: '128.0.0.0/1' })).toHaveLength(1);
    expect(ssh({ cidr_ipv4: '64.0.0.0/4' })).toHaveLength(1);
    expect(ssh({ cidr_ipv6: '8000::/1' })).toHaveLength(1);
  });

  it('does not treat the VPC, private ranges or a host as the internet', () => {
    expect(ssh({ cidr_ipv4: '10.0.0.0/16' })).toEqual([]);
    expect(ssh({ cidr_ipv4: '10.0.0.0/8' })).toEqual([]);
    expect(ssh({ cidr_ipv4: '203.0.113.10/32' })).toEqual([]);
    expect(ssh({ cidr_ipv6: 'fd00::/8' })).toEqual([]);
    expect(ssh({ cidr_ipv6: '2001:db8::/32' })).toEqual([]);
  });
});

describe('rule details an auditor relies on', () => {
  it('finds the database reachable from a CIDR range', () => {
    const g = graphOf(
      mutated((tf) =>
        add(tf, 'aws_vpc_security_group_ingress_rule', 'db_cidr', {
          security_group_id: ref('aws_security_group.db.id'),
          description: 'VPC',
          cidr_ipv4: '10.0.0.0/16',
          ip_protocol: 'tcp',
          from_port: 3306,
          to_port: 3306,
        }),
      ),
    );
    expect(
      byId('PAY-SG-009')
        .check(g)
        .map((v) => v.address),
    ).toEqual(['aws_vpc_security_group_ingress_rule.db_cidr']);
  });

  it('reads inline security group rules and aws_security_group_rule resources too', () => {
    const inline = graphOf(
      mutated((tf) => {
        res(tf, 'aws_security_group', 'app')['ingress'] = [
          {
            protocol: 'tcp',
            from_port: 22,
            to_port: 22,
            cidr_blocks: ['0.0.0.0/0'],
            description: 'ssh',
          },
        ];
      }),
    );
    expect(byId('PAY-SG-002').check(inline)).toHaveLength(1);
    const legacy = graphOf(
      mutated((tf) =>
        add(tf, 'aws_security_group_rule', 'rdp', {
          type: 'ingress',
          security_group_id: ref('aws_security_group.app.id'),
          protocol: 'tcp',
          from_port: 3000,
          to_port: 4000,
          ipv6_cidr_blocks: ['::/0'],
          description: 'range',
        }),
      ),
    );
    expect(byId('PAY-SG-003').check(legacy)).toHaveLength(1);
  });
});
