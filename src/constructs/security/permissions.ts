/**
 * The IAM and key-policy action lists the project grants, in one place: owners' `grant...`
 * methods use them, so a caller never spells out actions and an auditor reads every grant's
 * reach here.
 */

/** Encrypt and decrypt data under a key (data keys included): a writer and reader of the data. */
export const KMS_ENCRYPT_DECRYPT_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
] as const;

/**
 * Decrypt only, for a caller that never needs the key's metadata (Secrets Manager decrypting a
 * secret for the bootstrap role).
 */
export const KMS_DECRYPT_ONLY_ACTIONS = ['kms:Decrypt'] as const;

/** Read data encrypted under a key, nothing more. */
export const KMS_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'] as const;

/**
 * Let an AWS service hand the key on to the resource it manages (Auto Scaling to EBS); always
 * paired with `kms:GrantIsForAWSResource`.
 */
export const KMS_CREATE_GRANT_ACTIONS = ['kms:CreateGrant'] as const;

/**
 * CloudWatch Logs' use of a log group key, as the CloudWatch Logs user guide's key policy
 * ("Encrypt log data in CloudWatch Logs using AWS KMS") writes it.
 */
export const KMS_CLOUDWATCH_LOGS_ACTIONS = [
  'kms:Encrypt*',
  'kms:Decrypt*',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:Describe*',
] as const;

/** A service publishing to an SNS topic encrypted with the key. */
export const KMS_PUBLISH_TO_ENCRYPTED_TOPIC_ACTIONS = [
  'kms:Decrypt',
  'kms:GenerateDataKey*',
] as const;

/** Write events to a log group's streams. */
export const LOG_WRITE_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'] as const;

/**
 * What the CloudWatch agent needs to write a log group: the writes, and listing the group's
 * streams to find where it left off. No `logs:CreateLogGroup`: the stack creates every group.
 */
export const LOG_AGENT_WRITE_ACTIONS = [...LOG_WRITE_ACTIONS, 'logs:DescribeLogStreams'] as const;

/**
 * What the SSM Agent needs for Session Manager and nothing more: register the instance and
 * open the session channels (AWS's own minimal instance profile for Session Manager,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCloud9SSMInstanceProfile.html).
 * AmazonSSMManagedInstanceCore would add ssm:GetParameter(s) on every parameter in the account.
 */
export const SESSION_MANAGER_ACTIONS = [
  'ssm:UpdateInstanceInformation',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
] as const;

/** Publish custom metrics; it has no resource type, so narrow it by `cloudwatch:namespace`. */
export const CLOUDWATCH_PUT_METRIC_ACTIONS = ['cloudwatch:PutMetricData'] as const;

/** ECR's registry login; it has no resource type, so it can only be granted on `*`. */
export const ECR_AUTHENTICATE_ACTIONS = ['ecr:GetAuthorizationToken'] as const;

/** Pull an image from a repository. */
export const ECR_PULL_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
] as const;

/** Connect to a database as a user with IAM authentication. */
export const RDS_CONNECT_ACTIONS = ['rds-db:connect'] as const;

/**
 * Run one SQL statement through the RDS Data API. The bootstrap never uses transactions or
 * batches, so it gets none of BatchExecuteStatement, BeginTransaction, CommitTransaction or
 * RollbackTransaction (the Aurora User Guide's "minimum" Data API policy lists all five).
 */
export const RDS_DATA_EXECUTE_ACTIONS = ['rds-data:ExecuteStatement'] as const;

/** Look up a cluster (ARN, engine, master secret, whether the Data API is on). */
export const RDS_DESCRIBE_CLUSTER_ACTIONS = ['rds:DescribeDBClusters'] as const;

/** Read a secret's value. */
export const SECRET_READ_ACTIONS = ['secretsmanager:GetSecretValue'] as const;

/** Publish to an SNS topic. */
export const SNS_PUBLISH_ACTIONS = ['sns:Publish'] as const;
