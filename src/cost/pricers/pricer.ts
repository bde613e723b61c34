/**
 * A pricer prices one component of a stack (NAT gateways, the load balancer, Aurora, ...):
 * a small function over the graph and its topology that returns the component's lines. The
 * estimate (`../estimate.ts`) runs them in `PRICERS` order, as the gate runs its rules.
 */
import type { Topology } from '../../analysis/topology';
import type { UsageProfile } from '../../config/profiles';
import type { StackGraph } from '../../tfjson/graph';
import type { Lines } from '../lines';
import type { RegionPrices } from '../prices';

export interface PricingInput {
  readonly graph: StackGraph;
  readonly topology: Topology;
  readonly usage: UsageProfile;
  readonly prices: RegionPrices;
}

export type Pricer = (input: PricingInput) => Lines;
