/**
 * The architecture a reviewer reads, derived from one stack's graph (the compliance gate's
 * parser): AZs with their subnet tiers, what sits in each subnet, the regional services
 * outside the VPC, and the edges between them. Traffic edges carry the ports the
 * security-group rules allow; log-delivery and key-use edges come from the references.
 * Nothing here is drawn: `dot.ts` and `mermaid.ts` render this model.
 */
import type { SgRule } from '../../tfjson/aws';
import {
  dataSubnets,
  groupsOf,
  isInternetCidr,
  isInternetRoute,
  LOAD_BALANCER_TYPES,
  routesOf,
  routeTablesOf,
  securityGroupRules,
} from '../../tfjson/aws';
import type { Block, StackGraph } from '../../tfjson/graph';
import { attr } from '../../tfjson/graph';
import { num } from '../../tfjson/values';
import { compareZoneLabels, zoneLabel } from '../../analysis/availability-zones';

export const TIERS = ['public', 'private', 'data'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_TITLES: Readonly<Record<Tier, string>> = {
  public: 'Public subnet',
  private: 'Private app subnet',
  data: 'Isolated data subnet',
};

export interface SubnetModel {
  readonly address: string;
  readonly tier: Tier;
  readonly zone: string;
  readonly cidr: string;
}

export interface ZoneModel {
  readonly label: string;
  /** In tier order: public, private, data. */
  readonly subnets: readonly SubnetModel[];
}

export type NodeKind =
  | 'internet'
  | 'waf'
  | 'load-balancer'
  | 'nat-gateway'
  | 'app-ec2'
  | 'app-ecs'
  | 'db-writer'
  | 'db-reader'
  | 'flow-log'
  | 'certificate'
  | 'endpoints'
  | 'bucket'
  | 'key'
  | 'topic'
  | 'log-groups';

/** Where a node is drawn: in a subnet, in the VPC (not in a subnet), in the Region, or outside AWS. */
export type Placement =
  | { readonly in: 'subnet'; readonly subnet: string }
  | { readonly in: 'vpc' }
  | { readonly in: 'region' }
  | { readonly in: 'internet' };

export interface ArchNode {
  /** Unique id: the resource address, `@<zone>` appended for a resource drawn once per AZ. */
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  /** Extra lines under the label (capacity, engine, CIDR...). */
  readonly details: readonly string[];
  readonly placement: Placement;
  /** Addresses of the resources the node stands for. */
  readonly resources: readonly string[];
}

export type EdgeKind = 'traffic' | 'logs' | 'key';

export interface PortRange {
  readonly protocol: string;
  readonly from: number | undefined;
  readonly to: number | undefined;
}

export interface ArchEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label: string;
  /** For traffic edges into a security group: the ports its rules allow from the source. */
  readonly ports: readonly PortRange[];
  /** Addresses of the rules the ports come from. */
  readonly rules: readonly string[];
}

export interface ArchitectureModel {
  readonly stack: string;
  readonly profile: string | undefined;
  readonly region: string | undefined;
  /** The file the model was read from. */
  readonly source: string;
  readonly vpc: { readonly address: string; readonly cidr: string } | undefined;
  readonly zones: readonly ZoneModel[];
  readonly nodes: readonly ArchNode[];
  readonly edges: readonly ArchEdge[];
}

export const INTERNET_ID = 'internet';

/** Builds the model of one stack. */
export function architectureOf(graph: StackGraph): ArchitectureModel {
  const nodes: ArchNode[] = [];
  const edges: ArchEdge[] = [];
  const rules = securityGroupRules(graph);
  const addNode = (node: ArchNode) => {
    if (!nodes.some((n) => n.id === node.id)) nodes.push(node);
  };

  const vpcBlock = graph.resources('aws_vpc')[0];
  const subnets = subnetsOf(graph);
  const subnetByAddress = new Map(subnets.map((s) => [s.address, s]));
  const zones = [...new Set(subnets.map((s) => s.zone))]
    .sort(compareZoneLabels)
    .map((label): ZoneModel => ({
      label,
      subnets: subnets
        .filter((s) => s.zone === label)
        .sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier)),
    }));
  /** The subnets (models) a resource's attribute references. */
  const subnetsAt = (block: Block, attribute: string) =>
    graph
      .refsFrom(block.address, attribute)
      .map((e) => subnetByAddress.get(e.to))
      .filter((s): s is SubnetModel => s !== undefined);

  addNode({
    id: INTERNET_ID,
    kind: 'internet',
    label: 'Internet',
    details: ['clients'],
    placement: { in: 'internet' },
    resources: [],
  });

  // Edge tier: the WAF in front of each load balancer, one load balancer node per AZ.
  const lbNodes = new Map<string, ArchNode[]>();
  for (const lb of LOAD_BALANCER_TYPES.flatMap((t) => graph.resources(t))) {
    const placed: ArchNode[] = [];
    for (const subnet of subnetsAt(lb, 'subnets')) {
      const node: ArchNode = {
        id: `${lb.address}@${subnet.zone}`,
        kind: 'load-balancer',
        label: `${lb.attrs['load_balancer_type'] === 'network' ? 'NLB' : 'ALB'} ${str(lb.attrs['name']) ?? lb.name}`,
        details: [lb.attrs['internal'] === true ? 'internal' : 'internet-facing'],
        placement: { in: 'subnet', subnet: subnet.address },
        resources: [lb.address],
      };
      addNode(node);
      placed.push(node);
    }
    lbNodes.set(lb.address, placed);
  }
  const wafFor = new Map<string, Block>();
  for (const assoc of graph.resources('aws_wafv2_web_acl_association')) {
    const acl = graph.block(graph.refsFrom(assoc.address, 'web_acl_arn')[0]?.to ?? '');
    const lb = graph.refsFrom(assoc.address, 'resource_arn')[0]?.to;
    if (acl && lb) wafFor.set(lb, acl);
  }
  for (const acl of graph.resources('aws_wafv2_web_acl')) {
    addNode({
      id: acl.address,
      kind: 'waf',
      label: `WAF ${str(acl.attrs['name']) ?? acl.name}`,
      details: [`${Array.isArray(acl.attrs['rule']) ? acl.attrs['rule'].length : 0} rules`],
      placement: { in: 'region' },
      resources: [acl.address],
    });
  }
  for (const [lbAddress, placed] of lbNodes) {
    const lb = graph.block(lbAddress)!;
    const internet = internetIngress(rules, groupsOf(graph, lb));
    const acl = wafFor.get(lbAddress);
    if (acl) {
      // Requests reach the load balancer only after the web ACL inspects them.
      edges.push(trafficEdge(INTERNET_ID, acl.address, internet));
      for (const node of placed)
        edges.push(plainEdge(acl.address, node.id, 'traffic', 'inspected'));
    } else {
      for (const node of placed) edges.push(trafficEdge(INTERNET_ID, node.id, internet));
    }
  }

  // Certificates on the listeners.
  for (const listener of graph.resources('aws_lb_listener')) {
    const lb = graph.refsFrom(listener.address, 'load_balancer_arn')[0]?.to;
    for (const e of graph.refsFrom(listener.address, 'certificate_arn')) {
      const cert = graph.block(e.to);
      if (!cert || !lb) continue;
      addNode({
        id: cert.address,
        kind: 'certificate',
        label: 'ACM certificate',
        details: [certificateDetail(cert)],
        placement: { in: 'region' },
        resources: [cert.address],
      });
      const first = lbNodes.get(lb)?.[0];
      if (first) edges.push(plainEdge(cert.address, first.id, 'key', 'TLS certificate'));
    }
  }

  // NAT gateways, in the public subnet each one sits in.
  for (const nat of graph.resources('aws_nat_gateway')) {
    const subnet = subnetsAt(nat, 'subnet_id')[0];
    if (!subnet) continue;
    addNode({
      id: nat.address,
      kind: 'nat-gateway',
      label: str(attr(nat.attrs, 'tags.Name')) ?? 'NAT gateway',
      details: ['NAT gateway'],
      placement: { in: 'subnet', subnet: subnet.address },
      resources: [nat.address],
    });
  }

  // App tier: an Auto Scaling group or an ECS service, drawn in each private subnet it uses.
  const appNodes: ArchNode[] = [];
  for (const asg of graph.resources('aws_autoscaling_group')) {
    const template = graph.refsFrom(asg.address, 'launch_template')[0]?.to;
    const templateBlock = template ? graph.block(template) : undefined;
    const instanceType = templateBlock ? str(templateBlock.attrs['instance_type']) : undefined;
    for (const subnet of subnetsAt(asg, 'vpc_zone_identifier')) {
      const node: ArchNode = {
        id: `${asg.address}@${subnet.zone}`,
        kind: 'app-ec2',
        label: 'EC2 Auto Scaling group',
        details: [
          capacity(
            num(asg.attrs['min_size']),
            num(asg.attrs['desired_capacity']),
            num(asg.attrs['max_size']),
          ),
          ...(instanceType ? [instanceType] : []),
        ],
        placement: { in: 'subnet', subnet: subnet.address },
        resources: [asg.address, ...(template ? [template] : [])],
      };
      addNode(node);
      appNodes.push(node);
    }
  }
  for (const service of graph.resources('aws_ecs_service')) {
    const target = graph
      .resources('aws_appautoscaling_target')
      .find((t) => graph.refsFrom(t.address, 'resource_id').some((e) => e.to === service.address));
    for (const subnet of subnetsAt(service, 'network_configuration.subnets')) {
      const node: ArchNode = {
        id: `${service.address}@${subnet.zone}`,
        kind: 'app-ecs',
        label: 'ECS Fargate service',
        details: [
          capacity(
            target ? num(target.attrs['min_capacity']) : undefined,
            num(service.attrs['desired_count']),
            target ? num(target.attrs['max_capacity']) : undefined,
          ),
        ],
        placement: { in: 'subnet', subnet: subnet.address },
        resources: [service.address],
      };
      addNode(node);
      appNodes.push(node);
    }
  }
  for (const [lbAddress, placed] of lbNodes) {
    const lbGroups = groupsOf(graph, graph.block(lbAddress)!);
    for (const app of appNodes) {
      const from = placed.find((n) => zoneOf(n, subnetByAddress) === zoneOf(app, subnetByAddress));
      if (!from) continue;
      const allowed = peerIngress(rules, appGroups(graph, app), lbGroups);
      if (allowed.length > 0) edges.push(trafficEdge(from.id, app.id, allowed));
    }
  }

  // Data tier: Aurora (or RDS) instances in the AZ each one is placed in.
  const dbNodes: ArchNode[] = [];
  for (const cluster of graph.resources('aws_rds_cluster')) {
    const instances = graph
      .resources('aws_rds_cluster_instance')
      .filter((i) =>
        graph.refsFrom(i.address, 'cluster_identifier').some((e) => e.to === cluster.address),
      );
    const dataByZone = new Map(
      subnets.filter((s) => s.tier === 'data').map((s) => [s.zone, s.address]),
    );
    const writer = instances.find((i) => /writer/i.test(i.constructPath ?? i.name)) ?? instances[0];
    for (const instance of instances) {
      const zone = zoneLabel(instance.attrs['availability_zone']);
      const subnet = zone ? dataByZone.get(zone) : undefined;
      const isWriter = instance === writer;
      const node: ArchNode = {
        id: instance.address,
        kind: isWriter ? 'db-writer' : 'db-reader',
        label: `Aurora ${isWriter ? 'writer' : 'reader'}`,
        details: [
          str(cluster.attrs['engine']) ?? 'aurora',
          str(instance.attrs['instance_class']) ?? '',
        ].filter((d) => d !== ''),
        placement: subnet ? { in: 'subnet', subnet } : { in: 'vpc' },
        resources: isWriter ? [instance.address, cluster.address] : [instance.address],
      };
      addNode(node);
      dbNodes.push(node);
    }
    const dbGroups = groupsOf(graph, cluster);
    for (const app of appNodes) {
      const allowed = peerIngress(rules, dbGroups, appGroups(graph, app));
      if (allowed.length === 0) continue;
      for (const db of dbNodes) {
        // Every app node reaches the writer (cluster endpoint); readers are drawn from the
        // app node of their own AZ only, to keep the picture legible.
        const sameZone = zoneOf(db, subnetByAddress) === zoneOf(app, subnetByAddress);
        if (db.kind === 'db-writer' || sameZone) edges.push(trafficEdge(app.id, db.id, allowed));
      }
    }
  }

  // Outside the VPC: buckets, keys, the alarm topic, log groups, endpoints.
  for (const bucket of graph.resources('aws_s3_bucket')) {
    addNode({
      id: bucket.address,
      kind: 'bucket',
      label: bucketLabel(bucket),
      details: ['S3 bucket'],
      placement: { in: 'region' },
      resources: [bucket.address],
    });
  }
  for (const key of graph.resources('aws_kms_key')) {
    const alias = graph
      .resources('aws_kms_alias')
      .find((a) => graph.refsFrom(a.address, 'target_key_id').some((e) => e.to === key.address));
    addNode({
      id: key.address,
      kind: 'key',
      label: (alias && str(alias.attrs['name'])) ?? `KMS key ${key.name}`,
      details: ['KMS key'],
      placement: { in: 'region' },
      resources: [key.address],
    });
  }
  for (const topic of graph.resources('aws_sns_topic')) {
    addNode({
      id: topic.address,
      kind: 'topic',
      label: str(topic.attrs['name']) ?? topic.name,
      details: ['SNS alarm topic'],
      placement: { in: 'region' },
      resources: [topic.address],
    });
  }
  const logGroups = graph.resources('aws_cloudwatch_log_group');
  const LOG_GROUPS_ID = 'aws_cloudwatch_log_group.*';
  if (logGroups.length > 0) {
    addNode({
      id: LOG_GROUPS_ID,
      kind: 'log-groups',
      label: 'CloudWatch log groups',
      details: [`${logGroups.length} groups`],
      placement: { in: 'region' },
      resources: logGroups.map((g) => g.address),
    });
  }
  const endpoints = graph.resources('aws_vpc_endpoint');
  if (endpoints.length > 0) {
    addNode({
      id: 'aws_vpc_endpoint.*',
      kind: 'endpoints',
      label: 'VPC endpoints',
      details: endpointLines(endpoints),
      placement: { in: 'region' },
      resources: endpoints.map((e) => e.address),
    });
  }

  // Log delivery: flow logs, load balancer and WAF logs.
  for (const flowLog of graph.resources('aws_flow_log')) {
    addNode({
      id: flowLog.address,
      kind: 'flow-log',
      label: 'VPC flow log',
      details: [str(flowLog.attrs['traffic_type']) ?? ''].filter((d) => d !== ''),
      placement: { in: 'vpc' },
      resources: [flowLog.address],
    });
    for (const e of graph.refsFrom(flowLog.address, 'log_destination')) {
      edges.push(plainEdge(flowLog.address, ownerNode(e.to), 'logs', 'flow logs'));
    }
  }
  for (const [lbAddress, placed] of lbNodes) {
    const first = placed[0];
    const lb = graph.block(lbAddress)!;
    if (!first) continue;
    const buckets = new Set(
      ['access_logs.bucket', 'connection_logs.bucket'].flatMap((a) =>
        graph.refsFrom(lb.address, a).map((e) => e.to),
      ),
    );
    for (const bucket of buckets) edges.push(plainEdge(first.id, bucket, 'logs', 'ALB logs'));
  }
  for (const logging of graph.resources('aws_wafv2_web_acl_logging_configuration')) {
    const acl = graph.refsFrom(logging.address, 'resource_arn')[0]?.to;
    for (const e of graph.refsFrom(logging.address, 'log_destination_configs')) {
      if (acl) edges.push(plainEdge(acl, ownerNode(e.to), 'logs', 'WAF logs'));
    }
  }

  // Key use: every reference from a KMS key attribute to a key, drawn from the key to the
  // node that owns the referring resource.
  function ownerNode(address: string): string {
    const direct = nodes.find((n) => n.resources.includes(address));
    if (direct) return direct.id;
    const block = graph.block(address);
    if (!block) return address;
    for (const e of graph.refsFrom(address)) {
      if (!/^(bucket|cluster_identifier|launch_template)/.test(e.attribute)) continue;
      const owner = nodes.find((n) => n.resources.includes(e.to));
      if (owner) return owner.id;
    }
    return address;
  }
  const seen = new Set<string>();
  for (const e of graph.edges) {
    if (!e.to.startsWith('aws_kms_key.') || !/kms|key_id|key_arn/.test(e.attribute)) continue;
    const from = graph.block(e.from);
    if (!from || from.kind !== 'resource' || from.type === 'aws_kms_alias') continue;
    const owner = ownerNode(e.from);
    const key = `${e.to}->${owner}`;
    if (seen.has(key) || !nodes.some((n) => n.id === owner)) continue;
    seen.add(key);
    edges.push(plainEdge(e.to, owner, 'key', 'encrypts'));
  }

  return {
    stack: graph.name,
    profile: graph.profile,
    region: graph.region,
    source: graph.file,
    vpc: vpcBlock
      ? { address: vpcBlock.address, cidr: str(vpcBlock.attrs['cidr_block']) ?? '' }
      : undefined,
    zones,
    nodes,
    edges: edges.filter(
      (e) => nodes.some((n) => n.id === e.to) && nodes.some((n) => n.id === e.from),
    ),
  };
}

/** Subnets with their tier and AZ. */
function subnetsOf(graph: StackGraph): SubnetModel[] {
  const data = new Set(dataSubnets(graph).map((s) => s.address));
  return graph.resources('aws_subnet').map((s): SubnetModel => {
    const tagged = str(attr(s.attrs, 'tags.Tier'))?.toLowerCase();
    const tier: Tier =
      tagged === 'public' || tagged === 'private' || tagged === 'data'
        ? tagged
        : data.has(s.address)
          ? 'data'
          : routeTablesOf(graph, s).some((t) =>
                routesOf(graph, t).some((r) => r.target?.startsWith('aws_internet_gateway.')),
              )
            ? 'public'
            : 'private';
    return {
      address: s.address,
      tier,
      zone:
        zoneLabel(s.attrs['availability_zone']) ??
        zoneLabel(s.attrs['availability_zone_id']) ??
        'AZ ?',
      cidr: str(s.attrs['cidr_block']) ?? '',
    };
  });
}

/** True when the subnet routes to the internet (through an internet or NAT gateway). */
export function routesToInternet(graph: StackGraph, subnet: string): boolean {
  const block = graph.block(subnet);
  if (!block) return false;
  return routeTablesOf(graph, block).some((t) => routesOf(graph, t).some(isInternetRoute));
}

function appGroups(graph: StackGraph, app: ArchNode): string[] {
  return app.resources.flatMap((address) => {
    const block = graph.block(address);
    return block ? groupsOf(graph, block) : [];
  });
}

function zoneOf(node: ArchNode, subnets: ReadonlyMap<string, SubnetModel>): string | undefined {
  return node.placement.in === 'subnet' ? subnets.get(node.placement.subnet)?.zone : undefined;
}

/** Ingress rules of `groups` open to the internet. */
function internetIngress(rules: readonly SgRule[], groups: readonly string[]): SgRule[] {
  return rules.filter(
    (r) =>
      r.direction === 'ingress' &&
      r.group !== undefined &&
      groups.includes(r.group) &&
      r.cidrs.some(isInternetCidr),
  );
}

/** Ingress rules of `groups` whose source is one of `peers`. */
function peerIngress(
  rules: readonly SgRule[],
  groups: readonly string[],
  peers: readonly string[],
): SgRule[] {
  return rules.filter(
    (r) =>
      r.direction === 'ingress' &&
      r.group !== undefined &&
      groups.includes(r.group) &&
      r.peerGroup !== undefined &&
      peers.includes(r.peerGroup),
  );
}

function trafficEdge(from: string, to: string, allowed: readonly SgRule[]): ArchEdge {
  const ports = uniquePorts(allowed);
  return {
    from,
    to,
    kind: 'traffic',
    label: ports.map(portText).join(', '),
    ports,
    rules: allowed.map((r) => r.address),
  };
}

function plainEdge(from: string, to: string, kind: EdgeKind, label: string): ArchEdge {
  return { from, to, kind, label, ports: [], rules: [] };
}

function uniquePorts(rules: readonly SgRule[]): PortRange[] {
  const out: PortRange[] = [];
  for (const r of rules) {
    const p = { protocol: r.protocol, from: r.fromPort, to: r.toPort };
    if (!out.some((o) => o.protocol === p.protocol && o.from === p.from && o.to === p.to))
      out.push(p);
  }
  return out.sort((a, b) => (a.from ?? -1) - (b.from ?? -1));
}

/** `443/tcp`, `1024-2048/tcp`, `all traffic`. */
export function portText(p: PortRange): string {
  if (p.protocol === '-1' || p.protocol === 'all') return 'all traffic';
  const range = p.from === p.to ? `${p.from ?? '?'}` : `${p.from ?? '?'}-${p.to ?? '?'}`;
  return `${range}/${p.protocol}`;
}

function capacity(
  min: number | undefined,
  desired: number | undefined,
  max: number | undefined,
): string {
  const n = (v: number | undefined) => (v === undefined ? '?' : String(v));
  return `min ${n(min)} / desired ${n(desired)} / max ${n(max)}`;
}

function certificateDetail(cert: Block): string {
  const domain = str(cert.attrs['domain_name']);
  if (domain) return domain;
  if (cert.attrs['private_key'] !== undefined) return 'imported (self-signed)';
  return cert.type;
}

/** The bucket's name without the account and Region suffix the naming module appends. */
function bucketLabel(bucket: Block): string {
  const name = str(bucket.attrs['bucket']) ?? str(bucket.attrs['bucket_prefix']) ?? bucket.name;
  return name.replace(/-\$\{[^}]+\}.*$/, '');
}

function endpointLines(endpoints: readonly Block[]): string[] {
  const names = endpoints.map((e) => {
    const service = str(e.attrs['service_name']) ?? '?';
    const short = service.replace(/^com\.amazonaws\.[a-z0-9-]+\./, '');
    return e.attrs['vpc_endpoint_type'] === 'Gateway' ? `${short} (gateway)` : short;
  });
  // Four names to a line keeps the node narrow.
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 4) lines.push(names.slice(i, i + 4).join(', '));
  return lines;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
