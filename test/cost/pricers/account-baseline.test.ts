/** The account baseline in the cost estimate (src/cost/pricers/account-baseline.ts). */
import { describe, expect, it } from 'vitest';
import { USAGE_PROFILES } from '../../../src/config/profiles';
import { estimateStack } from '../../../src/cost/estimate';
import { pricesFor } from '../../../src/cost/prices';
import { buildGraph } from '../../../src/tfjson/graph';
import { accountConfig, synthesizeBaseline, TWO_REGION_ACCOUNT } from '../../helpers/baseline';

const stacks = synthesizeBaseline(accountConfig('two', TWO_REGION_ACCOUNT));
const estimate = (name: string) =>
  estimateStack(
    buildGraph(stacks.get(name)!, `${name}.tf.json`, name),
    USAGE_PROFILES.prod.small,
    'small',
    pricesFor('us-east-1'),
    'us-east-1',
  );

describe('the account baseline in the estimate', () => {
  it('prices its keys and buckets, and lists each volume-billed service with its pricing page', () => {
    const home = estimate('payment-account-two-use1');
    expect(home.lines.filter((l) => l.item.includes('KMS')).length).toBeGreaterThan(0);
    const unpriced = home.unpriced.map((u) => `${u.address.split('.')[0]}: ${u.reason}`);
    for (const [type, page] of [
      ['aws_guardduty_detector', 'https://aws.amazon.com/guardduty/pricing/'],
      ['aws_securityhub_account', 'https://aws.amazon.com/security-hub/pricing/'],
      ['aws_config_configuration_recorder', 'https://aws.amazon.com/config/pricing/'],
      ['aws_inspector2_enabler', 'https://aws.amazon.com/inspector/pricing/'],
    ])
      expect(unpriced.some((u) => u.startsWith(type!) && u.includes(page!))).toBe(true);
    const global = estimate('payment-account-two');
    expect(
      global.unpriced.some(
        (u) =>
          u.address.startsWith('aws_cloudtrail.') && u.reason.includes('per 100,000 data events'),
      ),
    ).toBe(true);
  });

  it('names no baseline resource type as missing from the price table, and lists no setting', () => {
    for (const name of stacks.keys()) {
      const { unpriced } = estimate(name);
      expect(unpriced.filter((u) => u.reason === 'resource type not in the price table')).toEqual(
        [],
      );
      for (const setting of [
        'aws_ebs_encryption_by_default',
        'aws_s3_account_public_access_block',
        'aws_ssm_document',
      ])
        expect(unpriced.some((u) => u.address.startsWith(`${setting}.`))).toBe(false);
    }
  });
});
