import { Construct } from 'constructs';
import type { TerraformResource } from 'cdktn';
import { KmsAlias } from '@cdktn/provider-aws/lib/kms-alias';
import { KmsKey as KmsKeyResource } from '@cdktn/provider-aws/lib/kms-key';
import { KmsKeyPolicy } from '@cdktn/provider-aws/lib/kms-key-policy';
import { kmsDeletionWindowProblem } from '../../validation/limits';
import { assertValidProps } from '../../validation/problem';
import type { AwsEnvironment } from '../core/aws-environment';
import {
  KMS_CLOUDWATCH_LOGS_ACTIONS,
  KMS_CREATE_GRANT_ACTIONS,
  KMS_DECRYPT_ACTIONS,
  KMS_ENCRYPT_DECRYPT_ACTIONS,
} from './permissions';
import type { PolicyConditions, PolicyStatement } from './policy-document';
import { PolicyDocument } from './policy-document';

/** A role (in this account) a key policy may name. */
export type KeyUser = TerraformResource & { readonly arn: string };

/**
 * What a key administrator may do: manage the key's policy, state, rotation, aliases, tags and
 * deletion, and read its metadata, but never encrypt, decrypt, generate data keys or create
 * grants (which would delegate use). AWS's default "key administrators" statement
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html) uses
 * `kms:Create*`, which includes `kms:CreateGrant`; this list names each action instead.
 */
export const KMS_ADMINISTRATION_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:ListKeyRotations',
  'kms:RotateKeyOnDemand',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:UpdateKeyDescription',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:RevokeGrant',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
] as const;

export interface KmsKeyProps {
  readonly aws: AwsEnvironment;
  /** Alias, already built by `naming` (`alias/payment-<component>-<suffix>`). */
  readonly alias: string;
  /** What the key protects; shown in the console and to auditors. */
  readonly description: string;
  /** Days before a scheduled deletion completes (7-30). Comes from the profile. */
  readonly deletionWindowInDays: number;
  /**
   * Refuse to destroy the key (Terraform `prevent_destroy`): retained snapshots and logs
   * are useless without it. Comes from the profile (on in prod).
   */
  readonly retainOnDestroy: boolean;
  /**
   * IAM roles or users that administer the key (KMS_ADMINISTRATION_ACTIONS) and cannot use it.
   * Comes from configuration (`keyAdministratorArns`; required in prod, may be empty elsewhere).
   */
  readonly administratorArns: readonly string[];
}

export interface ServiceGrant {
  /** Statement id, unique in the key policy. */
  readonly sid: string;
  /** Service principal, e.g. `delivery.logs.amazonaws.com`. */
  readonly service: string;
  readonly actions: readonly string[];
  /** Must narrow the grant to this account (aws:SourceAccount, aws:SourceArn or encryption context). */
  readonly conditions: PolicyConditions;
}

export interface RoleGrant {
  /** Statement id, unique in the key policy. */
  readonly sid: string;
  /** The role (in this account) that may use the key. */
  readonly role: KeyUser;
  readonly actions: readonly string[];
  /** @default none */
  readonly conditions?: PolicyConditions;
}

/**
 * A customer-managed symmetric key with rotation on and an explicit key policy: the account
 * administers it through IAM, and only the service principals granted here may use it, each
 * narrowed to this account by its conditions.
 */
export class KmsKey extends Construct {
  readonly key: KmsKeyResource;
  readonly alias: KmsAlias;
  readonly policyDocument: PolicyDocument;
  /** The key policy resource (separate from the key, see the constructor). */
  readonly policy: KmsKeyPolicy;
  private readonly aws: AwsEnvironment;

  constructor(scope: Construct, id: string, props: KmsKeyProps) {
    super(scope, id);
    assertValidProps(this, [kmsDeletionWindowProblem(props.deletionWindowInDays)]);
    this.aws = props.aws;
    this.key = new KmsKeyResource(this, 'Key', {
      description: props.description,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: props.deletionWindowInDays,
      isEnabled: true,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      lifecycle: { preventDestroy: props.retainOnDestroy },
    });
    this.policyDocument = new PolicyDocument([
      {
        // Without this statement the key could become unmanageable; access for principals
        // in the account is then granted by IAM policies, not by the key policy.
        sid: 'AccountAdministersKeyThroughIam',
        effect: 'Allow',
        principal: { AWS: props.aws.accountRootArn },
        actions: ['kms:*'],
        resources: ['*'],
      },
    ]);
    if (props.administratorArns.length > 0) {
      this.policyDocument.addStatements({
        sid: 'KeyAdministratorsManageButCannotUse',
        effect: 'Allow',
        principal: { AWS: [...props.administratorArns] },
        actions: KMS_ADMINISTRATION_ACTIONS,
        resources: ['*'],
      });
    }
    // A separate policy resource: key policies may name resources that themselves need the
    // key's ARN (buckets, log groups, roles), which inline `policy` would turn into a cycle.
    this.policy = new KmsKeyPolicy(this, 'Policy', {
      keyId: this.key.id,
      policy: this.policyDocument.toJson(),
      bypassPolicyLockoutSafetyCheck: false,
    });
    this.alias = new KmsAlias(this, 'Alias', {
      name: props.alias,
      targetKeyId: this.key.keyId,
    });
  }

  get arn(): string {
    return this.key.arn;
  }

  /**
   * Lets an AWS service use the key, narrowed to this account by `conditions`. Returns the
   * key-policy statement it adds.
   */
  grantToService(grant: ServiceGrant): PolicyStatement {
    if (Object.keys(grant.conditions).length === 0) {
      throw new Error(`Key grant "${grant.sid}" to ${grant.service} has no conditions`);
    }
    const statement: PolicyStatement = {
      sid: grant.sid,
      effect: 'Allow',
      principal: { Service: grant.service },
      actions: grant.actions,
      resources: ['*'],
      conditions: grant.conditions,
    };
    this.policyDocument.addStatements(statement);
    return statement;
  }

  /**
   * Lets an IAM role use the key. A key policy may only name a principal that exists, so the
   * policy resource is created after the role (`depends_on`). Returns the statement it adds.
   */
  grantToRole(grant: RoleGrant): PolicyStatement {
    const statement: PolicyStatement = {
      sid: grant.sid,
      effect: 'Allow',
      principal: { AWS: grant.role.arn },
      actions: grant.actions,
      resources: ['*'],
      ...(grant.conditions ? { conditions: grant.conditions } : {}),
    };
    this.policyDocument.addStatements(statement);
    const role = `${grant.role.terraformResourceType}.${grant.role.friendlyUniqueId}`;
    this.policy.dependsOn = [...new Set([...(this.policy.dependsOn ?? []), role])];
    return statement;
  }

  /** Lets `role` encrypt and decrypt data under the key (`KMS_ENCRYPT_DECRYPT_ACTIONS`). */
  grantEncryptDecrypt(role: KeyUser, sid: string): PolicyStatement {
    return this.grantToRole({ sid, role, actions: KMS_ENCRYPT_DECRYPT_ACTIONS });
  }

  /** Lets `role` only read data encrypted under the key (`KMS_DECRYPT_ACTIONS`). */
  grantDecrypt(role: KeyUser, sid: string): PolicyStatement {
    return this.grantToRole({ sid, role, actions: KMS_DECRYPT_ACTIONS });
  }

  /**
   * Lets `role` (an AWS service's role, such as Auto Scaling's) pass the key on to the AWS
   * resources it manages, and nothing else (`kms:GrantIsForAWSResource`).
   */
  grantCreateGrantForAwsResources(role: KeyUser, sid: string): PolicyStatement {
    return this.grantToRole({
      sid,
      role,
      actions: KMS_CREATE_GRANT_ACTIONS,
      conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    });
  }

  /**
   * Lets the log-delivery service (`delivery.logs.amazonaws.com`) encrypt objects it writes
   * for this account: VPC flow logs and WAF logs to S3.
   */
  grantLogDelivery(): PolicyStatement {
    return this.grantToService({
      sid: 'LogDeliveryEncryptsForThisAccount',
      service: 'delivery.logs.amazonaws.com',
      actions: KMS_ENCRYPT_DECRYPT_ACTIONS,
      conditions: {
        StringEquals: { 'aws:SourceAccount': this.aws.accountId },
        ArnLike: { 'aws:SourceArn': this.aws.arn('logs', '*') },
      },
    });
  }

  /**
   * Lets CloudWatch Logs in this Region encrypt and decrypt log groups with the key, only
   * for this account's log groups (the encryption context names the log group's ARN).
   */
  grantCloudWatchLogs(): PolicyStatement {
    return this.grantToService({
      sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
      service: `logs.${this.aws.region}.amazonaws.com`,
      actions: KMS_CLOUDWATCH_LOGS_ACTIONS,
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': this.aws.arn('logs', 'log-group:*'),
        },
      },
    });
  }
}
