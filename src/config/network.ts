import type { Resolved, ResolveContext } from './context';
import type { ConfigProblem } from './errors';
import type { NatGatewayMode } from './profiles';
import { COMMON_DEFAULTS } from './profiles';
import { largestVpcPrefixFor, parseIpv4Cidr, planSubnets } from './subnet-plan';
import type { NetworkConfig } from './types';

export interface NetworkInput {
  readonly vpcCidr?: string;
  readonly azCount?: number;
  readonly natGateways?: NatGatewayMode;
  readonly interfaceEndpoints?: readonly string[];
}

/**
 * The VPC with profile defaults applied, and its subnet plan. `value` is `undefined` when the
 * CIDR cannot hold the three tiers (reported unless the CIDR or AZ count is itself invalid).
 */
export function resolveNetwork(
  context: ResolveContext,
  input: NetworkInput,
): Resolved<NetworkConfig | undefined> {
  const problems: ConfigProblem[] = [];
  const vpcCidr = input.vpcCidr ?? COMMON_DEFAULTS.vpcCidr;
  const azCount = input.azCount ?? COMMON_DEFAULTS.azCount;
  const subnets = planSubnets(vpcCidr, azCount);
  if (!subnets && !context.reported('vpcCidr', 'azCount')) {
    const base = parseIpv4Cidr(vpcCidr) ? (vpcCidr.split('/')[0] ?? '10.0.0.0') : '10.0.0.0';
    const largest = largestVpcPrefixFor(azCount);
    problems.push({
      field: 'vpcCidr',
      value: vpcCidr,
      rule: `is too small for public, private and data subnets in ${azCount} AZs (public subnets need at least a /27); use a /${largest} or larger`,
      example: `"${base}/${largest}"`,
    });
  }
  const value = subnets && {
    vpcCidr,
    azCount,
    natGateways: input.natGateways ?? context.defaults.natGateways,
    interfaceEndpoints: input.interfaceEndpoints ?? context.defaults.interfaceEndpoints,
    subnets,
  };
  return { value, problems };
}
