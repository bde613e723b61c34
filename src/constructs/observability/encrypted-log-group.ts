import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktn/provider-aws/lib/cloudwatch-log-group';
import { assertValidName } from '../../naming/naming';
import type { KmsKey } from '../security/kms-key';
import { LOG_AGENT_WRITE_ACTIONS, LOG_WRITE_ACTIONS } from '../security/permissions';
import type { PolicyStatement } from '../security/policy-document';

export interface EncryptedLogGroupProps {
  /** Log group name; services that write to a fixed name (RDS exports) dictate it. */
  readonly name: string;
  /** Key whose policy lets CloudWatch Logs use it (`KmsKey.grantCloudWatchLogs`). */
  readonly encryptionKey: KmsKey;
  /** Retention in days, a value CloudWatch accepts. Comes from the profile. */
  readonly retentionDays: number;
  /**
   * Keep the log group when the stack is destroyed (`skip_destroy`), as audit logs must
   * outlive the stack. Comes from the profile (on in prod).
   */
  readonly retainOnDestroy: boolean;
}

/**
 * The one way this project makes a CloudWatch log group: KMS-encrypted with a customer key,
 * an explicit retention, and kept on destroy where the profile says so. Creating it in the
 * stack (before the service that writes to it) stops services from creating it unencrypted
 * and never-expiring.
 */
export class EncryptedLogGroup extends Construct {
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      name: assertValidName(props.name, 'logGroup'),
      kmsKeyId: props.encryptionKey.arn,
      retentionInDays: props.retentionDays,
      skipDestroy: props.retainOnDestroy,
      // CloudWatch Logs checks at CreateLogGroup that its service principal may use the key
      // ("The specified KMS key does not exist or is not allowed to be used with Arn ..."),
      // and the key policy is a separate resource: wait for it, not only for the key.
      dependsOn: [props.encryptionKey.policy],
    });
  }

  get name(): string {
    return this.logGroup.name;
  }

  get arn(): string {
    return this.logGroup.arn;
  }

  /**
   * The identity-policy statement that lets a role write events to this group's streams (and
   * to no other group); put it in the writer's role policy.
   */
  grantWrite(sid = 'WriteLogs'): PolicyStatement {
    // Stream ARNs are the group's ARN followed by `:log-stream:<name>`.
    return { sid, effect: 'Allow', actions: LOG_WRITE_ACTIONS, resources: [`${this.arn}:*`] };
  }

  /**
   * Like `grantWrite`, for the CloudWatch agent, which also lists the group's streams to resume
   * where it left off.
   */
  grantAgentWrite(sid = 'WriteLogs'): PolicyStatement {
    return {
      sid,
      effect: 'Allow',
      actions: LOG_AGENT_WRITE_ACTIONS,
      resources: [`${this.arn}:*`],
    };
  }
}
