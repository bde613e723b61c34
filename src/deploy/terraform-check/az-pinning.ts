/**
 * Pinning the AZs of a deployed environment (`availabilityZoneIds`) checked by the real
 * provider: the subnets of a stack synthesized with pinned IDs (which set
 * `availability_zone_id` only) are planned, `-refresh=false`, against a hand-made state of the
 * same environment deployed before pinning, whose subnets hold the AZ name the data source
 * gave them (`eu-west-1a`) and the ID AWS records beside it (`euw1-az1`). The database's
 * instances, which now take each data subnet's `availability_zone`, are planned too.
 *
 * - Pinning the IDs the environment already has: nothing is replaced or updated.
 * - Pinning other IDs (a mistake the plan must show): the subnets whose ID differs are
 *   replaced by `availability_zone_id`, and so is the database instance in such a subnet.
 */
import { isObject } from '../../tfjson/graph';
import { planOnlyProvider } from './replacement';

/** Where the deployed environment's subnets are, by position: the Region's names and IDs. */
export interface DeployedZone {
  readonly name: string;
  readonly id: string;
}

/** eu-west-1's first three AZs, as the data source listed them when the stack was deployed. */
export const DEPLOYED_ZONES: readonly DeployedZone[] = [
  { name: 'eu-west-1a', id: 'euw1-az1' },
  { name: 'eu-west-1b', id: 'euw1-az2' },
  { name: 'eu-west-1c', id: 'euw1-az3' },
];

export type PinningExpectation = 'no-op' | 'replace';

export interface PinningWorkspace {
  readonly config: object;
  readonly state: object;
  /** Planned address -> what the plan must do. */
  readonly expected: ReadonlyMap<string, PinningExpectation>;
}

type Attrs = Record<string, unknown>;

/** What AWS and the provider record for a subnet although the stack does not set it. */
const SUBNET_STATE_DEFAULTS: Attrs = {
  assign_ipv6_address_on_creation: false,
  customer_owned_ipv4_pool: '',
  enable_dns64: false,
  enable_lni_at_device_index: 0,
  enable_resource_name_dns_a_record_on_launch: false,
  enable_resource_name_dns_aaaa_record_on_launch: false,
  ipv6_cidr_block: '',
  ipv6_cidr_block_association_id: '',
  ipv6_native: false,
  map_customer_owned_ip_on_launch: false,
  outpost_arn: '',
  owner_id: '123456789012',
  private_dns_hostname_type_on_launch: 'ip-name',
};

const VPC_ID = 'vpc-0123456789abcdef0';
const CLUSTER = 'payment-cluster';

function resources(json: Attrs, type: string): [string, Attrs][] {
  const all = isObject(json['resource']) ? json['resource'] : {};
  const byName = isObject(all[type]) ? all[type] : {};
  return Object.entries(byName).filter((e): e is [string, Attrs] => isObject(e[1]));
}

/**
 * The workspace for `pinned` (the synthesized JSON of an environment with
 * `availabilityZoneIds`) against the state of the same environment deployed by position in
 * `deployed` (AZ `i` of every tier in `deployed[i]`).
 */
export function azPinningWorkspace(
  pinned: Attrs,
  deployed: readonly DeployedZone[],
  provider: { readonly source: string; readonly version: string },
  schemaVersion: (type: string) => number,
  terraformVersion: string,
): PinningWorkspace {
  const config: Record<string, Record<string, Attrs>> = {
    aws_subnet: {},
    aws_rds_cluster_instance: {},
  };
  const stateResources: object[] = [];
  const expected = new Map<string, PinningExpectation>();
  const providerAddress = `provider["registry.terraform.io/${provider.source}"]`;
  const stateOf = (type: string, name: string, attributes: Attrs) =>
    stateResources.push({
      mode: 'managed',
      type,
      name,
      provider: providerAddress,
      instances: [{ schema_version: schemaVersion(type), attributes }],
    });

  const subnets = resources(pinned, 'aws_subnet');
  const zoneOfSubnet = new Map<string, DeployedZone>();
  for (const [name, block] of subnets) {
    const pinnedId = block['availability_zone_id'];
    const zone = deployed[subnetAz(name)];
    if (typeof pinnedId !== 'string' || !zone)
      throw new Error(`aws_subnet.${name} has no pinned availability_zone_id or deployed AZ`);
    zoneOfSubnet.set(name, zone);
    const tags = block['tags'] ?? {};
    config['aws_subnet']![name] = {
      vpc_id: VPC_ID,
      cidr_block: block['cidr_block'],
      availability_zone_id: pinnedId,
      map_public_ip_on_launch: block['map_public_ip_on_launch'],
      tags,
    };
    stateOf('aws_subnet', name, {
      ...SUBNET_STATE_DEFAULTS,
      id: `subnet-${name
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(-17)}`,
      arn: `arn:aws:ec2:eu-west-1:123456789012:subnet/${name}`,
      vpc_id: VPC_ID,
      cidr_block: block['cidr_block'],
      availability_zone: zone.name,
      availability_zone_id: zone.id,
      map_public_ip_on_launch: block['map_public_ip_on_launch'],
      tags,
      tags_all: tags,
    });
    expected.set(`aws_subnet.${name}`, pinnedId === zone.id ? 'no-op' : 'replace');
  }

  for (const [name, block] of resources(pinned, 'aws_rds_cluster_instance')) {
    const reference = block['availability_zone'];
    const subnet = typeof reference === 'string' ? /aws_subnet\.([^.]+)\./.exec(reference) : null;
    const zone = subnet ? zoneOfSubnet.get(subnet[1]!) : undefined;
    if (!subnet || !zone || typeof reference !== 'string')
      throw new Error(`aws_rds_cluster_instance.${name} does not take a subnet's AZ`);
    const own = {
      identifier: block['identifier'],
      cluster_identifier: CLUSTER,
      engine: block['engine'],
      instance_class: block['instance_class'],
    };
    config['aws_rds_cluster_instance']![name] = { ...own, availability_zone: reference };
    stateOf('aws_rds_cluster_instance', name, {
      ...own,
      id: block['identifier'],
      availability_zone: zone.name,
      promotion_tier: 0,
      publicly_accessible: false,
      auto_minor_version_upgrade: true,
      apply_immediately: false,
      tags: {},
      tags_all: {},
    });
    expected.set(
      `aws_rds_cluster_instance.${name}`,
      expected.get(`aws_subnet.${subnet[1]!}`) ?? 'no-op',
    );
  }

  return {
    config: {
      ...planOnlyProvider(provider),
      resource: config,
    },
    state: {
      version: 4,
      terraform_version: terraformVersion,
      serial: 1,
      lineage: '7e0c5f6e-0000-4000-8000-azpinning000',
      outputs: {},
      resources: stateResources,
    },
    expected,
  };
}

/**
 * `pinned` with other IDs pinned: AZ `i`'s subnets set `ids[i]` (what synthesizing with
 * `availabilityZoneIds: ids` gives; test:terraform has one synthesis of the variant).
 */
export function withPins(pinned: Attrs, ids: readonly string[]): Attrs {
  const copy = JSON.parse(JSON.stringify(pinned)) as Attrs;
  for (const [name, block] of resources(copy, 'aws_subnet')) {
    const id = ids[subnetAz(name)];
    if (id === undefined) throw new Error(`no AZ ID for aws_subnet.${name}`);
    block['availability_zone_id'] = id;
  }
  return copy;
}

/** The AZ index of a subnet the network construct named (`Network_DataSubnet1_61A502D8`). */
function subnetAz(name: string): number {
  return Number(/Subnet(\d+)_/.exec(name)?.[1]);
}

interface PlannedChange {
  readonly address: string;
  readonly change: { readonly actions: readonly string[]; readonly replace_paths?: unknown[][] };
}

/** Each planned resource whose change is not the expected one, with what the plan did. */
export function azPinningMismatches(
  expected: ReadonlyMap<string, PinningExpectation>,
  plan: { readonly resource_changes?: readonly PlannedChange[] },
): string[] {
  const byAddress = new Map((plan.resource_changes ?? []).map((r) => [r.address, r.change]));
  const mismatches: string[] = [];
  for (const [address, want] of expected) {
    const change = byAddress.get(address);
    const actions = change?.actions.join('+') ?? 'nothing';
    const replaced = !!change && change.actions.includes('delete');
    const ok =
      want === 'no-op'
        ? actions === 'no-op'
        : replaced &&
          (address.startsWith('aws_subnet.')
            ? JSON.stringify(change.replace_paths) === '[["availability_zone_id"]]'
            : true);
    if (!ok)
      mismatches.push(
        `${address}: expected ${want === 'no-op' ? 'no change' : 'a replacement'}, the plan says ${actions}${change?.replace_paths ? ` (replace_paths ${JSON.stringify(change.replace_paths)})` : ''}`,
      );
  }
  return mismatches;
}
