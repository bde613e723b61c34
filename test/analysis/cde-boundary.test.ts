/**
 * The CDE boundary (PCI DSS 1.2.3, 1.2.4) computed from a stack's graph: what stores,
 * processes or transmits card data, what reaches it, and the subnets and groups they sit in.
 */
import { describe, expect, it } from 'vitest';
import { cdeBoundary } from '../../src/analysis/cde-boundary';
import { buildGraph } from '../../src/tfjson/graph';
import { graphOf, mutated, ref, res } from '../fixtures/compliant-stack';
import { synthesize } from '../helpers/synth';

const withHost = synthesize({}, { database: { adminAccess: { enabled: true } } });
const boundary = cdeBoundary(buildGraph(withHost.json, 'payment-dev.tf.json', 'payment-dev'));
const scopeOf = (members: ReadonlyArray<{ address: string; scope: string }>, match: RegExp) =>
  members.filter((m) => match.test(m.address)).map((m) => m.scope);

describe('CDE boundary of a synthesized stack', () => {
  it('puts the database, the app tier, the load balancer and the WAF in the CDE', () => {
    const cde = boundary.services.filter((s) => s.scope === 'cde').map((s) => s.type);
    expect(cde.sort()).toEqual(
      [
        'aws_autoscaling_group',
        'aws_launch_template',
        'aws_lb',
        'aws_rds_cluster',
        'aws_wafv2_web_acl',
      ].sort(),
    );
  });

  it('counts the admin host, NAT gateways, endpoints, keys and the flow log as connected', () => {
    expect(scopeOf(boundary.services, /DatabaseAdminHost_Instance/)).toEqual(['connected']);
    expect(scopeOf(boundary.services, /aws_nat_gateway/)).toEqual(['connected']);
    expect(scopeOf(boundary.services, /aws_flow_log/)).toEqual(['connected']);
    expect(scopeOf(boundary.services, /aws_kms_key/).every((s) => s === 'connected')).toBe(true);
  });

  it('places every subnet of the three tiers in the CDE, and each security group by what it holds', () => {
    expect(boundary.subnets).toHaveLength(9);
    expect(boundary.subnets.every((s) => s.scope === 'cde')).toBe(true);
    const data = boundary.subnets.find((s) => /DataSubnet0/.test(s.address))!;
    expect(data.reason).toMatch(/^holds aws_rds_cluster\.Aurora_Cluster_/);
    expect(scopeOf(boundary.securityGroups, /SecurityGroups_(Alb|App|Database)/)).toEqual([
      'cde',
      'cde',
      'cde',
    ]);
    expect(scopeOf(boundary.securityGroups, /DatabaseAdminHost_SecurityGroup/)).toEqual([
      'connected',
    ]);
    // The default security group holds nothing, so it is outside the boundary.
    expect(boundary.securityGroups.some((g) => /default/i.test(g.address))).toBe(false);
  });
});

describe('CDE boundary follows placement, not names', () => {
  it('takes a subnet into the CDE when the database moves into it', () => {
    const moved = mutated((tf) => {
      res(tf, 'aws_db_subnet_group', 'db')['subnet_ids'] = [ref('aws_subnet.private2.id')];
    });
    const b = cdeBoundary(graphOf(moved));
    expect(b.subnets.find((s) => s.address === 'aws_subnet.private2')).toMatchObject({
      scope: 'cde',
      reason: expect.stringMatching(/aws_rds_cluster\.db/),
    });
    expect(b.subnets.some((s) => s.address === 'aws_subnet.data')).toBe(false);
  });
});
