import { regionCode } from '../aws-facts/regions';
import type { Resolved, ResolveContext } from './context';
import type { ConfigProblem } from './errors';
import type { NatGatewayMode } from './profiles';
import { COMMON_DEFAULTS } from './profiles';
import type { SubnetLayout } from './schema';
import { MAX_AZ_COUNT, MIN_AZ_COUNT } from './schema';
import type { SubnetPlan } from './subnet-plan';
import {
  growLegacySubnets,
  largestVpcPrefixFor,
  parseIpv4Cidr,
  planStableSubnets,
  planSubnets,
} from './subnet-plan';
import type { NetworkConfig } from './types';

export interface NetworkInput {
  readonly vpcCidr?: string;
  readonly azCount?: number;
  readonly subnetLayout?: SubnetLayout;
  readonly plannedAzCount?: number;
  readonly maxAzCount?: number;
  readonly availabilityZoneIds?: readonly string[];
  readonly natGateways?: NatGatewayMode;
  readonly interfaceEndpoints?: readonly string[];
}

/**
 * The VPC with profile defaults applied, and its subnet plan. `value` is `undefined` when no
 * plan can be made (reported unless the CIDR or AZ count is itself invalid):
 * - `legacy` (the default): today's planner for `azCount`, so an existing file keeps its CIDRs
 *   byte for byte; with `plannedAzCount` (the count it was deployed with) a larger `azCount`
 *   grows into free space of the VPC, or is refused with the reason;
 * - `stable`: every tier sized for `maxAzCount`, AZ `i` always in slot `i`, so changing
 *   `azCount` adds or removes subnets and never changes one that stays.
 */
export function resolveNetwork(
  context: ResolveContext,
  input: NetworkInput,
): Resolved<NetworkConfig | undefined> {
  const problems: ConfigProblem[] = [];
  const vpcCidr = input.vpcCidr ?? COMMON_DEFAULTS.vpcCidr;
  const azCount = input.azCount ?? COMMON_DEFAULTS.azCount;
  const layout = input.subnetLayout ?? COMMON_DEFAULTS.subnetLayout;
  const base = parseIpv4Cidr(vpcCidr) ? (vpcCidr.split('/')[0] ?? '10.0.0.0') : '10.0.0.0';
  const cidrKnown = !context.reported('vpcCidr', 'azCount', 'subnetLayout');

  const tooSmall = (count: number, field: string): ConfigProblem => {
    const largest = largestVpcPrefixFor(count);
    return {
      field: 'vpcCidr',
      value: vpcCidr,
      rule: `is too small for public, private and data subnets in ${count} AZs (${field}; public subnets need at least a /27); use a /${largest} or larger`,
      example: `"${base}/${largest}"`,
    };
  };

  let subnets: SubnetPlan | undefined;
  if (layout === 'stable') {
    subnets = stablePlan();
  } else {
    if (input.maxAzCount !== undefined && !context.reported('maxAzCount'))
      problems.push({
        field: 'maxAzCount',
        value: String(input.maxAzCount),
        rule: 'applies to the stable layout only; remove it, or set "subnetLayout": "stable" in a new VPC (changing the layout of a deployed VPC renumbers its subnets)',
        example: '{ "subnetLayout": "stable", "maxAzCount": 4 }',
      });
    subnets = legacyPlan();
  }

  const zoneIds = resolveZoneIds(context, input.availabilityZoneIds, azCount, problems);
  const value = subnets && {
    vpcCidr,
    azCount,
    subnetLayout: layout,
    availabilityZoneIds: zoneIds,
    natGateways: input.natGateways ?? context.defaults.natGateways,
    interfaceEndpoints: input.interfaceEndpoints ?? context.defaults.interfaceEndpoints,
    subnets,
  };
  return { value, problems };

  function legacyPlan(): SubnetPlan | undefined {
    const planned = input.plannedAzCount;
    if (planned === undefined || planned === azCount) {
      const plan = planSubnets(vpcCidr, azCount);
      if (!plan && cidrKnown) problems.push(tooSmall(azCount, 'azCount'));
      return plan;
    }
    if (context.reported('plannedAzCount') || !cidrKnown) return undefined;
    if (!planSubnets(vpcCidr, planned)) {
      problems.push({
        field: 'plannedAzCount',
        value: String(planned),
        rule: `is not an AZ count ${vpcCidr} was ever planned for (its subnets cannot hold ${planned} AZs); set it to the azCount the environment was deployed with`,
        example: '3',
      });
      return undefined;
    }
    const grown = growLegacySubnets(vpcCidr, planned, azCount);
    if (!grown.ok) {
      problems.push({
        field: 'azCount',
        value: String(azCount),
        rule: `cannot be reached without renumbering the subnets planned for ${planned} AZs: ${grown.reason}`,
        example: String(planned),
      });
      return undefined;
    }
    return grown.plan;
  }

  function stablePlan(): SubnetPlan | undefined {
    if (input.plannedAzCount !== undefined && !context.reported('plannedAzCount'))
      problems.push({
        field: 'plannedAzCount',
        value: String(input.plannedAzCount),
        rule: 'applies to the legacy layout only; the stable layout never renumbers, so remove it',
        example: '{ "subnetLayout": "stable", "maxAzCount": 4 }',
      });
    const max = input.maxAzCount;
    if (max === undefined) {
      // No default: the sizes of every subnet follow from it, so a default that changed in a
      // later release would renumber every stable VPC. The file records it.
      if (!context.reported('maxAzCount'))
        problems.push({
          field: 'maxAzCount',
          value: undefined,
          rule: `is required with "subnetLayout": "stable" (the most AZs the subnets are sized for, ${MIN_AZ_COUNT}-${MAX_AZ_COUNT}); ${vpcCidr} holds up to ${largestMaxAzCount(vpcCidr) ?? 'no'} AZs`,
          example: `${Math.max(azCount, Math.min(largestMaxAzCount(vpcCidr) ?? azCount, 4))}`,
        });
      return undefined;
    }
    if (context.reported('maxAzCount') || !cidrKnown) return undefined;
    if (azCount > max) {
      problems.push({
        field: 'azCount',
        value: String(azCount),
        rule: `is above maxAzCount (${max}); the stable layout has room for ${max} AZs only, and raising maxAzCount resizes (renumbers) every subnet`,
        example: String(max),
      });
      return undefined;
    }
    const plan = planStableSubnets(vpcCidr, max, azCount);
    if (!plan) problems.push(tooSmall(max, 'maxAzCount'));
    return plan;
  }
}

/** The most AZs (up to the schema's maximum) whose three tiers fit in `vpcCidr`. */
export function largestMaxAzCount(vpcCidr: string): number | undefined {
  for (let n = MAX_AZ_COUNT; n >= MIN_AZ_COUNT; n--) if (planSubnets(vpcCidr, n)) return n;
  return undefined;
}

/**
 * `availabilityZoneIds`, checked against `azCount` and the Region: AZ IDs begin with the
 * Region's code (`euw1-az1` in eu-west-1), which is known offline (`regionCode`).
 */
function resolveZoneIds(
  context: ResolveContext,
  ids: readonly string[] | undefined,
  azCount: number,
  problems: ConfigProblem[],
): readonly string[] | undefined {
  if (ids === undefined || context.reported('availabilityZoneIds')) return ids;
  const example = (region: string) =>
    JSON.stringify(Array.from({ length: azCount }, (_, i) => `${regionCode(region)}-az${i + 1}`));
  const region = context.region;
  if (region !== undefined) {
    const code = regionCode(region);
    const foreign = ids.filter((id) => !id.startsWith(`${code}-az`));
    if (foreign.length > 0)
      problems.push({
        field: 'availabilityZoneIds',
        value: JSON.stringify(ids),
        rule: `names ${foreign.join(', ')}, not an AZ of ${region} (its AZ IDs begin "${code}-az"; aws ec2 describe-availability-zones --region ${region} lists them)`,
        example: example(region),
      });
  }
  if (ids.length < azCount && !context.reported('azCount'))
    problems.push({
      field: 'availabilityZoneIds',
      value: JSON.stringify(ids),
      rule: `lists ${ids.length} AZ IDs for azCount ${azCount}; list one per AZ, in the order the subnets use them`,
      example: example(region ?? 'us-east-1'),
    });
  return ids;
}
