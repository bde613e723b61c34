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

describe('PAY-VPC-009: default network ACL managed, no SSH or RDP from anywhere', () => {
  const rule = () => byId('PAY-VPC-009');
  it('fails a VPC whose default ACL is not managed, naming the VPC', () => {
    const [v] = rule().check(
      graphOf(mutated((tf) => delete tf.resource['aws_default_network_acl'])),
    );
    expect(v).toMatchObject({
      address: 'aws_vpc.vpc',
      message: expect.stringMatching(/allow-all/),
    });
  });

  it.each([
    [
      'the whole ephemeral range (covers 3389)',
      { from_port: 1024, to_port: 65535, protocol: 'tcp' },
      /admits port 3389/,
    ],
    [
      'port 22',
      { from_port: 22, to_port: 22, protocol: 'tcp' },
      /admits port 22 from 0\.0\.0\.0\/0/,
    ],
    ['every protocol', { from_port: 0, to_port: 0, protocol: '-1' }, /admits port 22/],
    ['UDP 3389', { from_port: 3389, to_port: 3389, protocol: 'udp' }, /admits port 3389/],
  ])('fails an ingress entry from anywhere that allows %s', (_what, entry, message) => {
    const open = mutated((tf) => {
      const acl = res(tf, 'aws_default_network_acl', 'default');
      (acl['ingress'] as unknown[]).push({
        rule_no: 200,
        action: 'allow',
        cidr_block: '0.0.0.0/0',
        ...entry,
      });
    });
    expect(rule().check(graphOf(open))).toContainEqual({
      address: 'aws_default_network_acl.default',
      message: expect.stringMatching(message),
    });
  });

  it('checks aws_network_acl_rule resources, and passes SSH from inside the VPC or a deny', () => {
    const withRules = (cidr: string, action: string) =>
      mutated((tf) => {
        tf.resource['aws_network_acl'] = { app: { vpc_id: '${aws_vpc.vpc.id}' } };
        tf.resource['aws_network_acl_rule'] = {
          ssh: {
            network_acl_id: '${aws_network_acl.app.id}',
            rule_number: 100,
            egress: false,
            protocol: 'tcp',
            rule_action: action,
            cidr_block: cidr,
            from_port: 22,
            to_port: 22,
          },
        };
      });
    expect(rule().check(graphOf(withRules('::/0', 'allow')))).toEqual([
      { address: 'aws_network_acl_rule.ssh', message: 'rule 100 admits port 22 from ::/0' },
    ]);
    expect(rule().check(graphOf(withRules('10.0.0.0/16', 'allow')))).toEqual([]);
    expect(rule().check(graphOf(withRules('0.0.0.0/0', 'deny')))).toEqual([]);
  });
});

describe('PAY-VPC-010: PCI DSS scope tags agree with the CDE boundary', () => {
  it('fails an untagged CDE subnet and a security group tagged with the wrong scope', () => {
    const wrong = mutated((tf) => {
      delete res(tf, 'aws_subnet', 'data')['tags'];
      res(tf, 'aws_security_group', 'db')['tags'] = { PciDssScope: 'connected' };
    });
    const violations = byId('PAY-VPC-010').check(graphOf(wrong));
    expect(violations).toContainEqual({
      address: 'aws_subnet.data',
      message: expect.stringMatching(
        /has no PciDssScope tag; the CDE boundary puts it in scope "cde" \(holds aws_rds_cluster\.db\)/,
      ),
    });
    expect(violations).toContainEqual({
      address: 'aws_security_group.db',
      message: expect.stringMatching(
        /is tagged PciDssScope=connected but the CDE boundary puts it in scope "cde"/,
      ),
    });
  });
});
