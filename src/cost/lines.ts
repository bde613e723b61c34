/**
 * What a pricer returns: the cost lines of the resources it knows, what it cannot price
 * (never silently zero), and the addresses it has covered either way (so that the estimate's
 * last sweep does not list them as unknown).
 */
import type { Price } from './prices';
import { HOURS_PER_MONTH } from './prices';

export const COMPONENTS = [
  'network',
  'edge',
  'app',
  'data',
  'observability',
  'security',
  'storage',
] as const;
export type Component = (typeof COMPONENTS)[number];

export interface CostLine {
  readonly address: string;
  readonly component: Component;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitUsd: number;
  readonly monthlyUsd: number;
}

export interface Unpriced {
  readonly address: string;
  readonly item: string;
  readonly reason: string;
}

/** Seconds in the 730-hour month. */
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** The lines, notes and covered addresses one pricer (or the whole estimate) collects. */
export class Lines {
  readonly lines: CostLine[] = [];
  readonly unpriced: Unpriced[] = [];
  readonly priced = new Set<string>();

  add(address: string, component: Component, item: string, quantity: number, price: Price) {
    this.priced.add(address);
    this.lines.push({
      address,
      component,
      item,
      quantity,
      unit: price.unit,
      unitUsd: price.usd,
      monthlyUsd: quantity * price.usd,
    });
  }

  /** A usage-based line: only when the usage profile has some of it (the resource is priced either way). */
  usage(address: string, component: Component, item: string, quantity: number, price: Price) {
    if (quantity > 0) this.add(address, component, item, quantity, price);
    else this.priced.add(address);
  }

  /** A resource the table cannot price at all: covered, and listed as unpriced. */
  none(address: string, item: string, reason: string) {
    this.priced.add(address);
    this.note(address, item, reason);
  }

  /** Something of a resource the table cannot price, beside what it can. */
  note(address: string, item: string, reason: string) {
    this.unpriced.push({ address, item, reason });
  }

  /**
   * A resource covered without a line of its own: free (a gateway endpoint, a public
   * certificate) or priced through other resources' lines (the Aurora cluster's instances).
   */
  cover(address: string) {
    this.priced.add(address);
  }

  /** Appends another pricer's result, keeping its order. */
  append(other: Lines) {
    this.lines.push(...other.lines);
    this.unpriced.push(...other.unpriced);
    for (const address of other.priced) this.priced.add(address);
  }
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
