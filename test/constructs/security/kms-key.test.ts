import { App, TerraformStack, Testing } from 'cdktn';
import { describe, expect, it } from 'vitest';
import { AwsEnvironment } from '../../../src/constructs/core/aws-environment';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { KmsKey } from '../../../src/constructs/security/kms-key';
import {
  KMS_DECRYPT_ACTIONS,
  KMS_ENCRYPT_DECRYPT_ACTIONS,
} from '../../../src/constructs/security/permissions';
import { keyScaffold } from '../../helpers/scaffold';
import type { Synthesized, TerraformJson } from '../../helpers/synth';
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
    expect(() => new KmsKey(stack, 'Short', { ...props, deletionWindowInDays: 6 })).toThrow(
      /^Invalid props for construct test\/Short:\n {2}deletionWindowInDays: 6 is outside 7-30 days/,
    );
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

describe('KmsKey grants to roles', () => {
  const { stack, key } = keyScaffold('grants');
  const role = new IamRole(stack, 'Role', { assumeRolePolicy: '{}' });

  it('each returns the statement it adds, with the action list of the permissions module', () => {
    const encrypt = key.grantEncryptDecrypt(role, 'RoleEncrypts');
    const decrypt = key.grantDecrypt(role, 'RoleDecrypts');
    const grant = key.grantCreateGrantForAwsResources(role, 'RoleGrants');
    expect(encrypt).toMatchObject({ sid: 'RoleEncrypts', actions: KMS_ENCRYPT_DECRYPT_ACTIONS });
    expect(decrypt).toMatchObject({ sid: 'RoleDecrypts', actions: KMS_DECRYPT_ACTIONS });
    expect(decrypt.actions).not.toContain('kms:Encrypt');
    expect(grant).toMatchObject({
      actions: ['kms:CreateGrant'],
      conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    });
    expect(key.policyDocument.statementIds).toEqual([
      'AccountAdministersKeyThroughIam',
      'RoleEncrypts',
      'RoleDecrypts',
      'RoleGrants',
    ]);
    // The key policy may name the role only once it exists.
    expect(key.policy.dependsOn).toEqual([`aws_iam_role.${role.friendlyUniqueId}`]);
    const synthesized = JSON.parse(Testing.synth(stack)) as TerraformJson;
    const [keyPolicy] = blocksOf(synthesized, 'aws_kms_key_policy');
    const roleArn = `\${aws_iam_role.${role.friendlyUniqueId}.arn}`;
    for (const statement of policyOf(keyPolicy!).Statement.slice(1)) {
      expect(statement.Principal).toEqual({ AWS: roleArn });
    }
  });
});
