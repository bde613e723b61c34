import { Construct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktn/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktn/provider-aws/lib/data-aws-partition';

export interface AwsEnvironmentProps {
  /** The Region the stack deploys to (known at synthesis, validated by configuration). */
  readonly region: string;
}

/**
 * The account, partition and Region of the deployment, read once per stack. The account ID
 * and partition are tokens resolved at plan time, so no credentials are needed to synthesize.
 */
export class AwsEnvironment extends Construct {
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;

  constructor(scope: Construct, id: string, props: AwsEnvironmentProps) {
    super(scope, id);
    this.region = props.region;
    this.accountId = new DataAwsCallerIdentity(this, 'Caller').accountId;
    this.partition = new DataAwsPartition(this, 'Partition').partition;
  }

  /** `arn:<partition>:iam::<account>:root`, the account principal of key and bucket policies. */
  get accountRootArn(): string {
    return `arn:${this.partition}:iam::${this.accountId}:root`;
  }

  /** An ARN in this account and Region: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
  arn(service: string, resource: string): string {
    return `arn:${this.partition}:${service}:${this.region}:${this.accountId}:${resource}`;
  }
}
