import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import {
  MIN_PUBLIC_PREFIX,
  MIN_SUBNET_PREFIX,
  TIERS,
  growLegacySubnets,
  isPrivateCidr,
  largestVpcPrefixFor,
  parseIpv4Cidr,
  planStableSubnets,
  planSubnets,
} from '../../src/config/subnet-plan';
import type { SubnetPlan } from '../../src/config/subnet-plan';
import {
  MAX_AZ_COUNT,
  MAX_VPC_PREFIX,
  MIN_AZ_COUNT,
  MIN_VPC_PREFIX,
} from '../../src/config/schema';

function range(cidr: string): [number, number] {
  const parsed = parseIpv4Cidr(cidr);
  if (!parsed) throw new Error(`not a CIDR: ${cidr}`);
  return [parsed.base, parsed.base + 2 ** (32 - parsed.prefix) - 1];
}

describe('planSubnets', () => {
  it('plans the default VPC: /19 private, /20 data, /21 public in three AZs', () => {
    expect(planSubnets('10.0.0.0/16', 3)).toEqual({
      vpcCidr: '10.0.0.0/16',
      private: ['10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/19'],
      data: ['10.0.96.0/20', '10.0.112.0/20', '10.0.128.0/20'],
      public: ['10.0.144.0/21', '10.0.152.0/21', '10.0.160.0/21'],
    });
  });

  const cases = [16, 17, 18, 19, 20, 21, 22, 23, 24].flatMap((prefix) =>
    [2, 3, 4, 5, 6].map((azs) => [prefix, azs] as const),
  );

  it.each(cases)('/%i with %i AZs: fits and never overlaps, or is refused', (prefix, azs) => {
    const vpc = `10.20.0.0/${prefix}`;
    const plan = planSubnets(vpc, azs);
    if (!plan) {
      // Refused only when even the smallest sizes cannot fit: private /27, data /28, public /27.
      const needed = azs * (32 + 16 + 32);
      expect(needed).toBeGreaterThan(2 ** (32 - prefix));
      expect(prefix).toBeGreaterThan(largestVpcPrefixFor(azs));
      return;
    }
    expect(prefix).toBeLessThanOrEqual(largestVpcPrefixFor(azs));
    const [vpcStart, vpcEnd] = range(vpc);
    const all = TIERS.flatMap((tier) => plan[tier]);
    expect(all).toHaveLength(3 * azs);
    for (const tier of TIERS) expect(plan[tier]).toHaveLength(azs);
    const ranges = all.map(range).sort((a, b) => a[0] - b[0]);
    ranges.forEach(([start, end], i) => {
      expect(start).toBeGreaterThanOrEqual(vpcStart);
      expect(end).toBeLessThanOrEqual(vpcEnd);
      if (i > 0) expect(start).toBeGreaterThan(ranges[i - 1]![1]);
    });
    for (const cidr of all) {
      // Every block is aligned (a valid CIDR) and at least the AWS minimum.
      expect(ipaddr.IPv4.isValidCIDR(cidr)).toBe(true);
      expect(parseIpv4Cidr(cidr)!.prefix).toBeLessThanOrEqual(MIN_SUBNET_PREFIX);
    }
    for (const cidr of plan.public) {
      expect(parseIpv4Cidr(cidr)!.prefix).toBeLessThanOrEqual(MIN_PUBLIC_PREFIX);
    }
    // The app tier never gets less room than the data or public tier.
    const size = (cidr: string) => 2 ** (32 - parseIpv4Cidr(cidr)!.prefix);
    expect(size(plan.private[0]!)).toBeGreaterThanOrEqual(size(plan.data[0]!));
  });

  it('returns undefined for an invalid CIDR', () => {
    expect(planSubnets('10.0.0.0/33', 3)).toBeUndefined();
  });
});

describe('CIDR helpers', () => {
  it('refuses host bits and accepts aligned blocks', () => {
    expect(parseIpv4Cidr('10.0.0.1/16')).toBeUndefined();
    expect(parseIpv4Cidr('10.1.0.0/16')).toEqual({ base: 10 * 2 ** 24 + 2 ** 16, prefix: 16 });
  });

  it('knows the RFC 1918 ranges', () => {
    expect(isPrivateCidr('10.0.0.0/16')).toBe(true);
    expect(isPrivateCidr('172.31.0.0/16')).toBe(true);
    expect(isPrivateCidr('192.168.10.0/24')).toBe(true);
    expect(isPrivateCidr('100.64.0.0/16')).toBe(false);
    expect(isPrivateCidr('11.0.0.0/16')).toBe(false);
  });
});

/** Every VPC prefix and AZ count the configuration accepts. */
const ACCEPTED = Array.from({ length: MAX_VPC_PREFIX - MIN_VPC_PREFIX + 1 }, (_, i) =>
  Array.from({ length: MAX_AZ_COUNT - MIN_AZ_COUNT + 1 }, (_, j) => [
    MIN_VPC_PREFIX + i,
    MIN_AZ_COUNT + j,
  ]),
).flat() as [number, number][];

function noOverlap(plan: SubnetPlan): void {
  const ranges = TIERS.flatMap((t) => plan[t])
    .map(range)
    .sort((a, b) => a[0] - b[0]);
  const [vpcStart, vpcEnd] = range(plan.vpcCidr);
  ranges.forEach(([start, end], i) => {
    expect(start).toBeGreaterThanOrEqual(vpcStart);
    expect(end).toBeLessThanOrEqual(vpcEnd);
    if (i > 0) expect(start).toBeGreaterThan(ranges[i - 1]![1]);
  });
}

describe("today's layout never changes", () => {
  // A frozen copy of the planner's output before the growth layouts existed: upgrading the
  // project must never renumber a deployed environment.
  const frozen = JSON.parse(
    readFileSync(join(__dirname, '../fixtures/legacy-subnet-plans.json'), 'utf8'),
  ) as Record<string, SubnetPlan | null>;

  it('keeps every CIDR for every accepted prefix and AZ count', () => {
    expect(Object.keys(frozen)).toHaveLength(ACCEPTED.length);
    for (const [prefix, azs] of ACCEPTED)
      expect(planSubnets(`10.0.0.0/${prefix}`, azs) ?? null, `/${prefix} ${azs}`).toEqual(
        frozen[`10.0.0.0/${prefix} ${azs}`],
      );
  });
});

describe('growing a legacy-layout environment', () => {
  it('keeps the existing subnets and adds the new AZ in free space, or refuses saying why', () => {
    let grown = 0;
    let refused = 0;
    for (const [prefix, planned] of ACCEPTED) {
      const vpc = `10.0.0.0/${prefix}`;
      const today = planSubnets(vpc, planned);
      if (!today) continue;
      for (let azs = planned + 1; azs <= MAX_AZ_COUNT; azs++) {
        const result = growLegacySubnets(vpc, planned, azs);
        if (!result.ok) {
          refused++;
          expect(result.reason).toMatch(/has no free \/\d+ for the \w+ subnet of AZ \d/);
          continue;
        }
        grown++;
        for (const tier of TIERS) {
          expect(result.plan[tier].slice(0, planned)).toEqual(today[tier]);
          expect(result.plan[tier]).toHaveLength(azs);
        }
        noOverlap(result.plan);
      }
    }
    expect(grown).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('refuses a third AZ in a /16 planned for two (the whole VPC is in use)', () => {
    const result = growLegacySubnets('10.0.0.0/16', 2, 3);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('no free /18') });
  });

  it('grows the default /16 from three AZs to four without renumbering', () => {
    const result = growLegacySubnets('10.0.0.0/16', 3, 4);
    expect(result.ok && result.plan.private).toEqual([
      '10.0.0.0/19',
      '10.0.32.0/19',
      '10.0.64.0/19',
      '10.0.192.0/19',
    ]);
  });
});

describe('the stable layout', () => {
  // Exhaustive over every accepted VPC prefix, maximum and pair of AZ counts: the property
  // "changing the AZ count never changes a subnet that stays".
  it('never changes a subnet that stays when the AZ count changes', () => {
    let pairs = 0;
    for (const [prefix, max] of ACCEPTED) {
      const vpc = `10.0.0.0/${prefix}`;
      for (let from = MIN_AZ_COUNT; from <= max; from++)
        for (let to = MIN_AZ_COUNT; to <= max; to++) {
          const a = planStableSubnets(vpc, max, from);
          const b = planStableSubnets(vpc, max, to);
          if (!a || !b) {
            expect(planSubnets(vpc, max)).toBeUndefined();
            continue;
          }
          pairs++;
          const kept = Math.min(from, to);
          for (const tier of TIERS)
            expect(b[tier].slice(0, kept), `${vpc} max ${max}: ${from} -> ${to}`).toEqual(
              a[tier].slice(0, kept),
            );
          noOverlap(b);
        }
    }
    expect(pairs).toBeGreaterThan(100);
  });

  it('refuses more AZs than the maximum', () => {
    expect(planStableSubnets('10.0.0.0/16', 3, 4)).toBeUndefined();
  });
});

/**
 * Property-based, over every accepted VPC prefix and AZ count, and VPCs at random places in
 * the private ranges (a seeded generator, so a failure is reproducible; the planners only
 * depend on the prefix and the base, so 10.0.0.0 alone would not prove the arithmetic).
 */
describe('properties over random VPCs in the private ranges', () => {
  const RANGES = [
    { base: 10 * 2 ** 24, prefix: 8 },
    { base: 172 * 2 ** 24 + 16 * 2 ** 16, prefix: 12 },
    { base: 192 * 2 ** 24 + 168 * 2 ** 16, prefix: 16 },
  ];
  const SAMPLES_PER_PREFIX = 12;

  /** mulberry32: a small seeded generator. */
  function generator(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function toCidr(base: number, prefix: number): string {
    return `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.')}/${prefix}`;
  }

  /** Random aligned VPCs of every accepted prefix, each in a random private range. */
  function randomVpcs(seed: number): string[] {
    const random = generator(seed);
    const out: string[] = [];
    for (let prefix = MIN_VPC_PREFIX; prefix <= MAX_VPC_PREFIX; prefix++)
      for (let i = 0; i < SAMPLES_PER_PREFIX; i++) {
        const range = RANGES[Math.floor(random() * RANGES.length)]!;
        const slots = 2 ** (prefix - range.prefix);
        const base = range.base + Math.floor(random() * slots) * 2 ** (32 - prefix);
        out.push(toCidr(base, prefix));
      }
    return out;
  }

  const frozen = JSON.parse(
    readFileSync(join(__dirname, '../fixtures/legacy-subnet-plans.json'), 'utf8'),
  ) as Record<string, SubnetPlan | null>;

  /** `plan` moved from 10.0.0.0 to `base`. */
  function shifted(plan: SubnetPlan, vpc: string): SubnetPlan {
    const offset = parseIpv4Cidr(vpc)!.base - 10 * 2 ** 24;
    const move = (cidr: string) => {
      const p = parseIpv4Cidr(cidr)!;
      return toCidr(p.base + offset, p.prefix);
    };
    return {
      vpcCidr: vpc,
      private: plan.private.map(move),
      data: plan.data.map(move),
      public: plan.public.map(move),
    };
  }

  function wellFormed(plan: SubnetPlan): void {
    noOverlap(plan);
    for (const tier of TIERS)
      for (const cidr of plan[tier]) {
        expect(parseIpv4Cidr(cidr), cidr).toBeDefined();
        expect(parseIpv4Cidr(cidr)!.prefix).toBeLessThanOrEqual(MIN_SUBNET_PREFIX);
      }
    for (const cidr of plan.public)
      expect(parseIpv4Cidr(cidr)!.prefix).toBeLessThanOrEqual(MIN_PUBLIC_PREFIX);
  }

  const vpcs = randomVpcs(23);

  it("legacy with no record: today's frozen plan, wherever the VPC is", () => {
    let checked = 0;
    for (const vpc of vpcs)
      for (let azs = MIN_AZ_COUNT; azs <= MAX_AZ_COUNT; azs++) {
        const want = frozen[`10.0.0.0/${vpc.split('/')[1]} ${azs}`];
        const got = planSubnets(vpc, azs);
        if (want === null || want === undefined) expect(got, vpc).toBeUndefined();
        else expect(got, `${vpc} ${azs}`).toEqual(shifted(want, vpc));
        checked++;
      }
    expect(checked).toBe(vpcs.length * (MAX_AZ_COUNT - MIN_AZ_COUNT + 1));
  });

  it('legacy growth keeps every existing subnet and adds well-formed ones, or refuses saying why', () => {
    let grown = 0;
    let refused = 0;
    for (const vpc of vpcs)
      for (let planned = MIN_AZ_COUNT; planned <= MAX_AZ_COUNT; planned++) {
        const today = planSubnets(vpc, planned);
        if (!today) continue;
        for (let azs = MIN_AZ_COUNT; azs <= MAX_AZ_COUNT; azs++) {
          const result = growLegacySubnets(vpc, planned, azs);
          if (!result.ok) {
            expect(azs).toBeGreaterThan(planned);
            expect(result.reason).toMatch(
              new RegExp(
                `^${vpc.replace(/\./g, '\\.')} has no free /\\d+ for the \\w+ subnet of AZ \\d`,
              ),
            );
            refused++;
            continue;
          }
          const kept = Math.min(planned, azs);
          for (const tier of TIERS) {
            expect(result.plan[tier].slice(0, kept)).toEqual(today[tier].slice(0, kept));
            expect(result.plan[tier]).toHaveLength(azs);
            // New subnets have the sizes of their tier today.
            for (const cidr of result.plan[tier])
              expect(parseIpv4Cidr(cidr)!.prefix).toBe(parseIpv4Cidr(today[tier][0]!)!.prefix);
          }
          wellFormed(result.plan);
          grown++;
        }
      }
    expect(grown).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(100);
  });

  it('stable: changing the AZ count never changes a subnet that stays; plans are well-formed', () => {
    let pairs = 0;
    for (const vpc of vpcs)
      for (let max = MIN_AZ_COUNT; max <= MAX_AZ_COUNT; max++) {
        if (!planSubnets(vpc, max)) {
          expect(planStableSubnets(vpc, max, MIN_AZ_COUNT)).toBeUndefined();
          continue;
        }
        const plans = new Map<number, SubnetPlan>();
        for (let azs = 1; azs <= max; azs++) {
          const plan = planStableSubnets(vpc, max, azs)!;
          wellFormed(plan);
          plans.set(azs, plan);
        }
        for (const [from, a] of plans)
          for (const [to, b] of plans) {
            for (const tier of TIERS) {
              const kept = Math.min(from, to);
              expect(b[tier].slice(0, kept), `${vpc} max ${max}: ${from} -> ${to}`).toEqual(
                a[tier].slice(0, kept),
              );
            }
            pairs++;
          }
        expect(planStableSubnets(vpc, max, max + 1)).toBeUndefined();
      }
    expect(pairs).toBeGreaterThan(5000);
  });
});
