/**
 * Graph queries about AWS resources that several rules share: a bucket's companion
 * resources, security-group rules in their three Terraform spellings, what a security
 * group is attached to, and the routes of a subnet.
 */
import ipaddr from 'ipaddr.js';
import type { Attrs, Block, StackGraph } from './graph';
import { attr, blockList, stringList } from './graph';
import { num } from './values';

/** Resources of `type` whose `attribute` references `owner` (e.g. a bucket's versioning). */
export function companions(
  graph: StackGraph,
  owner: Block,
  type: string,
  attribute = 'bucket',
): Block[] {
  const out: Block[] = [];
  for (const e of graph.refsTo(owner.address)) {
    if (e.attribute !== attribute) continue;
    const b = graph.block(e.from);
    if (b && b.type === type && !out.includes(b)) out.push(b);
  }
  return out;
}

export const ANYWHERE = ['0.0.0.0/0', '::/0'];

/** Remote-administration ports (SSH, RDP) that Security Hub EC2.13, EC2.14 and EC2.21 watch. */
export const SSH_PORT = 22;
export const RDP_PORT = 3389;
export const REMOTE_ADMIN_PORTS: readonly number[] = [SSH_PORT, RDP_PORT];

/** One entry of a network ACL, whichever resource spells it. */
export interface NaclEntry {
  /** The resource that holds the entry (the ACL for inline entries, or the rule resource). */
  readonly address: string;
  /** The ACL the entry belongs to (address), when resolvable. */
  readonly acl: string | undefined;
  readonly egress: boolean;
  readonly ruleNo: number | undefined;
  readonly action: string;
  /** `tcp`, `udp`, `icmp`, `-1`/`all`, or a protocol number (`6` is TCP, `17` UDP). */
  readonly protocol: string;
  readonly fromPort: number | undefined;
  readonly toPort: number | undefined;
  readonly cidrs: readonly string[];
}

const NACL_TYPES = ['aws_network_acl', 'aws_default_network_acl'];

/** Every network ACL entry of the stack: inline `ingress`/`egress` blocks and rule resources. */
export function networkAclEntries(graph: StackGraph): NaclEntry[] {
  const out: NaclEntry[] = [];
  const entry = (address: string, acl: string | undefined, egress: boolean, a: Attrs) => {
    out.push({
      address,
      acl,
      egress,
      ruleNo: num(a['rule_no'] ?? a['rule_number']),
      action: String(a['action'] ?? a['rule_action'] ?? ''),
      protocol: String(a['protocol'] ?? ''),
      fromPort: num(a['from_port']),
      toPort: num(a['to_port']),
      cidrs: [a['cidr_block'], a['ipv6_cidr_block']].filter(
        (c): c is string => typeof c === 'string',
      ),
    });
  };
  for (const type of NACL_TYPES) {
    for (const acl of graph.resources(type)) {
      for (const a of blockList(acl.attrs['ingress'])) entry(acl.address, acl.address, false, a);
      for (const a of blockList(acl.attrs['egress'])) entry(acl.address, acl.address, true, a);
    }
  }
  for (const rule of graph.resources('aws_network_acl_rule')) {
    entry(
      rule.address,
      ref(graph, rule, 'network_acl_id'),
      rule.attrs['egress'] === true,
      rule.attrs,
    );
  }
  return out;
}

/** True when the entry allows `protocol` (`tcp` or `udp`) traffic to `port`. */
export function naclAllows(e: NaclEntry, port: number, protocol: 'tcp' | 'udp' = 'tcp'): boolean {
  if (e.action !== 'allow') return false;
  const numbers: Record<string, string> = { tcp: '6', udp: '17' };
  if (ALL_PROTOCOLS.includes(e.protocol)) return true;
  if (e.protocol !== protocol && e.protocol !== numbers[protocol]) return false;
  if (e.fromPort === undefined || e.toPort === undefined) return false;
  return e.fromPort <= port && port <= e.toPort;
}

export interface SgRule {
  /** The resource that holds the rule (a rule resource, or the group for inline rules). */
  readonly address: string;
  /** The security group the rule belongs to (address), when resolvable. */
  readonly group: string | undefined;
  readonly direction: 'ingress' | 'egress';
  readonly protocol: string;
  readonly fromPort: number | undefined;
  readonly toPort: number | undefined;
  readonly cidrs: readonly string[];
  /** Address of the peer security group (source for ingress, destination for egress). */
  readonly peerGroup: string | undefined;
  readonly description: string | undefined;
}

const ALL_PROTOCOLS = ['-1', 'all'];

export function isAllProtocols(r: SgRule): boolean {
  return ALL_PROTOCOLS.includes(r.protocol);
}

/** True when the rule's port range includes `port` (all-protocol rules include every port). */
export function coversPort(r: SgRule, port: number): boolean {
  if (isAllProtocols(r)) return true;
  if (r.fromPort === undefined || r.toPort === undefined) return false;
  if (r.fromPort === -1 && r.toPort === -1) return true;
  return r.fromPort <= port && port <= r.toPort;
}

/**
 * True when a CIDR opens the rule to the internet at large: 0.0.0.0/0 and ::/0, and also
 * the split ranges that evade a check for those exact strings (0.0.0.0/1 + 128.0.0.0/1,
 * any IPv4 block wider than a /8, any IPv6 block wider than a /16 outside fc00::/7).
 */
export function isInternetCidr(cidr: string): boolean {
  if (ANYWHERE.includes(cidr)) return true;
  if (!ipaddr.isValidCIDR(cidr)) return false;
  const [address, prefix] = ipaddr.parseCIDR(cidr);
  if (address.kind() === 'ipv4') return prefix < 8;
  return prefix < 16 && !(prefix >= 7 && address.range() === 'uniqueLocal');
}

export function isOpenToAnywhere(r: SgRule): boolean {
  return r.cidrs.some(isInternetCidr);
}

function ref(graph: StackGraph, block: Block, attribute: string): string | undefined {
  return graph.refsFrom(block.address, attribute)[0]?.to;
}

/** Every security-group rule in the stack, whatever resource spells it. */
export function securityGroupRules(graph: StackGraph): SgRule[] {
  const out: SgRule[] = [];
  for (const sg of graph.resources('aws_security_group')) {
    for (const direction of ['ingress', 'egress'] as const) {
      blockList(sg.attrs[direction]).forEach((r, i) => {
        out.push(inlineRule(graph, sg, direction, r, `${direction}.${i}`));
      });
    }
  }
  for (const r of graph.resources('aws_security_group_rule')) {
    out.push({
      address: r.address,
      group: ref(graph, r, 'security_group_id'),
      direction: r.attrs['type'] === 'egress' ? 'egress' : 'ingress',
      protocol: String(r.attrs['protocol'] ?? ''),
      fromPort: num(r.attrs['from_port']),
      toPort: num(r.attrs['to_port']),
      cidrs: [...stringList(r.attrs['cidr_blocks']), ...stringList(r.attrs['ipv6_cidr_blocks'])],
      peerGroup:
        r.attrs['self'] === true
          ? ref(graph, r, 'security_group_id')
          : ref(graph, r, 'source_security_group_id'),
      description: typeof r.attrs['description'] === 'string' ? r.attrs['description'] : undefined,
    });
  }
  for (const [type, direction] of [
    ['aws_vpc_security_group_ingress_rule', 'ingress'],
    ['aws_vpc_security_group_egress_rule', 'egress'],
  ] as const) {
    for (const r of graph.resources(type)) {
      out.push({
        address: r.address,
        group: ref(graph, r, 'security_group_id'),
        direction,
        protocol: String(r.attrs['ip_protocol'] ?? ''),
        fromPort: num(r.attrs['from_port']),
        toPort: num(r.attrs['to_port']),
        cidrs: [...stringList(r.attrs['cidr_ipv4']), ...stringList(r.attrs['cidr_ipv6'])],
        peerGroup: ref(graph, r, 'referenced_security_group_id'),
        description:
          typeof r.attrs['description'] === 'string' ? r.attrs['description'] : undefined,
      });
    }
  }
  return out;
}

function inlineRule(
  graph: StackGraph,
  sg: Block,
  direction: 'ingress' | 'egress',
  r: Attrs,
  path: string,
): SgRule {
  const peers = graph.refsFrom(sg.address, `${path}.security_groups`);
  return {
    address: sg.address,
    group: sg.address,
    direction,
    protocol: String(r['protocol'] ?? ''),
    fromPort: num(r['from_port']),
    toPort: num(r['to_port']),
    cidrs: [...stringList(r['cidr_blocks']), ...stringList(r['ipv6_cidr_blocks'])],
    peerGroup: r['self'] === true ? sg.address : peers[0]?.to,
    description: typeof r['description'] === 'string' ? r['description'] : undefined,
  };
}

/** Attributes by which a security group is attached to something that uses it. */
const RULE_TYPES = new Set([
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
]);

/** Non-rule resources that reference the security group (load balancers, tasks, DBs...). */
export function attachmentsOf(graph: StackGraph, sg: Block): Block[] {
  const out: Block[] = [];
  for (const e of graph.refsTo(sg.address)) {
    const b = graph.block(e.from);
    if (!b || b.kind !== 'resource' || RULE_TYPES.has(b.type) || out.includes(b)) continue;
    out.push(b);
  }
  return out;
}

/** Security groups (addresses) a resource is placed in. */
export function groupsOf(graph: StackGraph, resource: Block): string[] {
  return graph
    .refsFrom(resource.address)
    .filter((e) => /security_groups|security_group_ids/.test(e.attribute))
    .map((e) => e.to)
    .filter((to) => to.startsWith('aws_security_group.'));
}

export const LOAD_BALANCER_TYPES = ['aws_lb', 'aws_alb'];
export const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];
export const DB_TYPES = ['aws_rds_cluster', 'aws_db_instance'];
export const COMPUTE_TYPES = [
  'aws_launch_template',
  'aws_instance',
  'aws_ecs_service',
  'aws_autoscaling_group',
];

export function isInternetFacing(lb: Block): boolean {
  return lb.attrs['internal'] !== true && lb.attrs['internal'] !== 'true';
}

export interface Route {
  readonly holder: string;
  readonly destination: string;
  /** Address the route targets (internet gateway, NAT gateway, ...), if it is a reference. */
  readonly target: string | undefined;
  /** Kind of target by attribute: `gateway_id`, `nat_gateway_id`, ... */
  readonly via: string;
  /** The target as written. */
  readonly value: string;
}

const ROUTE_TARGETS = [
  'gateway_id',
  'nat_gateway_id',
  'egress_only_gateway_id',
  'transit_gateway_id',
  'vpc_peering_connection_id',
  'network_interface_id',
  'vpc_endpoint_id',
];

/** Routes of a route table: `aws_route` resources and inline `route` blocks. */
export function routesOf(graph: StackGraph, table: Block): Route[] {
  const out: Route[] = [];
  const fromAttrs = (holder: Block, r: Attrs, prefix: string) => {
    for (const via of ROUTE_TARGETS) {
      const v = r[via];
      if (v === undefined || v === null || v === '') continue;
      out.push({
        holder: holder.address,
        destination: String(
          r['destination_cidr_block'] ??
            r['cidr_block'] ??
            r['destination_ipv6_cidr_block'] ??
            r['ipv6_cidr_block'] ??
            '',
        ),
        target: graph.refsFrom(holder.address, `${prefix}${via}`)[0]?.to,
        via,
        value: String(v),
      });
    }
  };
  blockList(table.attrs['route']).forEach((r, i) => fromAttrs(table, r, `route.${i}.`));
  for (const route of companions(graph, table, 'aws_route', 'route_table_id')) {
    fromAttrs(route, route.attrs, '');
  }
  return out;
}

/** Route tables associated with a subnet. */
export function routeTablesOf(graph: StackGraph, subnet: Block): Block[] {
  const out: Block[] = [];
  for (const assoc of companions(graph, subnet, 'aws_route_table_association', 'subnet_id')) {
    const rt = graph.refsFrom(assoc.address, 'route_table_id')[0]?.to;
    const b = rt ? graph.block(rt) : undefined;
    if (b && !out.includes(b)) out.push(b);
  }
  return out;
}

/** True when the route leads to the internet: an internet gateway or a NAT gateway. */
export function isInternetRoute(r: Route): boolean {
  if (r.target?.startsWith('aws_internet_gateway.') || r.target?.startsWith('aws_nat_gateway.'))
    return true;
  if (r.target?.startsWith('aws_egress_only_internet_gateway.')) return true;
  if (r.via === 'nat_gateway_id' || r.via === 'egress_only_gateway_id') return true;
  return r.via === 'gateway_id' && /^igw-/.test(r.value);
}

/** Subnets the database tier uses: DB subnet groups' subnets and subnets tagged `Tier=data`. */
export function dataSubnets(graph: StackGraph): Block[] {
  const out: Block[] = [];
  for (const group of graph.resources('aws_db_subnet_group')) {
    for (const e of graph.refsFrom(group.address, 'subnet_ids')) {
      const b = graph.block(e.to);
      if (b && b.type === 'aws_subnet' && !out.includes(b)) out.push(b);
    }
  }
  for (const s of graph.resources('aws_subnet')) {
    const tier = attr(s.attrs, 'tags.Tier');
    if (typeof tier === 'string' && tier.toLowerCase() === 'data' && !out.includes(s)) out.push(s);
  }
  return out;
}
