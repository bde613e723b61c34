/**
 * What else a replacement or destruction takes with it, read from the reference graph
 * (src/tfjson/graph.ts), and the changes AWS refuses although Terraform plans them.
 *
 * A resource that is replaced gets new computed attributes (`id`, `arn`): every resource that
 * references one of them sees its argument change. When that argument forces a new resource
 * (a NAT gateway's `subnet_id`), the referrer is replaced too, and so on; when it updates in
 * place (a load balancer's `subnets`, a DB subnet group's `subnet_ids`), the referrer is
 * updated: listed as disrupted, because it is what still runs in the old resource.
 *
 * AWS refusals, each with its source:
 * - a subnet cannot be deleted while network interfaces are in it ("You must terminate all
 *   running instances in the subnet before you can delete the subnet",
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteSubnet.html): Terraform
 *   replaces a subnet destroy-first and updates the load balancer, Auto Scaling group or DB
 *   subnet group that still has interfaces in it only after the new subnet exists, so the
 *   delete fails with DependencyViolation after the provider's retries
 *   (hashicorp/terraform-provider-aws#655, #9495);
 * - a subnet cannot leave a DB subnet group while a DB instance runs in it
 *   (https://repost.aws/knowledge-center/rds-db-subnet-group), and a DB subnet group in use
 *   cannot be deleted (InvalidDBSubnetGroupStateFault,
 *   https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBSubnetGroup.html).
 */
import type { Block, StackGraph } from '../../tfjson/graph';
import { argumentPath, forcingArguments, touches } from './replacement';

export interface CascadeHazard {
  readonly address: string;
  readonly action: 'replace' | 'may replace' | 'update (disrupted)';
  /** The argument of this resource that holds the reference. */
  readonly argument: string;
  /** The replaced or destroyed resource it references. */
  readonly cause: string;
}

export interface Refusal {
  readonly address: string;
  readonly message: string;
  readonly source: string;
}

const DELETE_SUBNET =
  'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteSubnet.html';
const DB_SUBNET_GROUP = 'https://repost.aws/knowledge-center/rds-db-subnet-group';

/**
 * Types whose resources place network interfaces in the subnets they reference, with the
 * argument that names them.
 */
const INTERFACES_IN_SUBNETS: Readonly<
  Record<string, { readonly argument: string; readonly what: string }>
> = {
  aws_lb: { argument: 'subnets', what: "the load balancer's nodes" },
  aws_autoscaling_group: { argument: 'vpc_zone_identifier', what: "the group's instances" },
  aws_db_subnet_group: { argument: 'subnet_ids', what: 'the database instances of this group' },
  aws_ecs_service: { argument: 'network_configuration.subnets', what: "the service's tasks" },
  aws_vpc_endpoint: { argument: 'subnet_ids', what: "the endpoint's interfaces" },
  aws_instance: { argument: 'subnet_id', what: 'the instance' },
  aws_nat_gateway: { argument: 'subnet_id', what: 'the NAT gateway' },
};

export interface Replaced {
  readonly address: string;
  readonly certain: boolean;
  /** The arguments that changed on it (a literal attribute that did not change stays known). */
  readonly changed: readonly string[];
}

/**
 * The resources replaced or updated because they reference a replaced one (in `after`), and
 * what AWS refuses: subnets replaced or removed under live interfaces, subnets leaving a DB
 * subnet group.
 */
export function cascade(
  before: StackGraph | undefined,
  after: StackGraph | undefined,
  replaced: readonly Replaced[],
  removed: readonly Block[],
): { readonly hazards: CascadeHazard[]; readonly refusals: Refusal[] } {
  const hazards: CascadeHazard[] = [];
  const refusals: Refusal[] = [];
  if (!after) return { hazards, refusals };
  const gone = new Map(replaced.map((r) => [r.address, r]));
  const queue = [...replaced];
  const disrupted = new Set<string>();
  while (queue.length > 0) {
    const target = queue.shift()!;
    const block = after.block(target.address);
    for (const edge of after.refsTo(target.address)) {
      const from = after.block(edge.from);
      if (!from || from.kind !== 'resource' || !before?.block(edge.from)) continue;
      if (edge.attribute.startsWith('depends_on') || gone.has(from.address)) continue;
      // `aws_subnet.x.cidr_block` stays known when the configuration sets it and it did not
      // change; computed attributes (id, arn) are unknown until the new resource exists.
      const attribute = edge.reference.split('.')[2] ?? 'id';
      if (block && attribute in block.attrs && !target.changed.some((c) => touches(attribute, c)))
        continue;
      const argument = argumentPath(edge.attribute);
      if (forcingArguments(from.type, [argument]).length > 0) {
        const next = { address: from.address, certain: target.certain, changed: [argument] };
        gone.set(from.address, next);
        queue.push(next);
        hazards.push({
          address: from.address,
          action: target.certain ? 'replace' : 'may replace',
          argument,
          cause: target.address,
        });
      } else if (!disrupted.has(`${from.address} ${target.address}`)) {
        disrupted.add(`${from.address} ${target.address}`);
        hazards.push({
          address: from.address,
          action: 'update (disrupted)',
          argument,
          cause: target.address,
        });
      }
    }
  }
  // A subnet replaced while an updated resource keeps interfaces in it.
  for (const r of gone.values()) {
    if (!r.certain || after.block(r.address)?.type !== 'aws_subnet') continue;
    refusals.push(...holders(after, r.address, gone, 'is replaced (destroyed first)'));
  }
  // A subnet removed while a remaining resource had interfaces in it.
  if (before)
    for (const b of removed) {
      if (b.type !== 'aws_subnet') continue;
      refusals.push(...holders(before, b.address, gone, 'is destroyed', after));
    }
  return { hazards, refusals };
}

/** Refusals for the resources that keep interfaces in a subnet that goes away. */
function holders(
  graph: StackGraph,
  subnet: string,
  gone: ReadonlyMap<string, Replaced>,
  what: string,
  remaining?: StackGraph,
): Refusal[] {
  const out: Refusal[] = [];
  const seen = new Set<string>();
  for (const edge of graph.refsTo(subnet)) {
    const from = graph.block(edge.from);
    const holder = from && INTERFACES_IN_SUBNETS[from.type];
    if (!from || !holder || gone.has(from.address) || seen.has(from.address)) continue;
    if (remaining && !remaining.block(from.address)) continue;
    if (!touches(holder.argument, argumentPath(edge.attribute))) continue;
    seen.add(from.address);
    const db = from.type === 'aws_db_subnet_group';
    out.push({
      address: subnet,
      message: db
        ? `${subnet} ${what} while it is in ${from.address}: RDS refuses to remove a subnet a DB instance runs in, and EC2 to delete the subnet (DependencyViolation); move the instances out first`
        : `${subnet} ${what} while ${holder.what} (${from.address}) still have network interfaces in it: EC2 refuses to delete the subnet (DependencyViolation) until they are gone`,
      source: db ? DB_SUBNET_GROUP : DELETE_SUBNET,
    });
  }
  return out;
}
