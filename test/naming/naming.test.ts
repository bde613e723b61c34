import { describe, expect, it } from 'vitest';
import { AWS_REGIONS, MAX_REGION_CODE_LENGTH, regionCode } from '../../src/aws-facts/regions';
import type { NAME_LIMITS } from '../../src/naming/limits';
import {
  BUCKET_COMPONENTS,
  MAX_SUFFIX_LENGTH,
  NameError,
  Naming,
  SUFFIX_PATTERN,
  TIGHTEST_NAME,
  assertValidName,
} from '../../src/naming/naming';

const ACCOUNT = '123456789012';
const longestSuffix = `s${'x'.repeat(MAX_SUFFIX_LENGTH - 1)}`;
const longestCodeRegion =
  Object.keys(AWS_REGIONS).find((r) => regionCode(r).length === MAX_REGION_CODE_LENGTH) ?? '';

describe('suffix limit', () => {
  it('is derived from the tightest name: the 32-character ALB name', () => {
    expect(MAX_SUFFIX_LENGTH).toBe(32 - 'payment-alb-'.length);
    expect(TIGHTEST_NAME).toBe('alb name');
  });

  it('lets every budgeted name carry the longest suffix in the Region with the longest code', () => {
    const naming = new Naming(longestSuffix, longestCodeRegion);
    expect(naming.name('alb', 'alb')).toHaveLength(32);
    expect(
      naming.targetGroupName({
        port: 65535,
        protocol: 'HTTP',
        targetType: 'instance',
        vpc: 'Network_Vpc_12345678:10.0.0.0/16',
      }),
    ).toHaveLength(32);
    for (const component of BUCKET_COMPONENTS) {
      expect(naming.bucketName(component, ACCOUNT).length).toBeLessThanOrEqual(63);
    }
    expect(naming.wafLogBucketName(ACCOUNT).length).toBeLessThanOrEqual(63);
  });

  it('matches the suffix pattern of docs/system.md section 6', () => {
    expect(SUFFIX_PATTERN.test('pr-123-a')).toBe(true);
    for (const bad of ['Pr1', 'pr--1', '-pr', 'pr-', '1pr'])
      expect(SUFFIX_PATTERN.test(bad)).toBe(false);
  });
});

describe('Naming', () => {
  const naming = new Naming('dev', 'us-east-1');

  it('builds payment-<component>-<suffix>', () => {
    expect(naming.name('alb', 'alb')).toBe('payment-alb-dev');
    expect(naming.name('aurora', 'rdsIdentifier')).toBe('payment-aurora-dev');
    expect(naming.kmsAlias('logs')).toBe('alias/payment-logs-dev');
  });

  it('makes bucket names globally unique with the account and a short Region code', () => {
    expect(naming.bucketName('assets', ACCOUNT)).toBe(`payment-assets-dev-${ACCOUNT}-use1`);
    expect(naming.wafLogBucketName(ACCOUNT)).toBe(`aws-waf-logs-payment-dev-${ACCOUNT}-use1`);
  });

  it('keeps a token account ID in the name while checking the length with 12 digits', () => {
    const token = '${TfToken[TOKEN.1]}';
    expect(naming.bucketName('flow-logs', token)).toBe(`payment-flow-logs-dev-${token}-use1`);
  });

  it('names target groups after the settings that replace them, so a replacement never collides', () => {
    const name = (port: number, targetType: string, vpc = 'Network_Vpc_1A2B3C4D:10.0.0.0/16') =>
      naming.targetGroupName({ port, protocol: 'HTTP', targetType, vpc });
    expect(name(8080, 'instance')).toMatch(/^payment-t[0-9a-z]{2}-dev$/);
    expect(name(8080, 'instance')).toBe(name(8080, 'instance'));
    expect(name(8080, 'ip')).not.toBe(name(8080, 'instance'));
    expect(name(9000, 'instance')).not.toBe(name(8080, 'instance'));
    expect(name(8080, 'instance', 'Network_Vpc_1A2B3C4D:10.1.0.0/16')).not.toBe(
      name(8080, 'instance'),
    );
  });

  it('throws NameError for a name over its limit', () => {
    const long = new Naming(`${longestSuffix}xx`, 'us-east-1');
    expect(() => long.name('alb', 'alb')).toThrow(NameError);
    expect(() => long.name('alb', 'alb')).toThrow(/alb rule/);
  });
});

describe('AWS name limits, each tested at and over its limit', () => {
  const cases: Array<[keyof typeof NAME_LIMITS, string, string]> = [
    ['alb', 'a'.repeat(32), 'a'.repeat(33)],
    ['targetGroup', 'a'.repeat(32), 'a'.repeat(33)],
    ['s3Bucket', 'a'.repeat(63), 'a'.repeat(64)],
    ['iamRole', 'a'.repeat(64), 'a'.repeat(65)],
    ['iamPolicy', 'a'.repeat(128), 'a'.repeat(129)],
    ['rdsIdentifier', 'a'.repeat(63), 'a'.repeat(64)],
    ['logGroup', `/${'a'.repeat(511)}`, `/${'a'.repeat(512)}`],
    ['securityGroup', 'a'.repeat(255), 'a'.repeat(256)],
    ['kmsAlias', `alias/${'a'.repeat(250)}`, `alias/${'a'.repeat(251)}`],
    ['generic', 'a'.repeat(255), 'a'.repeat(256)],
  ];

  it.each(cases)('%s', (kind, atLimit, overLimit) => {
    expect(assertValidName(atLimit, kind)).toBe(atLimit);
    expect(() => assertValidName(overLimit, kind)).toThrow(NameError);
  });

  it.each([
    ['alb', '-payment'],
    ['alb', 'payment--alb'],
    ['s3Bucket', 'Payment-assets'],
    ['s3Bucket', 'ab'],
    ['rdsIdentifier', '1payment'],
    ['rdsIdentifier', 'payment-'],
    ['securityGroup', 'sg-payment'],
    ['kmsAlias', 'alias/aws/payment'],
    ['kmsAlias', 'payment'],
  ] as const)('%s refuses %j', (kind, name) => {
    expect(() => assertValidName(name, kind)).toThrow(NameError);
  });
});
