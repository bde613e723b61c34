import { Construct } from 'constructs';
import { SnsTopic } from '@cdktn/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktn/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktn/provider-aws/lib/sns-topic-subscription';
import type { Naming } from '../../naming/naming';
import type { AwsEnvironment } from '../core/aws-environment';
import { KmsKey } from '../security/kms-key';
import {
  KMS_PUBLISH_TO_ENCRYPTED_TOPIC_ACTIONS,
  SNS_PUBLISH_ACTIONS,
} from '../security/permissions';
import { PolicyDocument } from '../security/policy-document';

export interface AlarmTopicProps {
  readonly aws: AwsEnvironment;
  readonly naming: Naming;
  /** Days before a scheduled key deletion completes. Comes from the profile. */
  readonly keyDeletionWindowInDays: number;
  /** Keep the key on destroy. Comes from the profile. */
  readonly retainOnDestroy: boolean;
  /** Administrators of the topic's key (they cannot use it). Comes from configuration. */
  readonly keyAdministratorArns: readonly string[];
  /**
   * Address that receives every alarm (confirmed by the recipient once).
   * @default no subscription: subscribe a pager or chat integration to the topic
   */
  readonly email?: string;
  /**
   * Let EventBridge rules of this account named `payment-findings-*` (the account baseline's
   * GuardDuty and Security Hub routes, src/stacks/account-baseline.ts) publish, and use the
   * topic's key to do so: an encrypted topic needs both the topic policy and the key policy
   * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
   * @default false
   */
  readonly findingsFromEventBridge?: boolean;
}

/** Prefix of the account baseline's finding rules (FINDINGS_RULE_PREFIX in the baseline stack). */
export const FINDINGS_RULE_NAME_PATTERN = 'payment-findings-*';

/**
 * Where every alarm goes: an SNS topic encrypted with its own customer key. Only CloudWatch
 * alarms of this account may publish (and the key lets only CloudWatch encrypt for it), and
 * publishing without TLS is refused.
 */
export class AlarmTopic extends Construct {
  readonly topic: SnsTopic;
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const { aws, naming } = props;
    this.key = new KmsKey(this, 'Key', {
      aws,
      alias: naming.kmsAlias('alarms'),
      description: `Payment platform ${naming.suffix}: alarm notifications (SNS)`,
      deletionWindowInDays: props.keyDeletionWindowInDays,
      retainOnDestroy: props.retainOnDestroy,
      administratorArns: props.keyAdministratorArns,
    });
    // CloudWatch publishes to an encrypted topic only if it may use the topic's key.
    this.key.grantToService({
      sid: 'CloudWatchAlarmsPublishEncrypted',
      service: 'cloudwatch.amazonaws.com',
      actions: KMS_PUBLISH_TO_ENCRYPTED_TOPIC_ACTIONS,
      conditions: { StringEquals: { 'aws:SourceAccount': aws.accountId } },
    });

    const findingRules = aws.arn('events', `rule/${FINDINGS_RULE_NAME_PATTERN}`);
    if (props.findingsFromEventBridge) {
      this.key.grantToService({
        sid: 'EventBridgeFindingsPublishEncrypted',
        service: 'events.amazonaws.com',
        actions: KMS_PUBLISH_TO_ENCRYPTED_TOPIC_ACTIONS,
        conditions: {
          StringEquals: { 'aws:SourceAccount': aws.accountId },
          ArnLike: { 'aws:SourceArn': findingRules },
        },
      });
    }

    this.topic = new SnsTopic(this, 'Topic', {
      name: naming.name('alarms'),
      displayName: `Payment ${naming.suffix} alarms`,
      kmsMasterKeyId: this.key.arn,
    });
    const policy = new PolicyDocument([
      {
        sid: 'CloudWatchAlarmsOfThisAccountPublish',
        effect: 'Allow',
        principal: { Service: 'cloudwatch.amazonaws.com' },
        actions: SNS_PUBLISH_ACTIONS,
        resources: [this.topic.arn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': aws.accountId },
          ArnLike: { 'aws:SourceArn': aws.arn('cloudwatch', 'alarm:*') },
        },
      },
      {
        sid: 'DenyPublishWithoutTls',
        effect: 'Deny',
        principal: '*',
        actions: SNS_PUBLISH_ACTIONS,
        resources: [this.topic.arn],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
    if (props.findingsFromEventBridge) {
      policy.addStatements({
        sid: 'AccountBaselineFindingsPublish',
        effect: 'Allow',
        principal: { Service: 'events.amazonaws.com' },
        actions: SNS_PUBLISH_ACTIONS,
        resources: [this.topic.arn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': aws.accountId },
          ArnLike: { 'aws:SourceArn': findingRules },
        },
      });
    }
    new SnsTopicPolicy(this, 'Policy', { arn: this.topic.arn, policy: policy.toJson() });

    if (props.email) {
      new SnsTopicSubscription(this, 'Email', {
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint: props.email,
      });
    }
  }

  get arn(): string {
    return this.topic.arn;
  }
}
