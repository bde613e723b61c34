import ipaddr from 'ipaddr.js';

/**
 * Carves the VPC CIDR into three tiers per AZ. Computed here, not with Terraform's
 * `cidrsubnet`, so the plan shows literal CIDRs and tests can prove they never overlap.
 *
 * Sizes, largest first so every block stays aligned: private app subnets get the most
 * room (instances, tasks, endpoints), isolated data subnets half of that, public subnets
 * (ALB and NAT only) a quarter, but never less than the /27 an ALB needs.
 */

export const TIERS = ['private', 'data', 'public'] as const;
export type Tier = (typeof TIERS)[number];

/** An ALB needs a /27 with at least 8 free addresses in each of its subnets. */
export const MIN_PUBLIC_PREFIX = 27;
/** Smallest subnet AWS allows. */
export const MIN_SUBNET_PREFIX = 28;

export interface SubnetPlan {
  readonly vpcCidr: string;
  /** CIDRs per tier, one per AZ, in AZ order. */
  readonly private: readonly string[];
  readonly data: readonly string[];
  readonly public: readonly string[];
}

export interface ParsedCidr {
  readonly base: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d/n`; returns undefined unless it is a valid IPv4 CIDR with host bits zero. */
/**
 * A CIDR in canonical dotted decimal: four decimal numbers 0-255 without leading zeros and a
 * prefix 0-32. ipaddr.js (like inet_aton) also reads `0xa.0.0.0/16`, `10.0/16` and
 * `012.0.0.0/16` (octal, so 10.0.0.0): AWS and a reviewer would not read them the same way.
 */
const CANONICAL_CIDR =
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\/(?:3[0-2]|[12]?\d)$/;

export function isCanonicalCidr(cidr: string): boolean {
  return CANONICAL_CIDR.test(cidr);
}

export function parseIpv4Cidr(cidr: string): ParsedCidr | undefined {
  if (!isCanonicalCidr(cidr) || !ipaddr.IPv4.isValidCIDR(cidr)) return undefined;
  const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
  const base = toNumber(address);
  const hostBits = 32 - prefix;
  if (hostBits < 32 && base % 2 ** hostBits !== 0) return undefined;
  return { base, prefix };
}

/** True when the whole CIDR lies in 10/8, 172.16/12 or 192.168/16 (RFC 1918). */
export function isPrivateCidr(cidr: string): boolean {
  if (!isCanonicalCidr(cidr) || !ipaddr.IPv4.isValidCIDR(cidr)) return false;
  const [address] = ipaddr.IPv4.parseCIDR(cidr);
  return address.range() === 'private';
}

function toNumber(address: ipaddr.IPv4): number {
  return address.octets.reduce((n, octet) => n * 256 + octet, 0);
}

function toCidr(base: number, prefix: number): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefix}`;
}

function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

interface TierPrefixes {
  readonly private: number;
  readonly data: number;
  readonly public: number;
}

function tierPrefixes(vpcPrefix: number, azCount: number): TierPrefixes | undefined {
  const space = blockSize(vpcPrefix);
  for (let depth = Math.ceil(Math.log2(azCount)); vpcPrefix + depth <= MIN_PUBLIC_PREFIX; depth++) {
    const prefixes = {
      private: vpcPrefix + depth,
      data: Math.min(vpcPrefix + depth + 1, MIN_SUBNET_PREFIX),
      public: Math.min(vpcPrefix + depth + 2, MIN_PUBLIC_PREFIX),
    };
    const used =
      azCount *
      (blockSize(prefixes.private) + blockSize(prefixes.data) + blockSize(prefixes.public));
    if (used <= space) return prefixes;
  }
  return undefined;
}

/**
 * The plan, or undefined when the VPC is too small for three tiers in `azCount` AZs
 * (configuration validation reports that case with the numbers).
 */
export function planSubnets(vpcCidr: string, azCount: number): SubnetPlan | undefined {
  const parsed = parseIpv4Cidr(vpcCidr);
  if (!parsed) return undefined;
  const prefixes = tierPrefixes(parsed.prefix, azCount);
  if (!prefixes) return undefined;
  let next = parsed.base;
  const cidrs: Record<Tier, string[]> = { private: [], data: [], public: [] };
  // Largest blocks first: each allocation then stays aligned to its own size.
  const bySize = [...TIERS].sort((a, b) => prefixes[a] - prefixes[b]);
  for (const tier of bySize) {
    for (let az = 0; az < azCount; az++) {
      cidrs[tier].push(toCidr(next, prefixes[tier]));
      next += blockSize(prefixes[tier]);
    }
  }
  return { vpcCidr, ...cidrs };
}

/** Largest VPC prefix (smallest VPC) that holds three tiers in `azCount` AZs. */
export function largestVpcPrefixFor(azCount: number): number {
  let prefix = 16;
  while (prefix < 28 && tierPrefixes(prefix + 1, azCount)) prefix++;
  return prefix;
}

/**
 * The layout that grows without renumbering: every tier is sized for `maxAzCount` AZs (the
 * sizes today's planner gives that many AZs) and AZ `i` always takes slot `i` of each tier,
 * so its CIDRs depend on the VPC, the maximum and `i` alone. Changing the AZ count up to the
 * maximum adds or removes subnets and never changes one that stays. Undefined when the VPC
 * cannot hold `maxAzCount` AZs or `azCount` exceeds the maximum.
 */
export function planStableSubnets(
  vpcCidr: string,
  maxAzCount: number,
  azCount: number,
): SubnetPlan | undefined {
  if (azCount > maxAzCount) return undefined;
  const full = planSubnets(vpcCidr, maxAzCount);
  if (!full) return undefined;
  return {
    vpcCidr,
    private: full.private.slice(0, azCount),
    data: full.data.slice(0, azCount),
    public: full.public.slice(0, azCount),
  };
}

export type GrowthResult =
  | { readonly ok: true; readonly plan: SubnetPlan }
  | { readonly ok: false; readonly reason: string };

/**
 * Today's layout grown from the AZ count it was planned for (`plannedAzCount`) to `azCount`
 * without renumbering: the first `plannedAzCount` AZs keep exactly today's CIDRs, and each new
 * AZ gets blocks of the same sizes in free space of the VPC (first aligned gap, largest tier
 * first). Refused, with the reason, when the VPC has no room (a /16 with two AZs today uses
 * all of it: there is no room for a third AZ of the same size).
 */
export function growLegacySubnets(
  vpcCidr: string,
  plannedAzCount: number,
  azCount: number,
): GrowthResult {
  const today = planSubnets(vpcCidr, plannedAzCount);
  const parsed = parseIpv4Cidr(vpcCidr);
  if (!today || !parsed)
    return { ok: false, reason: `${vpcCidr} has no plan for ${plannedAzCount} AZs` };
  if (azCount <= plannedAzCount)
    return {
      ok: true,
      plan: {
        vpcCidr,
        private: today.private.slice(0, azCount),
        data: today.data.slice(0, azCount),
        public: today.public.slice(0, azCount),
      },
    };
  const used = TIERS.flatMap((t) => today[t]).map((c) => parseIpv4Cidr(c)!);
  const end = parsed.base + blockSize(parsed.prefix);
  const cidrs: Record<Tier, string[]> = {
    private: [...today.private],
    data: [...today.data],
    public: [...today.public],
  };
  const bySize = [...TIERS].sort(
    (a, b) => parseIpv4Cidr(today[a][0]!)!.prefix - parseIpv4Cidr(today[b][0]!)!.prefix,
  );
  for (let az = plannedAzCount; az < azCount; az++) {
    for (const tier of bySize) {
      const prefix = parseIpv4Cidr(today[tier][0]!)!.prefix;
      const size = blockSize(prefix);
      let found: number | undefined;
      for (let start = parsed.base; start + size <= end; start += size) {
        const overlaps = used.some(
          (u) => start < u.base + blockSize(u.prefix) && u.base < start + size,
        );
        if (!overlaps) {
          found = start;
          break;
        }
      }
      if (found === undefined) {
        const free = blockSize(parsed.prefix) - used.reduce((n, u) => n + blockSize(u.prefix), 0);
        return {
          ok: false,
          reason: `${vpcCidr} has no free /${prefix} for the ${tier} subnet of AZ ${az + 1} (today's ${plannedAzCount} AZs leave ${free} addresses free); keep azCount at ${az}, or move to the stable layout in a new VPC`,
        };
      }
      used.push({ base: found, prefix });
      cidrs[tier].push(toCidr(found, prefix));
    }
  }
  return { ok: true, plan: { vpcCidr, ...cidrs } };
}
