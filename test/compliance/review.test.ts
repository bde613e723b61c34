/**
 * Regression tests from the review of the compliance gate: each one failed before its fix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/compliance/rules';
import { globToRegExp, parseSuppressions } from '../../src/compliance/suppressions';
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

describe('compliance/suppressions.json', () => {
  const file = parseSuppressions(
    'compliance/suppressions.json',
    readFileSync(join(__dirname, '..', '..', 'compliance', 'suppressions.json'), 'utf8'),
  );
  /** Suppressions whose reason holds for every resource of the type (none can be set by Terraform). */
  const TYPE_WIDE = new Set(['PAY-S3-004']);

  it('names the reviewed resource, not every resource of its type', () => {
    expect(file.errors).toEqual([]);
    const broad = file.suppressions.filter(
      (s) => !TYPE_WIDE.has(s.rule) && /^[a-z0-9_]+\.\*$/.test(s.resource),
    );
    expect(broad.map((s) => `${s.rule} ${s.resource}`)).toEqual([]);
  });

  it('would not hide a second, unreviewed public load balancer or cluster', () => {
    const covers = (rule: string, address: string) =>
      file.suppressions.some((s) => s.rule === rule && globToRegExp(s.resource).test(address));
    expect(covers('PAY-ALB-006', 'aws_lb.LoadBalancer_Alb_72D76F81')).toBe(true);
    expect(covers('PAY-ALB-006', 'aws_lb.AdminPortal_Alb_0A1B2C3D')).toBe(false);
    expect(covers('PAY-RDS-011', 'aws_rds_cluster.Aurora_Cluster_2778A36C')).toBe(true);
    expect(covers('PAY-RDS-011', 'aws_rds_cluster.Reporting_Cluster_0A1B2C3D')).toBe(false);
  });
});
