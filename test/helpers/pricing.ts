/**
 * A pricer's input from a few hand-written Terraform resources: the graph and topology of
 * exactly what a test needs, at the dev idle usage profile with overrides, at us-east-1 prices.
 */
import { topologyOf } from '../../src/analysis/topology';
import type { UsageProfile } from '../../src/config/profiles';
import { USAGE_PROFILES } from '../../src/config/profiles';
import type { Lines } from '../../src/cost/lines';
import type { PricingInput } from '../../src/cost/pricers/pricer';
import { pricesFor } from '../../src/cost/prices';
import { buildGraph } from '../../src/tfjson/graph';

export type Resources = Record<string, Record<string, Record<string, unknown>>>;

export const prices = pricesFor('us-east-1');

export function pricingInput(resource: Resources, usage: Partial<UsageProfile> = {}): PricingInput {
  const graph = buildGraph({ resource }, 'test.tf.json', 'payment-test');
  return {
    graph,
    topology: topologyOf(graph),
    usage: { ...USAGE_PROFILES.dev.idle, ...usage },
    prices,
  };
}

/** The lines as `item: quantity x unit price`, the shape a reader checks an estimate in. */
export function itemsOf(out: Lines): Array<[string, string, number, number]> {
  return out.lines.map((l) => [l.address, l.item, l.quantity, l.unitUsd]);
}

/** Subnets `a`, `b`, `c` in three AZs, referenced as `${aws_subnet.<x>.id}`. */
export const SUBNETS: Resources['aws_subnet'] = {
  a: { availability_zone: 'us-east-1a', tags: { Tier: 'public' } },
  b: { availability_zone: 'us-east-1b', tags: { Tier: 'public' } },
  c: { availability_zone: 'us-east-1c', tags: { Tier: 'public' } },
};
export const subnetRef = (name: string): string => `\${aws_subnet.${name}.id}`;
