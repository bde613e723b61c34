import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import {
  MIN_PUBLIC_PREFIX,
  MIN_SUBNET_PREFIX,
  TIERS,
  isPrivateCidr,
  largestVpcPrefixFor,
  parseIpv4Cidr,
  planSubnets,
} from '../../src/config/subnet-plan';

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
