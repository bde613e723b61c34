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
