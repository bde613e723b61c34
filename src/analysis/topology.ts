/**
 * What the cost estimate and the AZ-loss analysis need to know about a stack, read from the
 * gate's graph (`buildGraph`): subnets and their AZs, NAT gateways, route tables, endpoints,
 * the load balancer, the app tier and the database. No second parser: every fact comes from
 * a block's attributes or a reference edge.
 */
import { routesOf, routeTablesOf } from '../tfjson/aws';
import type { Block, StackGraph } from '../tfjson/graph';
import { attr, blockList, referencedOfType, referrers } from '../tfjson/graph';
import { num } from '../tfjson/values';
import { compareZoneLabels, zoneLabel } from './availability-zones';

export type SubnetTier = 'public' | 'private' | 'data';

export interface SubnetInfo {
  readonly address: string;
  /** Display name of the AZ (`AZ 1` or a fixed name); undefined when not readable. */
  readonly az: string | undefined;
  readonly tier: SubnetTier | undefined;
}

export interface NatInfo {
  readonly address: string;
  readonly subnet: SubnetInfo | undefined;
  readonly az: string | undefined;
}

export interface RouteTableInfo {
  readonly address: string;
  readonly subnets: readonly SubnetInfo[];
  /** NAT gateways the table's routes lead to. */
  readonly nats: readonly NatInfo[];
}

export interface EndpointInfo {
  readonly address: string;
  readonly service: string;
  readonly type: 'Interface' | 'Gateway' | string;
  readonly subnets: readonly SubnetInfo[];
}

export interface LoadBalancerInfo {
  readonly address: string;
  readonly type: string;
  readonly internetFacing: boolean;
  readonly subnets: readonly SubnetInfo[];
}

export interface AppTierInfo {
  readonly address: string;
  readonly kind: 'ec2' | 'ecs-fargate';
  readonly subnets: readonly SubnetInfo[];
  readonly min: number;
  readonly desired: number;
  readonly max: number;
  /** ALBRequestCountPerTarget target tracking value (requests per target per minute). */
  readonly requestsPerTargetPerMinute: number | undefined;
  readonly instanceType: string | undefined;
  /** Root volume size in GB and type (EC2). */
  readonly volumeGb: number;
  readonly volumeType: string | undefined;
  /** Fargate task size. */
  readonly vcpu: number;
  readonly memoryGb: number;
  readonly architecture: 'x86_64' | 'arm64';
  /** `ELB` or `EC2` (Auto Scaling), or the ECS service behind a load balancer. */
  readonly healthCheckType: string | undefined;
  readonly healthCheckGraceSeconds: number | undefined;
  readonly behindLoadBalancer: boolean;
}

export interface DatabaseInstanceInfo {
  readonly address: string;
  readonly az: string | undefined;
  readonly promotionTier: number;
  readonly instanceClass: string;
  readonly writer: boolean;
}

export interface DatabaseInfo {
  readonly address: string;
  readonly engine: string;
  readonly minAcu: number;
  readonly maxAcu: number;
  readonly ioOptimized: boolean;
  readonly instances: readonly DatabaseInstanceInfo[];
}

export interface Topology {
  readonly azs: readonly string[];
  readonly subnets: readonly SubnetInfo[];
  readonly nats: readonly NatInfo[];
  readonly routeTables: readonly RouteTableInfo[];
  readonly endpoints: readonly EndpointInfo[];
  readonly loadBalancers: readonly LoadBalancerInfo[];
  readonly appTiers: readonly AppTierInfo[];
  readonly databases: readonly DatabaseInfo[];
}

function tierOf(subnet: Block): SubnetTier | undefined {
  const tier = attr(subnet.attrs, 'tags.Tier');
  if (tier === 'public' || tier === 'private' || tier === 'data') return tier;
  if (subnet.attrs['map_public_ip_on_launch'] === true) return 'public';
  return undefined;
}

export function topologyOf(graph: StackGraph): Topology {
  const subnetByAddress = new Map<string, SubnetInfo>();
  for (const s of graph.resources('aws_subnet')) {
    subnetByAddress.set(s.address, {
      address: s.address,
      az: zoneLabel(s.attrs['availability_zone']) ?? zoneLabel(s.attrs['availability_zone_id']),
      tier: tierOf(s),
    });
  }
  const subnetsIn = (from: Block, attribute: string): SubnetInfo[] =>
    referencedOfType(graph, from, attribute, 'aws_subnet')
      .map((b) => subnetByAddress.get(b.address))
      .filter((s): s is SubnetInfo => s !== undefined);

  const nats: NatInfo[] = graph.resources('aws_nat_gateway').map((n) => {
    const subnet = subnetsIn(n, 'subnet_id')[0];
    return { address: n.address, subnet, az: subnet?.az };
  });
  const natByAddress = new Map(nats.map((n) => [n.address, n]));

  const routeTables: RouteTableInfo[] = graph.resources('aws_route_table').map((rt) => {
    const subnets = graph
      .resources('aws_subnet')
      .filter((s) => routeTablesOf(graph, s).includes(rt))
      .map((s) => subnetByAddress.get(s.address)!);
    const natsOf = routesOf(graph, rt)
      .map((r) => (r.target ? natByAddress.get(r.target) : undefined))
      .filter((n): n is NatInfo => n !== undefined);
    return { address: rt.address, subnets, nats: natsOf };
  });

  const endpoints: EndpointInfo[] = graph.resources('aws_vpc_endpoint').map((e) => ({
    address: e.address,
    service: String(e.attrs['service_name'] ?? ''),
    type: String(e.attrs['vpc_endpoint_type'] ?? 'Gateway'),
    subnets: subnetsIn(e, 'subnet_ids'),
  }));

  const loadBalancers: LoadBalancerInfo[] = [
    ...graph.resources('aws_lb'),
    ...graph.resources('aws_alb'),
  ].map((lb) => ({
    address: lb.address,
    type: String(lb.attrs['load_balancer_type'] ?? 'application'),
    internetFacing: lb.attrs['internal'] !== true && lb.attrs['internal'] !== 'true',
    subnets: [...subnetsIn(lb, 'subnets'), ...subnetsIn(lb, 'subnet_mapping')],
  }));

  const appTiers: AppTierInfo[] = [
    ...graph.resources('aws_autoscaling_group').map((asg) => ec2Tier(graph, asg, subnetsIn)),
    ...graph.resources('aws_ecs_service').map((svc) => fargateTier(graph, svc, subnetsIn)),
  ];

  const databases: DatabaseInfo[] = graph.resources('aws_rds_cluster').map((c) => {
    const members = referrers(graph, c, 'aws_rds_cluster_instance', 'cluster_identifier');
    // Terraform does not say which instance is the writer: the one named so, otherwise the
    // first in the lowest promotion tier (the order Aurora fails over in).
    const tierOfInstance = (b: Block) => num(b.attrs['promotion_tier']) ?? 1;
    const named = members.find((m) => /writer/i.test(m.constructPath ?? m.name));
    const writer = named ?? [...members].sort((a, b) => tierOfInstance(a) - tierOfInstance(b))[0];
    const scaling = blockList(c.attrs['serverlessv2_scaling_configuration'])[0] ?? {};
    return {
      address: c.address,
      engine: String(c.attrs['engine'] ?? ''),
      minAcu: num(scaling['min_capacity']) ?? 0,
      maxAcu: num(scaling['max_capacity']) ?? 0,
      ioOptimized: c.attrs['storage_type'] === 'aurora-iopt1',
      instances: members.map((m) => ({
        address: m.address,
        // A literal or data-source zone, or (AZs pinned by ID) the zone of the subnet it names.
        az:
          zoneLabel(m.attrs['availability_zone']) ??
          subnetsIn(m, 'availability_zone').find((s) => s.az !== undefined)?.az,
        promotionTier: tierOfInstance(m),
        instanceClass: String(m.attrs['instance_class'] ?? ''),
        writer: m === writer,
      })),
    };
  });

  const azs = [...new Set([...subnetByAddress.values()].map((s) => s.az))]
    .filter((a): a is string => a !== undefined)
    .sort(compareZoneLabels);
  return {
    azs,
    subnets: [...subnetByAddress.values()],
    nats,
    routeTables,
    endpoints,
    loadBalancers,
    appTiers,
    databases,
  };
}

type SubnetsIn = (from: Block, attribute: string) => SubnetInfo[];

function requestTarget(policies: readonly Block[], configAttribute: string): number | undefined {
  for (const p of policies) {
    const metric = attr(
      p.attrs,
      `${configAttribute}.predefined_metric_specification.predefined_metric_type`,
    );
    if (metric === 'ALBRequestCountPerTarget')
      return num(attr(p.attrs, `${configAttribute}.target_value`));
  }
  return undefined;
}

function ec2Tier(graph: StackGraph, asg: Block, subnetsIn: SubnetsIn): AppTierInfo {
  const template = referencedOfType(graph, asg, 'launch_template', 'aws_launch_template')[0];
  const instanceType = template ? String(template.attrs['instance_type'] ?? '') : undefined;
  const ebs = template ? blockList(template.attrs['block_device_mappings'])[0] : undefined;
  const volume = ebs ? blockList(ebs['ebs'])[0] : undefined;
  const family = instanceType?.split('.')[0] ?? '';
  const policies = referrers(graph, asg, 'aws_autoscaling_policy', 'autoscaling_group_name');
  const min = num(asg.attrs['min_size']) ?? 0;
  return {
    address: asg.address,
    kind: 'ec2',
    subnets: subnetsIn(asg, 'vpc_zone_identifier'),
    min,
    desired: num(asg.attrs['desired_capacity']) ?? min,
    max: num(asg.attrs['max_size']) ?? min,
    requestsPerTargetPerMinute: requestTarget(policies, 'target_tracking_configuration'),
    instanceType,
    volumeGb: num(volume?.['volume_size']) ?? 0,
    volumeType: typeof volume?.['volume_type'] === 'string' ? volume['volume_type'] : undefined,
    vcpu: 0,
    memoryGb: 0,
    // Graviton families carry a `g` after the generation digit (m7g, t4g, c7gn).
    architecture: /^[a-z]+\d+g/.test(family) ? 'arm64' : 'x86_64',
    healthCheckType:
      typeof asg.attrs['health_check_type'] === 'string' ? asg.attrs['health_check_type'] : 'EC2',
    healthCheckGraceSeconds: num(asg.attrs['health_check_grace_period']),
    behindLoadBalancer: graph.refsFrom(asg.address, 'target_group_arns').length > 0,
  };
}

function fargateTier(graph: StackGraph, svc: Block, subnetsIn: SubnetsIn): AppTierInfo {
  const task = referencedOfType(graph, svc, 'task_definition', 'aws_ecs_task_definition')[0];
  const scalable = referrers(graph, svc, 'aws_appautoscaling_target', 'resource_id')[0];
  const policies = scalable ? referrers(graph, scalable, 'aws_appautoscaling_policy') : [];
  const desired = num(svc.attrs['desired_count']) ?? 1;
  const arch = task ? attr(task.attrs, 'runtime_platform.cpu_architecture') : undefined;
  return {
    address: svc.address,
    kind: 'ecs-fargate',
    subnets: subnetsIn(svc, 'network_configuration.subnets'),
    min: num(scalable?.attrs['min_capacity']) ?? desired,
    desired,
    max: num(scalable?.attrs['max_capacity']) ?? desired,
    requestsPerTargetPerMinute: requestTarget(
      policies,
      'target_tracking_scaling_policy_configuration',
    ),
    instanceType: undefined,
    volumeGb: 0,
    volumeType: undefined,
    vcpu: (num(task?.attrs['cpu']) ?? 0) / 1024,
    memoryGb: (num(task?.attrs['memory']) ?? 0) / 1024,
    architecture: arch === 'ARM64' ? 'arm64' : 'x86_64',
    healthCheckType: blockList(svc.attrs['load_balancer']).length > 0 ? 'ELB' : undefined,
    healthCheckGraceSeconds: num(svc.attrs['health_check_grace_period_seconds']),
    behindLoadBalancer: blockList(svc.attrs['load_balancer']).length > 0,
  };
}
