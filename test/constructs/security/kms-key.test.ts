import { App, TerraformStack } from 'cdktn';
import { describe, expect, it } from 'vitest';
import { AwsEnvironment } from '../../../src/constructs/core/aws-environment';
import { KmsKey } from '../../../src/constructs/security/kms-key';
import type { Synthesized } from '../../helpers/synth';
import { blocksOf, policyOf, resourceAt, synthesize } from '../../helpers/synth';

const dev = synthesize();
const staging = synthesize({ ENVIRONMENT: 'staging' });
const prod = synthesize({ ENVIRONMENT: 'prod' });

const statementsOf = (s: Synthesized, key: string) =>
  policyOf(resourceAt(s.json, 'aws_kms_key_policy', `${key}/Policy`)).Statement;

describe('KmsKey', () => {
  it('rotates every key yearly and keeps it enabled', () => {
    for (const key of blocksOf(dev.json, 'aws_kms_key')) {
      expect(key).toMatchObject({
        enable_key_rotation: true,
        rotation_period_in_days: 365,
        is_enabled: true,
      });
    }
  });

  it('sets the deletion window and prevent_destroy from the profile', () => {
    const windows = (s: Synthesized) =>
      blocksOf(s.json, 'aws_kms_key').map((k) => k.deletion_window_in_days);
    expect(new Set(windows(dev))).toEqual(new Set([7]));
    expect(new Set(windows(staging))).toEqual(new Set([14]));
    expect(new Set(windows(prod))).toEqual(new Set([30]));
    for (const key of blocksOf(prod.json, 'aws_kms_key')) {
      expect(key.lifecycle).toEqual({ prevent_destroy: true });
    }
    for (const key of blocksOf(dev.json, 'aws_kms_key')) {
      expect(key.lifecycle).toEqual({ prevent_destroy: false });
    }
  });

  it('names each key with an alias carrying the suffix', () => {
    const aliases = blocksOf(dev.json, 'aws_kms_alias').map((a) => a.name as string);
    expect(aliases).toEqual(
      expect.arrayContaining(['alias/payment-logs-dev', 'alias/payment-storage-dev']),
    );
    for (const alias of aliases) expect(alias).toMatch(/^alias\/payment-[a-z]+-dev$/);
    expect(aliases).toHaveLength(blocksOf(dev.json, 'aws_kms_key').length);
  });

  it('has an explicit policy: account administration, and services only under conditions', () => {
    for (const key of ['StorageKey', 'LogsKey']) {
      const statements = statementsOf(dev, key);
      expect(statements[0]).toMatchObject({
        Sid: 'AccountAdministersKeyThroughIam',
        Principal: {
          AWS: expect.stringMatching(
            /^arn:\$\{data\.aws_partition\..*\}:iam::\$\{data\.aws_caller_identity\..*\}:root$/,
          ),
        },
      });
      for (const s of statements) {
        expect(s.Principal).not.toBe('*');
        if (s.Sid !== 'AccountAdministersKeyThroughIam') expect(s.Condition).toBeDefined();
      }
    }
    expect(statementsOf(dev, 'StorageKey')).toHaveLength(1);
  });

  it('lets log delivery and CloudWatch Logs use the logs key only for this account', () => {
    const statements = statementsOf(dev, 'LogsKey');
    const delivery = statements.find((s) => s.Sid === 'LogDeliveryEncryptsForThisAccount')!;
    expect(delivery.Principal).toEqual({ Service: 'delivery.logs.amazonaws.com' });
    expect(Object.keys(delivery.Condition!.StringEquals!)).toEqual(['aws:SourceAccount']);
    expect(delivery.Condition!.ArnLike!['aws:SourceArn']).toMatch(/:logs:us-east-1:.*:\*$/);
    const logs = statements.find((s) => s.Sid === 'CloudWatchLogsEncryptsThisAccountsLogGroups')!;
    expect(logs.Principal).toEqual({ Service: 'logs.us-east-1.amazonaws.com' });
    expect(logs.Condition!.ArnLike!['kms:EncryptionContext:aws:logs:arn']).toMatch(
      /:log-group:\*$/,
    );
  });

  it('refuses a deletion window outside 7-30 days and a service grant without conditions', () => {
    const stack = new TerraformStack(new App(), 'test');
    const aws = new AwsEnvironment(stack, 'Aws', { region: 'us-east-1' });
    const props = {
      aws,
      alias: 'alias/x',
      description: 'x',
      retainOnDestroy: false,
      administratorArns: [],
    };
    expect(() => new KmsKey(stack, 'Short', { ...props, deletionWindowInDays: 6 })).toThrow(/7-30/);
    expect(() => new KmsKey(stack, 'Long', { ...props, deletionWindowInDays: 31 })).toThrow(/7-30/);
    const key = new KmsKey(stack, 'Ok', { ...props, deletionWindowInDays: 7 });
    expect(() =>
      key.grantToService({
        sid: 'Open',
        service: 'sns.amazonaws.com',
        actions: ['kms:Decrypt'],
        conditions: {},
      }),
    ).toThrow(/no conditions/);
  });
});
