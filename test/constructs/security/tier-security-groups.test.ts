import { describe, expect, it } from 'vitest';
import type { Block, TerraformJson } from '../../helpers/synth';
import { blocksOf, refOf, resourceAt, synthesize } from '../../helpers/synth';

const ec2 = synthesize().json;
const fargate = synthesize({}, { compute: { kind: 'ecs-fargate', appPort: 9000 } }).json;

interface Edge {
  readonly direction: 'in' | 'out';
  readonly group: string;
  readonly peer: string;
  readonly from: number;
  readonly to: number;
  readonly description: unknown;
}

/** Every rule as an edge between tiers (`internet` for 0.0.0.0/0). */
function graph(json: TerraformJson): Edge[] {
  const names = new Map<string, string>();
  for (const tier of ['Alb', 'App', 'Database']) {
    const group = resourceAt(json, 'aws_security_group', `SecurityGroups/${tier}`);
    names.set(`\${${refOf(json, 'aws_security_group', group)}.id}`, tier.toLowerCase());
  }
  const edge = (direction: 'in' | 'out') => (rule: Block) => ({
    direction,
    group: names.get(rule.security_group_id as string) ?? 'unknown',
    peer:
      rule.cidr_ipv4 === '0.0.0.0/0'
        ? 'internet'
        : (names.get(rule.referenced_security_group_id as string) ?? 'other'),
    from: rule.from_port as number,
    to: rule.to_port as number,
    description: rule.description,
  });
  return [
    ...blocksOf(json, 'aws_vpc_security_group_ingress_rule').map(edge('in')),
    ...blocksOf(json, 'aws_vpc_security_group_egress_rule').map(edge('out')),
  ];
}

const summary = (edges: Edge[]) =>
  edges.map((e) => `${e.group} ${e.direction} ${e.peer}:${e.from}-${e.to}`).sort();

describe('the security-group graph internet -> ALB -> app -> database', () => {
  it('is exactly the chain, with the app port of the configuration', () => {
    expect(summary(graph(ec2))).toEqual(
      [
        'alb in internet:443-443',
        'alb in internet:80-80',
        'alb out app:8080-8080',
        'app in alb:8080-8080',
        'app out internet:443-443',
        'app out database:3306-3306',
        'database in app:3306-3306',
      ].sort(),
    );
    expect(summary(graph(fargate))).toContain('app in alb:9000-9000');
    expect(summary(graph(fargate))).toContain('alb out app:9000-9000');
  });

  it('admits the internet only to the ALB on 80 and 443', () => {
    for (const json of [ec2, fargate]) {
      const open = graph(json).filter((e) => e.direction === 'in' && e.peer === 'internet');
      expect(open.map((e) => `${e.group}:${e.from}-${e.to}`).sort()).toEqual([
        'alb:443-443',
        'alb:80-80',
      ]);
    }
  });

  it('lets only the app reach the database, and the database reach nothing', () => {
    const edges = graph(ec2);
    expect(edges.filter((e) => e.group === 'database' && e.direction === 'in')).toEqual([
      expect.objectContaining({ peer: 'app', from: 3306, to: 3306 }),
    ]);
    expect(edges.filter((e) => e.peer === 'database').map((e) => e.group)).toEqual(['app']);
    expect(edges.filter((e) => e.group === 'database' && e.direction === 'out')).toEqual([]);
  });

  it('describes every rule and opens neither 22 nor 3389 anywhere', () => {
    for (const edge of [...graph(ec2), ...graph(fargate)]) {
      expect(edge.description).toEqual(expect.any(String));
      for (const port of [22, 3389]) {
        expect(port >= edge.from && port <= edge.to, `${edge.group} ${port}`).toBe(false);
      }
    }
  });

  it('attaches the ALB group to the load balancer and the app group to the app tier', () => {
    const albGroup = refOf(
      ec2,
      'aws_security_group',
      resourceAt(ec2, 'aws_security_group', 'SecurityGroups/Alb'),
    );
    const appGroup = refOf(
      ec2,
      'aws_security_group',
      resourceAt(ec2, 'aws_security_group', 'SecurityGroups/App'),
    );
    expect(resourceAt(ec2, 'aws_lb', 'LoadBalancer/Alb').security_groups).toEqual([
      `\${${albGroup}.id}`,
    ]);
    const template = resourceAt(ec2, 'aws_launch_template', 'App/LaunchTemplate');
    expect(template.network_interfaces).toEqual([
      expect.objectContaining({ security_groups: [`\${${appGroup}.id}`] }),
    ]);
    const fargateAppGroup = refOf(
      fargate,
      'aws_security_group',
      resourceAt(fargate, 'aws_security_group', 'SecurityGroups/App'),
    );
    const service = resourceAt(fargate, 'aws_ecs_service', 'App/Service');
    expect(service.network_configuration).toMatchObject({
      security_groups: [`\${${fargateAppGroup}.id}`],
    });
  });
});
