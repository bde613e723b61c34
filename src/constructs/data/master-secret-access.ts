import type { Construct } from 'constructs';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { SecretsmanagerSecretPolicy } from '@cdktn/provider-aws/lib/secretsmanager-secret-policy';
import type { Naming } from '../../naming/naming';
import type { AwsEnvironment } from '../core/aws-environment';
import type { KmsKey } from '../security/kms-key';
import {
  KMS_DECRYPT_ONLY_ACTIONS,
  RDS_DATA_EXECUTE_ACTIONS,
  RDS_DESCRIBE_CLUSTER_ACTIONS,
  SECRET_READ_ACTIONS,
} from '../security/permissions';
import { PolicyDocument } from '../security/policy-document';

/**
 * Who may use the cluster's RDS-managed master secret: the bootstrap role (`npm run
 * db:bootstrap`) and the break-glass principals, and nobody else.
 */

export interface BootstrapRoleProps {
  readonly naming: Naming;
  readonly aws: AwsEnvironment;
  readonly clusterArn: string;
  /** The RDS-managed master secret of that cluster. */
  readonly secretArn: string;
  /** The key that encrypts the secret (the data key). */
  readonly key: KmsKey;
  /** IAM roles or users that may assume the role (`database.bootstrapPrincipalArns`). */
  readonly principalArns: readonly string[];
}

/**
 * The bootstrap's own role, assumed by the configured operators only: run statements through
 * the RDS Data API on this cluster, read this cluster's master secret, and decrypt with the
 * data key only when Secrets Manager decrypts that secret. Nothing else.
 *
 * Aurora User Guide, "Authorizing access to the Amazon RDS Data API"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.access.html): its
 * minimal policy allows five rds-data actions on the cluster ARN and GetSecretValue on the
 * secret; the bootstrap runs single statements (ExecuteStatement), never batches or
 * transactions, so it gets that one. The Data API reads the secret with the caller's own
 * permissions ("Data API transparently calls Secrets Manager, which allows (or denies) the
 * user's request for the secret"), hence GetSecretValue and kms:Decrypt for the role.
 * `rds:DescribeDBClusters` on this cluster lets the runner find the cluster, its secret and
 * whether the Data API is on by name, so the operator needs no Terraform state. CloudTrail
 * records the Data API calls of a Serverless v2 or provisioned cluster as data events, which a
 * trail excludes unless it selects them (docs/operations.md, Bootstrap, says how):
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.differences.html
 */
export function bootstrapRole(scope: Construct, id: string, props: BootstrapRoleProps): IamRole {
  const { naming, aws } = props;
  const trust = new PolicyDocument([
    {
      sid: 'OperatorsAssumeBootstrapRole',
      effect: 'Allow',
      principal: { AWS: [...props.principalArns] },
      actions: ['sts:AssumeRole'],
    },
  ]);
  const role = new IamRole(scope, `${id}Role`, {
    name: naming.name('db-bootstrap', 'iamRole'),
    description: 'npm run db:bootstrap: runs the bootstrap SQL through the RDS Data API',
    assumeRolePolicy: trust.toJson(),
    maxSessionDuration: 3600,
  });
  new IamRolePolicy(scope, `${id}Policy`, {
    name: naming.name('db-bootstrap', 'iamPolicy'),
    role: role.id,
    policy: new PolicyDocument([
      {
        sid: 'RunStatementsOnThisCluster',
        effect: 'Allow',
        actions: RDS_DATA_EXECUTE_ACTIONS,
        resources: [props.clusterArn],
      },
      {
        sid: 'FindThisCluster',
        effect: 'Allow',
        actions: RDS_DESCRIBE_CLUSTER_ACTIONS,
        resources: [props.clusterArn],
      },
      {
        sid: 'ReadThisClustersMasterSecret',
        effect: 'Allow',
        actions: SECRET_READ_ACTIONS,
        resources: [props.secretArn],
      },
      {
        sid: 'DecryptTheMasterSecretThroughSecretsManager',
        effect: 'Allow',
        actions: KMS_DECRYPT_ONLY_ACTIONS,
        resources: [props.key.arn],
        // Secrets Manager decrypts a secret with the encryption context SecretARN = its ARN.
        conditions: {
          StringEquals: {
            'kms:ViaService': `secretsmanager.${aws.region}.amazonaws.com`,
            'kms:EncryptionContext:SecretARN': props.secretArn,
          },
        },
      },
    ]).toJson(),
  });
  return role;
}

export interface BreakGlassSecretPolicyProps {
  readonly aws: AwsEnvironment;
  readonly secretArn: string;
  /** Principals that may still read the secret (bootstrap role, break-glass principals). */
  readonly readers: readonly string[];
}

/**
 * Makes the RDS-managed master secret break-glass: its resource policy denies
 * `secretsmanager:GetSecretValue` to every principal whose ARN is not one of `readers` (AWS
 * services, RDS's own rotation among them, are left alone). An explicit deny in a resource
 * policy wins over every identity policy, so an account administrator cannot read the master
 * password by granting themselves `secretsmanager:*`. With no readers, only the account root
 * user may read it. Gate rule PAY-SM-003 keeps this true.
 */
export function breakGlassSecretPolicy(
  scope: Construct,
  id: string,
  props: BreakGlassSecretPolicyProps,
): SecretsmanagerSecretPolicy {
  const readers = props.readers.length > 0 ? props.readers : [props.aws.accountRootArn];
  return new SecretsmanagerSecretPolicy(scope, id, {
    secretArn: props.secretArn,
    blockPublicPolicy: true,
    policy: new PolicyDocument([
      {
        sid: 'MasterSecretIsBreakGlass',
        effect: 'Deny',
        principal: '*',
        actions: SECRET_READ_ACTIONS,
        resources: ['*'],
        conditions: {
          ArnNotLike: { 'aws:PrincipalArn': [...readers] },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      },
    ]).toJson(),
  });
}
