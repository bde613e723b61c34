/**
 * The account baseline (docs/account-baseline.md): the detective controls of the AWS account
 * that holds the environments, outside every environment stack. Split by what AWS scopes:
 * `AccountGlobalStack` (one per account, in the home Region: the multi-Region trail,
 * account-level S3 Block Public Access, IAM) and `AccountRegionStack` (one per Region:
 * GuardDuty, Security Hub, AWS Config, Access Analyzer, Inspector, EBS default encryption,
 * Session Manager preferences, finding routes), so that several Regions and environments in
 * one account never create the same thing twice.
 */
import type { Construct } from 'constructs';
import { LocalBackend, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktn';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { AccessanalyzerAnalyzer } from '@cdktn/provider-aws/lib/accessanalyzer-analyzer';
import { Cloudtrail } from '@cdktn/provider-aws/lib/cloudtrail';
import { CloudwatchEventRule } from '@cdktn/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktn/provider-aws/lib/cloudwatch-event-target';
import { ConfigConfigurationRecorder } from '@cdktn/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktn/provider-aws/lib/config-configuration-recorder-status';
import { ConfigConformancePack } from '@cdktn/provider-aws/lib/config-conformance-pack';
import { ConfigDeliveryChannel } from '@cdktn/provider-aws/lib/config-delivery-channel';
import { EbsDefaultKmsKey } from '@cdktn/provider-aws/lib/ebs-default-kms-key';
import { EbsEncryptionByDefault } from '@cdktn/provider-aws/lib/ebs-encryption-by-default';
import { GuarddutyDetector } from '@cdktn/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktn/provider-aws/lib/guardduty-detector-feature';
import { IamServiceLinkedRole } from '@cdktn/provider-aws/lib/iam-service-linked-role';
import { Inspector2Enabler } from '@cdktn/provider-aws/lib/inspector2-enabler';
import { S3AccountPublicAccessBlock } from '@cdktn/provider-aws/lib/s3-account-public-access-block';
import { SecurityhubAccount } from '@cdktn/provider-aws/lib/securityhub-account';
import { SecurityhubStandardsSubscription } from '@cdktn/provider-aws/lib/securityhub-standards-subscription';
import { SsmDocument } from '@cdktn/provider-aws/lib/ssm-document';
import { partitionOf } from '../aws-facts/regions';
import type { AccountBaselineConfig, AccountRegionConfig } from '../config/account-baseline';
import {
  ACCOUNT_NAME_PREFIX,
  accountRegionStackName,
  accountStackName,
  MIN_AUDIT_RETENTION_DAYS,
  SESSION_PREFERENCES_DOCUMENT,
} from '../config/account-baseline';
import { COMMON_DEFAULTS } from '../config/profiles';
import type { CiEnvironmentProps } from '../constructs/ci/deploy-roles';
import { CiDeployRoles } from '../constructs/ci/deploy-roles';
import { githubIssuer } from '../constructs/ci/trust';
import { AwsEnvironment } from '../constructs/core/aws-environment';
import { EncryptedLogGroup } from '../constructs/observability/encrypted-log-group';
import { KmsKey } from '../constructs/security/kms-key';
import { LockedLogArchive } from '../constructs/storage/locked-log-archive';
import { SecureBucket } from '../constructs/storage/secure-bucket';
import { BUCKET_COMPONENTS, Naming, NAME_PREFIX, WAF_LOG_BUCKET_PREFIX } from '../naming/naming';
import { ACCOUNT_BASELINE_LOCAL, ENVIRONMENT_TAG, PROFILE_TAG } from '../tfjson/markers';
import { REQUIRED_TERRAFORM_VERSION } from './payment-stack';

/** Days the trail's landing copies are kept; the locked archive holds the record. */
export const TRAIL_LANDING_DAYS = 90;
/** EventBridge rules routing findings are named `payment-findings-<kind>-acct-<name>`. */
export const FINDINGS_RULE_PREFIX = `${NAME_PREFIX}-findings-`;
/** Session Manager idle timeout, minutes: PCI DSS 8.2.8 asks for 15 at most. */
export const SESSION_IDLE_TIMEOUT_MINUTES = 15;

/**
 * Security Hub standards, by the ARNs of the provider's documentation (resource
 * `aws_securityhub_standards_subscription`).
 */
export function securityHubStandards(partition: string, region: string): readonly string[] {
  return [
    `arn:${partition}:securityhub:${region}::standards/pci-dss/v/4.0.1`,
    `arn:${partition}:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
  ];
}

/**
 * GuardDuty protection plans for EC2, ECS Fargate, S3 and RDS (API_DetectorFeatureConfiguration;
 * EBS_MALWARE_PROTECTION is a feature of its own, the agents are additional configurations of
 * RUNTIME_MONITORING: https://docs.aws.amazon.com/guardduty/latest/APIReference/API_DetectorAdditionalConfiguration.html).
 */
export const GUARDDUTY_FEATURES: ReadonlyArray<{
  readonly name: string;
  readonly additional?: readonly string[];
}> = [
  { name: 'S3_DATA_EVENTS' },
  { name: 'EBS_MALWARE_PROTECTION' },
  { name: 'RDS_LOGIN_EVENTS' },
  {
    name: 'RUNTIME_MONITORING',
    additional: ['ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'],
  },
];

export interface AccountStackProps {
  readonly config: AccountBaselineConfig;
  /** Local state file relative to the stack's working directory. @default `../../../state/<stack>.tfstate` */
  readonly localStatePath?: string;
  /**
   * The CI roles' inputs, one per `ci.environments` entry, derived at synthesis from each
   * environment's synthesized stack (src/synth/account-ci.ts). Required when `config.ci` is set.
   */
  readonly ciEnvironments?: readonly CiEnvironmentProps[];
}

/** Provider, version, backend and marker shared by both stack kinds. */
function baselineFoundation(
  stack: TerraformStack,
  id: string,
  region: string,
  props: AccountStackProps,
  scope: 'global' | 'region',
): { aws: AwsEnvironment; naming: Naming } {
  const { config } = props;
  const label = `${ACCOUNT_NAME_PREFIX}${config.name}`;
  new AwsProvider(stack, 'aws', {
    region,
    allowedAccountIds: [config.accountId],
    defaultTags: [
      {
        tags: {
          Project: COMMON_DEFAULTS.project,
          CostCenter: COMMON_DEFAULTS.costCenter,
          Purpose: 'account-baseline',
          // Every environment of the account relies on it: the gate applies its prod rules.
          [PROFILE_TAG]: 'prod',
          [ENVIRONMENT_TAG]: label,
          ManagedBy: 'cdktn',
        },
      },
    ],
  });
  stack.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
  new LocalBackend(stack, { path: props.localStatePath ?? `../../../state/${id}.tfstate` });
  new TerraformLocal(stack, ACCOUNT_BASELINE_LOCAL, {
    provider: 'self',
    scope,
    account: config.name,
  }).overrideLogicalId(ACCOUNT_BASELINE_LOCAL);
  return { aws: new AwsEnvironment(stack, 'Aws', { region }), naming: new Naming(label, region) };
}

/**
 * The S3 ARN prefixes whose object events the trail records: every bucket an environment of
 * the account makes (`payment-<component>-<suffix>-`, the WAF log bucket) and the shared state
 * buckets; never the trail's own buckets (`payment-trail-acct-...`), whose events would
 * describe the trail's own deliveries.
 */
export function auditedBucketPrefixes(
  partition: string,
  environments: readonly string[],
): string[] {
  const environmentComponents = BUCKET_COMPONENTS.filter(
    (c) => !['state', 'state-logs', 'trail', 'trail-lock', 'trail-logs', 'config'].includes(c),
  );
  return [
    ...environments.flatMap((env) => [
      ...environmentComponents.map((c) => `arn:${partition}:s3:::${NAME_PREFIX}-${c}-${env}-`),
      `arn:${partition}:s3:::${WAF_LOG_BUCKET_PREFIX}-${NAME_PREFIX}-${env}-`,
    ]),
    `arn:${partition}:s3:::${NAME_PREFIX}-state-shared-`,
    `arn:${partition}:s3:::${NAME_PREFIX}-state-logs-shared-`,
  ];
}

/** One per account, in the home Region. */
export class AccountGlobalStack extends TerraformStack {
  readonly trail: Cloudtrail;
  readonly logs: LockedLogArchive;

  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id);
    const { config } = props;
    const { aws, naming } = baselineFoundation(this, id, config.homeRegion, props, 'global');
    const trailName = naming.name('trail');
    const trailArn = `arn:${aws.partition}:cloudtrail:${config.homeRegion}:${aws.accountId}:trail/${trailName}`;

    const key = new KmsKey(this, 'TrailKey', {
      aws,
      alias: naming.kmsAlias('trail'),
      description: `Payment account baseline ${config.name}: CloudTrail log files`,
      deletionWindowInDays: 30,
      retainOnDestroy: true,
      administratorArns: config.keyAdministratorArns,
    });
    // The CloudTrail User Guide's key policy for trails ("Configure AWS KMS key policies for
    // CloudTrail", https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html):
    // encrypt for this account's trails only, with aws:SourceArn naming the trail, and
    // describe the key.
    key.grantToService({
      sid: 'CloudTrailEncryptsThisTrail',
      service: 'cloudtrail.amazonaws.com',
      actions: ['kms:GenerateDataKey*'],
      conditions: {
        StringEquals: { 'aws:SourceArn': trailArn },
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${aws.partition}:cloudtrail:*:${aws.accountId}:trail/*`,
        },
      },
    });
    // "If you use an existing S3 bucket with an S3 Bucket Key, kms:Decrypt permission is
    // required to create or update a trail with SSE-KMS encryption enabled" (same page); the
    // landing bucket uses a bucket key.
    key.grantToService({
      sid: 'CloudTrailDecryptsForBucketKey',
      service: 'cloudtrail.amazonaws.com',
      actions: ['kms:Decrypt'],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    });
    key.grantToService({
      sid: 'CloudTrailDescribesKey',
      service: 'cloudtrail.amazonaws.com',
      actions: ['kms:DescribeKey'],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    });

    // Not `access-logs`: the home Region's Regional stack has that bucket.
    const accessLogs = new SecureBucket(this, 'AccessLogs', {
      aws,
      bucketName: naming.bucketName('trail-logs', aws.accountId),
      forceDestroy: false,
      logRetention: { days: config.auditLogRetentionDays },
    });
    this.logs = new LockedLogArchive(this, 'TrailLogs', {
      aws,
      naming,
      components: { landing: 'trail', archive: 'trail-lock' },
      encryptionKey: key,
      accessLogsBucket: accessLogs,
      landingDays: TRAIL_LANDING_DAYS,
      retentionDays: config.auditLogRetentionDays,
      lockDays: MIN_AUDIT_RETENTION_DAYS,
      forceDestroy: false,
    });
    this.logs.landing.allowCloudTrail(trailArn);
    for (const bucket of [accessLogs, this.logs.landing, this.logs.archive])
      bucket.bucket.addOverride('lifecycle.prevent_destroy', true);

    this.trail = new Cloudtrail(this, 'Trail', {
      name: trailName,
      s3BucketName: this.logs.landing.name,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: key.arn,
      advancedEventSelector: [
        {
          // Every management event of every source: Data API calls that are management
          // events (rdsdata.amazonaws.com) are kept, never excluded.
          name: 'Management events',
          fieldSelector: [{ field: 'eventCategory', equalTo: ['Management'] }],
        },
        {
          name: 'S3 object events of the project buckets',
          fieldSelector: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
            {
              field: 'resources.ARN',
              startsWith: auditedBucketPrefixes(aws.partition, config.environments),
            },
          ],
        },
      ],
      // The replication rule first: S3 replicates only objects written after it exists, so a
      // log delivered before it would never reach the locked archive.
      dependsOn: [this.logs.landing.policy, key.policy, this.logs.replication],
    });

    // Security Hub S3.1 / PCI DSS 1.4.4: applies to every Region of the account.
    new S3AccountPublicAccessBlock(this, 'AccountPublicAccessBlock', {
      accountId: aws.accountId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    if (config.configServiceLinkedRole === 'create') {
      // IAM is global: the role every Region's recorder uses, made once here.
      new IamServiceLinkedRole(this, 'ConfigServiceLinkedRole', {
        awsServiceName: 'config.amazonaws.com',
      });
    }

    if (config.ci) {
      if (!props.ciEnvironments)
        throw new Error(
          `account ${config.name} has "ci" but no ciEnvironments were derived: synthesize it with npm run synth -- --account ${config.name}`,
        );
      const label = `${ACCOUNT_NAME_PREFIX}*`;
      new CiDeployRoles(this, 'Ci', {
        issuer: githubIssuer(config.ci.repository),
        branch: config.ci.branch,
        accountId: config.accountId,
        partition: partitionOf(config.homeRegion),
        baselineNamePatterns: {
          buckets: `${NAME_PREFIX}-*-${label}`,
          logGroups: `/${NAME_PREFIX}/${label}`,
          eventRules: `${FINDINGS_RULE_PREFIX}*-${label}`,
          keyAliases: `alias/${NAME_PREFIX}-*-${label}`,
        },
        environments: props.ciEnvironments,
      });
    }

    new TerraformOutput(this, 'trail_arn', {
      value: this.trail.arn,
      description: 'The multi-Region CloudTrail trail of the account',
    });
    new TerraformOutput(this, 'trail_landing_bucket', {
      value: this.logs.landing.name,
      description: 'Bucket CloudTrail delivers to (replicated to the archive)',
    });
    new TerraformOutput(this, 'trail_archive_bucket', {
      value: this.logs.archive.name,
      description: 'Object-locked archive bucket of the trail logs',
    });
    new TerraformOutput(this, 'trail_kms_key_arn', {
      value: key.arn,
      description: 'KMS key encrypting the trail logs',
    });
  }
}

export interface AccountRegionStackProps extends AccountStackProps {
  readonly region: AccountRegionConfig;
}

/** One per Region of the account. */
export class AccountRegionStack extends TerraformStack {
  readonly sessionPreferences: SsmDocument;

  constructor(scope: Construct, id: string, props: AccountRegionStackProps) {
    super(scope, id);
    const { config, region } = props;
    const { aws, naming } = baselineFoundation(this, id, region.region, props, 'region');

    const key = new KmsKey(this, 'BaselineKey', {
      aws,
      alias: naming.kmsAlias('baseline'),
      description: `Payment account baseline ${config.name}: EBS default encryption, Session Manager, AWS Config`,
      deletionWindowInDays: 30,
      retainOnDestroy: true,
      administratorArns: config.keyAdministratorArns,
    });
    key.grantCloudWatchLogs();
    key.grantToService({
      sid: 'ConfigEncryptsDeliveries',
      service: 'config.amazonaws.com',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      conditions: { StringEquals: { 'aws:SourceAccount': aws.accountId } },
    });

    // EBS encryption by default, with the customer key (Security Hub EC2.7, PCI DSS 3.5.1).
    new EbsEncryptionByDefault(this, 'EbsEncryptionByDefault', { enabled: true });
    new EbsDefaultKmsKey(this, 'EbsDefaultKey', { keyArn: key.arn });

    // GuardDuty (PCI DSS 11.5.1; runtime and malware protection for 5.2, 5.3).
    const detector = new GuarddutyDetector(this, 'GuardDuty', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
    });
    for (const feature of GUARDDUTY_FEATURES) {
      new GuarddutyDetectorFeature(this, `GuardDuty${feature.name}`, {
        detectorId: detector.id,
        name: feature.name,
        status: 'ENABLED',
        ...(feature.additional
          ? {
              additionalConfiguration: feature.additional.map((name) => ({
                name,
                status: 'ENABLED',
              })),
            }
          : {}),
      });
    }

    // Security Hub: no default standards (they would be enabled outside Terraform), PCI DSS
    // v4.0.1 and AWS FSBP by explicit subscription.
    const hub = new SecurityhubAccount(this, 'SecurityHub', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    });
    securityHubStandards(aws.partition, region.region).forEach((arn, i) => {
      new SecurityhubStandardsSubscription(this, `SecurityHubStandard${i}`, {
        standardsArn: arn,
        dependsOn: [hub],
      });
    });

    new AccessanalyzerAnalyzer(this, 'AccessAnalyzer', {
      analyzerName: naming.name('access-analyzer'),
      type: 'ACCOUNT',
    });
    // PCI DSS 6.3.1, 11.3.1: vulnerability scanning of instances and images.
    new Inspector2Enabler(this, 'Inspector', {
      accountIds: [aws.accountId],
      resourceTypes: ['EC2', 'ECR'],
    });

    this.buildConfig(aws, naming, key, config, region);
    this.sessionPreferences = this.buildSessionPreferences(naming, key, config, region);
    this.routeFindings(aws, naming, region);
    new TerraformOutput(this, 'baseline_kms_key_arn', {
      value: key.arn,
      description:
        'Session Manager encryption key: roles of instances that take sessions need kms:Decrypt on it',
    });
  }

  /** AWS Config: recorder, delivery channel, status, and the PCI DSS v4 conformance pack. */
  private buildConfig(
    aws: AwsEnvironment,
    naming: Naming,
    key: KmsKey,
    config: AccountBaselineConfig,
    region: AccountRegionConfig,
  ): void {
    const accessLogs = new SecureBucket(this, 'AccessLogs', {
      aws,
      bucketName: naming.bucketName('access-logs', aws.accountId),
      forceDestroy: false,
      logRetention: { days: config.auditLogRetentionDays },
    });
    const bucket = new SecureBucket(this, 'ConfigBucket', {
      aws,
      bucketName: naming.bucketName('config', aws.accountId),
      encryptionKey: key,
      accessLogsBucket: accessLogs,
      forceDestroy: false,
      logRetention: { days: config.auditLogRetentionDays },
    });
    // Not object-locked: "AWS Config does not support the delivery channel to an Amazon S3
    // bucket where object lock is enabled" (AWS::Config::DeliveryChannel, CloudFormation User Guide).
    bucket.allowConfigDelivery();
    const recorder = new ConfigConfigurationRecorder(this, 'ConfigRecorder', {
      name: naming.name('config'),
      // The service-linked role (created by the global stack, or already in the account).
      roleArn: `arn:${aws.partition}:iam::${aws.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      recordingGroup: {
        allSupported: true,
        // Global IAM types in the home Region only: every Region recording them would make
        // duplicate configuration items (AWS Config RecordingGroup API).
        includeGlobalResourceTypes: region.home,
      },
    });
    const channel = new ConfigDeliveryChannel(this, 'ConfigDelivery', {
      name: naming.name('config'),
      s3BucketName: bucket.name,
      s3KmsKeyArn: key.arn,
      snapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
      dependsOn: [recorder, bucket.policy],
    });
    const status = new ConfigConfigurationRecorderStatus(this, 'ConfigRecorderStatus', {
      name: recorder.name,
      isEnabled: true,
      dependsOn: [channel],
    });
    new ConfigConformancePack(this, 'PciDssConformancePack', {
      name: naming.name('pci-dss-v4'),
      templateBody: region.home
        ? config.conformancePacks.includingGlobal
        : config.conformancePacks.excludingGlobal,
      dependsOn: [status],
    });
  }

  /**
   * Session Manager preferences (`SSM-SessionManagerRunShell`, the one document per account
   * and Region Session Manager reads them from): KMS encryption of session data, every
   * session streamed to an encrypted log group, 15-minute idle timeout (PCI DSS 8.2.8). An
   * existing document (console, Quick Setup) is adopted by an `import` block.
   */
  private buildSessionPreferences(
    naming: Naming,
    key: KmsKey,
    config: AccountBaselineConfig,
    region: AccountRegionConfig,
  ): SsmDocument {
    const logGroup = new EncryptedLogGroup(this, 'SessionLogs', {
      name: `/${NAME_PREFIX}/${naming.suffix}/session-manager`,
      encryptionKey: key,
      retentionDays: config.auditLogRetentionDays,
      retainOnDestroy: true,
    });
    // Schema: https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-schema.html
    const document = new SsmDocument(this, 'SessionPreferences', {
      name: SESSION_PREFERENCES_DOCUMENT,
      documentType: 'Session',
      documentFormat: 'JSON',
      content: JSON.stringify({
        schemaVersion: '1.0',
        description: `Session Manager preferences (payment account baseline ${config.name})`,
        sessionType: 'Standard_Stream',
        inputs: {
          s3BucketName: '',
          s3KeyPrefix: '',
          s3EncryptionEnabled: true,
          cloudWatchLogGroupName: logGroup.logGroup.name,
          cloudWatchEncryptionEnabled: true,
          cloudWatchStreamingEnabled: true,
          kmsKeyId: key.key.keyId,
          runAsEnabled: false,
          runAsDefaultUser: '',
          idleSessionTimeout: String(SESSION_IDLE_TIMEOUT_MINUTES),
          maxSessionDuration: '60',
          shellProfile: { windows: '', linux: '' },
        },
      }),
    });
    if (region.sessionPreferences === 'import') document.importFrom(SESSION_PREFERENCES_DOCUMENT);
    return document;
  }

  /**
   * High-severity findings of this Region to the alarm topic of the environment the account
   * file names for it (`regions.<region>.findingsEnvironment`). GuardDuty findings go by their
   * own rule; the Security Hub rule leaves GuardDuty's imported copies out, so one finding
   * notifies once.
   */
  private routeFindings(aws: AwsEnvironment, naming: Naming, region: AccountRegionConfig): void {
    // The environment's AlarmTopic (payment-alarms-<suffix>); its topic and key policies let
    // rules named payment-findings-* of this account publish (accountBaseline in its file).
    const topicArn = aws.arn('sns', `${NAME_PREFIX}-alarms-${region.findingsEnvironment}`);
    const routes = [
      {
        id: 'GuardDutyFindings',
        kind: 'guardduty',
        description: 'GuardDuty findings of severity 7 or more (high, critical)',
        pattern: {
          source: ['aws.guardduty'],
          'detail-type': ['GuardDuty Finding'],
          detail: { severity: [{ numeric: ['>=', 7] }] },
        },
      },
      {
        id: 'SecurityHubFindings',
        kind: 'securityhub',
        description:
          'New, active Security Hub findings labelled HIGH or CRITICAL (GuardDuty aside)',
        pattern: {
          source: ['aws.securityhub'],
          'detail-type': ['Security Hub Findings - Imported'],
          detail: {
            findings: {
              Severity: { Label: ['HIGH', 'CRITICAL'] },
              Workflow: { Status: ['NEW'] },
              RecordState: ['ACTIVE'],
              ProductName: [{ 'anything-but': 'GuardDuty' }],
            },
          },
        },
      },
    ];
    for (const route of routes) {
      const rule = new CloudwatchEventRule(this, route.id, {
        name: naming.name(`findings-${route.kind}`),
        description: route.description,
        eventPattern: JSON.stringify(route.pattern),
      });
      new CloudwatchEventTarget(this, `${route.id}Target`, {
        rule: rule.name,
        targetId: 'alarm-topic',
        arn: topicArn,
      });
    }
  }
}

/** The stacks of one account's baseline: the global one, then one per Region. */
export function accountBaselineStacks(
  scope: Construct,
  config: AccountBaselineConfig,
  localStatePath?: (stack: string) => string,
  ciEnvironments?: readonly CiEnvironmentProps[],
): TerraformStack[] {
  const global = accountStackName(config.name);
  return [
    new AccountGlobalStack(scope, global, {
      config,
      ...(localStatePath ? { localStatePath: localStatePath(global) } : {}),
      ...(ciEnvironments ? { ciEnvironments } : {}),
    }),
    ...config.regions.map((region) => {
      const name = accountRegionStackName(config.name, region.region);
      return new AccountRegionStack(scope, name, {
        config,
        region,
        ...(localStatePath ? { localStatePath: localStatePath(name) } : {}),
      });
    }),
  ];
}
