import { describe, expect, it } from 'vitest';
import { AWS_REGIONS, MAX_REGION_CODE_LENGTH, regionCode } from '../../src/aws-facts/regions';

describe('regionCode', () => {
  it.each([
    ['us-east-1', 'use1'],
    ['eu-west-2', 'euw2'],
    ['ap-southeast-2', 'apse2'],
    ['ap-northeast-3', 'apne3'],
    ['us-gov-west-1', 'usgw1'],
    ['eu-central-2', 'euc2'],
  ])('%s -> %s', (region, code) => {
    expect(regionCode(region)).toBe(code);
  });

  it('gives every known Region a distinct code within the length bucket names budget for', () => {
    const codes = Object.keys(AWS_REGIONS).map(regionCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code.length).toBeLessThanOrEqual(MAX_REGION_CODE_LENGTH);
    expect(Math.max(...codes.map((c) => c.length))).toBe(MAX_REGION_CODE_LENGTH);
  });
});
