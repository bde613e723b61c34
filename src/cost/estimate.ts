/**
 * The monthly estimate of one stack at one usage profile: a line per priced item of each
 * resource, and what the table cannot price listed as unpriced (never silently zero).
 * Reads the gate's graph only. Each component has its pricer in `pricers/`, as each rule has
 * its file; this module runs them in order and adds up.
 */
import { topologyOf } from '../analysis/topology';
import type { UsageProfile } from '../config/profiles';
import type { StackGraph } from '../tfjson/graph';
import type { Component, CostLine, Unpriced } from './lines';
import { COMPONENTS, Lines, round } from './lines';
import { noteAccountBaseline } from './pricers/account-baseline';
import { priceAlarms } from './pricers/alarms';
import { priceAurora } from './pricers/aurora';
import { priceCertificates } from './pricers/certificates';
import { priceDashboards } from './pricers/dashboards';
import { priceEc2AppTiers } from './pricers/ec2';
import { priceEcr } from './pricers/ecr';
import { priceEndpoints } from './pricers/endpoints';
import { priceFargate } from './pricers/fargate';
import { noteInterAzTransfer } from './pricers/inter-az';
import { priceKmsKeys } from './pricers/kms';
import { priceLoadBalancers } from './pricers/load-balancer';
import { priceLogs } from './pricers/logs';
import { priceNatGateways } from './pricers/nat-gateway';
import type { Pricer, PricingInput } from './pricers/pricer';
import { priceElasticIps } from './pricers/public-ipv4';
import { priceS3 } from './pricers/s3';
import { priceSecrets } from './pricers/secrets';
import { noteSnsTopics } from './pricers/sns';
import { noteUnknownResources } from './pricers/unknown';
import { priceWaf } from './pricers/waf';
import type { RegionPrices } from './prices';
import { acuAt, appCountAt } from './scaling';

export type { Component, CostLine, Unpriced } from './lines';

export interface StackEstimate {
  readonly stack: string;
  readonly usage: string;
  readonly region: string;
  readonly monthlyUsd: number;
  readonly byComponent: Readonly<Record<Component, number>>;
  readonly lines: readonly CostLine[];
  readonly unpriced: readonly Unpriced[];
  /** App instances or tasks and database ACUs the estimate assumed. */
  readonly assumed: { readonly appCount: number; readonly acuPerInstance: number };
}

/** Every pricer, in the order of the report: network, edge, app, data, observability, security, storage. */
export const PRICERS: readonly Pricer[] = [
  priceNatGateways,
  priceElasticIps,
  priceEndpoints,
  noteInterAzTransfer,
  priceLoadBalancers,
  priceWaf,
  priceEc2AppTiers,
  priceFargate,
  priceAurora,
  priceAlarms,
  priceDashboards,
  priceLogs,
  noteSnsTopics,
  priceKmsKeys,
  priceSecrets,
  priceCertificates,
  priceS3,
  priceEcr,
  noteAccountBaseline,
];

export function estimateStack(
  graph: StackGraph,
  usage: UsageProfile,
  usageName: string,
  prices: RegionPrices,
  region: string,
): StackEstimate {
  const input: PricingInput = { graph, topology: topologyOf(graph), usage, prices };
  const out = new Lines();
  for (const pricer of PRICERS) out.append(pricer(input));
  out.append(noteUnknownResources(input, out.priced));

  const byComponent = Object.fromEntries(COMPONENTS.map((c) => [c, 0])) as Record<
    Component,
    number
  >;
  for (const l of out.lines) byComponent[l.component] += l.monthlyUsd;
  const { appTiers, databases } = input.topology;
  return {
    stack: graph.name,
    usage: usageName,
    region,
    monthlyUsd: round(
      out.lines.reduce((s, l) => s + l.monthlyUsd, 0),
      2,
    ),
    byComponent: Object.fromEntries(COMPONENTS.map((c) => [c, round(byComponent[c], 2)])) as Record<
      Component,
      number
    >,
    lines: out.lines.map((l) => ({ ...l, monthlyUsd: round(l.monthlyUsd, 2) })),
    unpriced: out.unpriced,
    assumed: {
      appCount: appTiers.reduce((sum, tier) => sum + appCountAt(tier, usage.requestsPerSecond), 0),
      // The ACUs of the last database (a stack has one).
      acuPerInstance: databases.reduce((_, db) => acuAt(db, usage), 0),
    },
  };
}
