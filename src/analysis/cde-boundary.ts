/**
 * The cardholder-data-environment (CDE) boundary of a stack, computed from the graph (PCI DSS
 * v4.0 1.2.3 and 1.2.4: the network and data-flow diagrams must show it; 12.5.2: the scope is
 * documented). The auditor's report and the diagrams both read it from here, so they cannot
 * disagree.
 *
 * - **cde**: the system components that store, process or transmit card data, and the subnets
 *   and security groups they sit in: the database (stores), the app tier (processes), the load
 *   balancer (terminates TLS, so card data is in clear inside it) and the WAF that inspects
 *   every request.
 * - **connected**: components that are not in the card-data path but can reach it or affect
 *   its security ("connected-to or security-impacting" in PCI DSS terms): the database admin
 *   host, NAT gateways and VPC endpoints the CDE's traffic passes through, the keys that
 *   encrypt CDE data, and the flow logs that record its traffic.
 *
 * A subnet is in the CDE when a CDE component is placed in it, else connected when a connected
 * component is; likewise a security group by what it is attached to.
 */
import { COMPUTE_TYPES, DB_TYPES, LOAD_BALANCER_TYPES, groupsOf } from '../tfjson/aws';
import type { Block, StackGraph } from '../tfjson/graph';
import { referencedOfType } from '../tfjson/graph';
import type { PciScope } from '../tfjson/markers';

export type CdeScope = PciScope;

export interface CdeMember {
  readonly address: string;
  readonly type: string;
  readonly scope: CdeScope;
  /** Why it is in scope, in a few words an assessor reads. */
  readonly reason: string;
}

export interface CdeBoundary {
  readonly services: readonly CdeMember[];
  readonly subnets: readonly CdeMember[];
  readonly securityGroups: readonly CdeMember[];
}

interface ServiceRule {
  readonly types: readonly string[];
  readonly scope: CdeScope;
  readonly reason: string;
  /** Only blocks for which this holds. @default every block of the types */
  readonly when?: (block: Block, graph: StackGraph) => boolean;
}

/** An EC2 instance that an Auto Scaling group does not launch: the database admin host. */
const standalone = (b: Block) => b.type === 'aws_instance';

const SERVICE_RULES: readonly ServiceRule[] = [
  { types: DB_TYPES, scope: 'cde', reason: 'stores card data' },
  {
    types: COMPUTE_TYPES.filter((t) => t !== 'aws_instance'),
    scope: 'cde',
    reason: 'processes card data (the app tier)',
  },
  {
    types: LOAD_BALANCER_TYPES,
    scope: 'cde',
    reason: 'transmits card data: terminates TLS, so requests are in clear inside it',
  },
  { types: ['aws_wafv2_web_acl'], scope: 'cde', reason: 'inspects every request to the app' },
  {
    types: ['aws_instance'],
    scope: 'connected',
    reason: 'reaches the database (Session Manager port forwarding)',
    when: standalone,
  },
  {
    types: ['aws_nat_gateway'],
    scope: 'connected',
    reason: 'carries the app tier’s outbound traffic',
  },
  {
    types: ['aws_vpc_endpoint'],
    scope: 'connected',
    reason: 'carries the CDE’s traffic to AWS services',
  },
  {
    types: ['aws_kms_key'],
    scope: 'connected',
    reason: 'encrypts the stack’s data, logs or alarms',
  },
  { types: ['aws_flow_log'], scope: 'connected', reason: 'records the CDE’s network traffic' },
];

/** Subnets a service is placed in, whichever attribute spells it. */
function subnetsOf(graph: StackGraph, block: Block): Block[] {
  const direct = [
    'subnet_id',
    'subnet_ids',
    'subnets',
    'subnet_mapping',
    'vpc_zone_identifier',
    'network_configuration.subnets',
  ].flatMap((attribute) => referencedOfType(graph, block, attribute, 'aws_subnet'));
  // A database is placed through its subnet group.
  const viaGroup = referencedOfType(
    graph,
    block,
    'db_subnet_group_name',
    'aws_db_subnet_group',
  ).flatMap((group) => referencedOfType(graph, group, 'subnet_ids', 'aws_subnet'));
  return unique([...direct, ...viaGroup]);
}

/** Security groups of a service; an Auto Scaling group's are those of its launch template. */
function securityGroupsOf(graph: StackGraph, block: Block): string[] {
  const own = groupsOf(graph, block);
  const templates = referencedOfType(graph, block, 'launch_template', 'aws_launch_template');
  return unique([...own, ...templates.flatMap((t) => groupsOf(graph, t))]);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** The CDE boundary of one stack. */
export function cdeBoundary(graph: StackGraph): CdeBoundary {
  const services: CdeMember[] = [];
  for (const rule of SERVICE_RULES) {
    for (const type of rule.types) {
      for (const block of graph.resources(type)) {
        if (rule.when && !rule.when(block, graph)) continue;
        services.push({ address: block.address, type, scope: rule.scope, reason: rule.reason });
      }
    }
  }

  // Per subnet or group: the members of each scope it holds; its scope is the strongest.
  type Holders = Record<CdeScope, Set<string>>;
  const subnetScope = new Map<string, Holders>();
  const groupScope = new Map<string, Holders>();
  const place = (into: Map<string, Holders>, address: string, member: CdeMember) => {
    const holders = into.get(address) ?? { cde: new Set<string>(), connected: new Set<string>() };
    holders[member.scope].add(member.address);
    into.set(address, holders);
  };
  for (const member of services) {
    const block = graph.block(member.address);
    if (!block) continue;
    for (const subnet of subnetsOf(graph, block)) place(subnetScope, subnet.address, member);
    for (const group of securityGroupsOf(graph, block)) place(groupScope, group, member);
  }
  const members = (into: Map<string, Holders>, type: string): CdeMember[] =>
    [...into.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([address, holders]) => {
        const scope: CdeScope = holders.cde.size > 0 ? 'cde' : 'connected';
        return { address, type, scope, reason: `holds ${[...holders[scope]].sort().join(', ')}` };
      });
  return {
    services,
    subnets: members(subnetScope, 'aws_subnet'),
    securityGroups: members(groupScope, 'aws_security_group'),
  };
}
