import type { Construct } from 'constructs';
import { ACCOUNT_BASELINE_LOCAL, MONTHLY_BUDGET_LOCAL } from '../tfjson/markers';
import {
  Aspects,
  LocalBackend,
  S3Backend,
  TerraformLocal,
  TerraformOutput,
  TerraformStack,
} from 'cdktn';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { DataAwsElbServiceAccount } from '@cdktn/provider-aws/lib/data-aws-elb-service-account';
import type { AppConfig } from '../config/types';
import { AWS_REGIONS } from '../aws-facts/regions';
import { Naming } from '../naming/naming';
import { AwsEnvironment } from '../constructs/core/aws-environment';
import { Network } from '../constructs/network/network';
import { InterfaceEndpoints } from '../constructs/network/interface-endpoints';
import { FLOW_LOG_PREFIX, VpcFlowLog } from '../constructs/network/vpc-flow-log';
import { KmsKey } from '../constructs/security/kms-key';
import { TierSecurityGroups } from '../constructs/security/tier-security-groups';
import { auditLogLock, SecureBucket } from '../constructs/storage/secure-bucket';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import type { EdgeAndAppTier } from './edge-app-tier';
import { buildEdgeAndAppTier } from './edge-app-tier';
import { Observability } from '../constructs/observability/observability';
import { AuroraCluster } from '../constructs/data/aurora-cluster';
import { DatabaseAdminHost } from '../constructs/data/database-admin-host';
import { RandomProvider } from '@cdktn/provider-random/lib/provider';
import { auroraMaxConnections } from '../constructs/observability/aurora-connections';

/** Terraform and OpenTofu 1.10 or later: S3-native state locking (`use_lockfile`) needs it. */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.10.0';

/** ALB access and connection logs land under these prefixes in the access-log bucket. */
export const ALB_LOG_PREFIXES = { access: 'alb/access/', connections: 'alb/connections/' } as const;

export interface PaymentStackProps {
  readonly config: AppConfig;
  /**
   * Local backend only: the state file, relative to the stack's working directory (where
   * Terraform runs). Synthesis passes the project's `state/<stack>.tfstate` (`src/synth/state.ts`).
   * @default `../../../state/<stack>.tfstate`, that file when the output folder is `cdktf.out`
   */
  readonly localStatePath?: string;
}

/** The stack name of one deployment: `payment-<suffix>`. */
export function stackName(suffix: string): string {
  return `payment-${suffix}`;
}

/**
 * One deployment of the payment platform (one environment instance), composed from the
 * domain constructs. All environment-specific values arrive in `config`.
 */
export class PaymentStack extends TerraformStack {
  readonly naming: Naming;
  readonly aws: AwsEnvironment;
  readonly network: Network;
  readonly securityGroups: TierSecurityGroups;
  readonly observability: Observability;
  readonly keys: { readonly storage: KmsKey; readonly logs: KmsKey };
  readonly buckets: {
    readonly accessLogs: SecureBucket;
    readonly albLogs: SecureBucket;
    readonly flowLogs: SecureBucket;
    readonly assets: SecureBucket;
  };
  /** Load balancer, certificate, WAF and app tier (EC2 or Fargate). */
  readonly edgeAndApp: EdgeAndAppTier;
  /** The app's IAM role (EC2 instance role or Fargate task role); the data tier grants to it. */
  readonly appRole: IamRole;
  readonly aurora: AuroraCluster;
  /** Session Manager port forwarding to the database; only with `database.adminAccess`. */
  readonly databaseAdminHost: DatabaseAdminHost | undefined;

  constructor(scope: Construct, id: string, props: PaymentStackProps) {
    super(scope, id);
    const { config } = props;
    const { settings } = config;
    this.naming = new Naming(config.suffix, config.region);
    const boundary = config.permissionsBoundaryArn;
    if (boundary) {
      // The account's CI apply role may create a role only with this boundary
      // (iam:PermissionsBoundary, src/constructs/ci/deploy-roles.ts): every role carries it.
      Aspects.of(this).add({
        visit: (node) => {
          if (node instanceof IamRole) node.permissionsBoundary = boundary;
        },
      });
    }
    const naming = this.naming;

    new AwsProvider(this, 'aws', {
      region: config.region,
      // Terraform then refuses to plan or apply with credentials for any other account.
      ...(config.allowedAccountIds ? { allowedAccountIds: [...config.allowedAccountIds] } : {}),
      defaultTags: [{ tags: { ...config.tags } }],
    });
    // The data tier's final-snapshot suffix (random_id), the stack's only random resource: a
    // profile that keeps no final snapshot (dev) does not require the provider at all.
    if (config.database.finalSnapshot) new RandomProvider(this, 'random');
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
    // Read by `npm run cost` and the gate's budget rules from the synthesized JSON; Terraform
    // ignores an unused local.
    new TerraformLocal(this, MONTHLY_BUDGET_LOCAL, settings.monthlyBudgetUsd).overrideLogicalId(
      MONTHLY_BUDGET_LOCAL,
    );
    if (config.accountBaseline) {
      // Read by the gate (PAY-ACCT-003): who turns on the account's detective controls.
      new TerraformLocal(this, ACCOUNT_BASELINE_LOCAL, {
        ...config.accountBaseline,
      }).overrideLogicalId(ACCOUNT_BASELINE_LOCAL);
    }
    if (config.backend.kind === 's3') {
      new S3Backend(this, {
        bucket: config.backend.bucket,
        region: config.backend.region,
        key: `${config.suffix}/${id}.tfstate`,
        encrypt: true,
        ...(config.backend.kmsKeyId ? { kmsKeyId: config.backend.kmsKeyId } : {}),
        useLockfile: true,
      });
    } else {
      // Outside the output folder, which synthesis owns (see src/synth/state.ts).
      new LocalBackend(this, { path: props.localStatePath ?? `../../../state/${id}.tfstate` });
    }

    const aws = new AwsEnvironment(this, 'Aws', { region: config.region });
    this.aws = aws;

    const keyDefaults = {
      aws,
      deletionWindowInDays: settings.kmsDeletionWindowDays,
      retainOnDestroy: settings.retainOnDestroy,
      administratorArns: config.keyAdministratorArns,
    };
    this.keys = {
      storage: new KmsKey(this, 'StorageKey', {
        ...keyDefaults,
        alias: naming.kmsAlias('storage'),
        description: `Payment platform ${config.suffix}: S3 object encryption`,
      }),
      logs: new KmsKey(this, 'LogsKey', {
        ...keyDefaults,
        alias: naming.kmsAlias('logs'),
        description: `Payment platform ${config.suffix}: CloudWatch log groups, flow logs and other log delivery`,
      }),
    };
    this.keys.logs.grantLogDelivery();
    this.keys.logs.grantCloudWatchLogs();

    const bucketDefaults = { aws, forceDestroy: settings.forceDestroy };
    const logRetention = { days: settings.logRetentionDays };
    const auditLock = auditLogLock(settings.auditLogObjectLockDays);
    // S3 server access logs only: S3 refuses to deliver them to a bucket with a default Object
    // Lock retention (PAY-S3-020), so this is the one log bucket that is never locked; SSE-S3
    // is the only encryption server access logging accepts.
    const accessLogs = new SecureBucket(this, 'AccessLogs', {
      ...bucketDefaults,
      bucketName: naming.bucketName('access-logs', aws.accountId),
      logRetention,
    });
    // ALB access and connection logs: SSE-S3 is the only encryption ELB delivers to.
    const albLogs = new SecureBucket(this, 'AlbLogs', {
      ...bucketDefaults,
      bucketName: naming.bucketName('alb-logs', aws.accountId),
      accessLogsBucket: accessLogs,
      logRetention,
      ...auditLock,
    });
    const elbDelivery = AWS_REGIONS[config.region] ?? 'service-principal';
    albLogs.allowAlbLogDelivery(
      Object.values(ALB_LOG_PREFIXES),
      elbDelivery,
      elbDelivery === 'elb-account'
        ? new DataAwsElbServiceAccount(this, 'ElbAccount').arn
        : undefined,
    );
    const flowLogs = new SecureBucket(this, 'FlowLogs', {
      ...bucketDefaults,
      bucketName: naming.bucketName('flow-logs', aws.accountId),
      encryptionKey: this.keys.logs,
      accessLogsBucket: accessLogs,
      logRetention,
      ...auditLock,
    });
    const assets = new SecureBucket(this, 'Assets', {
      ...bucketDefaults,
      bucketName: naming.bucketName('assets', aws.accountId),
      encryptionKey: this.keys.storage,
      accessLogsBucket: accessLogs,
    });
    this.buckets = { accessLogs, albLogs, flowLogs, assets };

    this.network = new Network(this, 'Network', {
      naming,
      aws,
      region: config.region,
      subnets: config.network.subnets,
      natGateways: config.network.natGateways,
      ...(config.network.availabilityZoneIds
        ? { availabilityZoneIds: config.network.availabilityZoneIds }
        : {}),
    });
    if (config.network.interfaceEndpoints.length > 0) {
      new InterfaceEndpoints(this, 'Endpoints', {
        naming,
        region: config.region,
        network: this.network,
        services: config.network.interfaceEndpoints,
      });
    }
    this.securityGroups = new TierSecurityGroups(this, 'SecurityGroups', {
      naming,
      vpcId: this.network.vpc.id,
      appPort: config.compute.appPort,
      databasePort: config.database.port,
    });
    new VpcFlowLog(this, 'FlowLog', {
      naming,
      vpcId: this.network.vpc.id,
      bucket: flowLogs,
    });
    this.edgeAndApp = buildEdgeAndAppTier(this, {
      config,
      naming,
      aws,
      network: this.network,
      securityGroups: this.securityGroups,
      logsKey: this.keys.logs,
      accessLogs,
      albLogs,
      albLogPrefixes: ALB_LOG_PREFIXES,
    });
    this.appRole = this.edgeAndApp.appRole;

    this.aurora = new AuroraCluster(this, 'Aurora', {
      naming,
      aws,
      database: config.database,
      subnetIds: ids(this.network.dataSubnets),
      availabilityZones: this.network.availabilityZones,
      securityGroupId: this.securityGroups.database.id,
      logsKey: this.keys.logs,
      logRetentionDays: settings.logRetentionDays,
      retainOnDestroy: settings.retainOnDestroy,
      kmsDeletionWindowDays: settings.kmsDeletionWindowDays,
      keyAdministratorArns: config.keyAdministratorArns,
      applyImmediately: settings.databaseApplyImmediately,
    });
    this.aurora.grantConnect(this.appRole);
    const adminPolicies = this.aurora.grantAdminConnect(config.database.adminUsers);
    this.databaseAdminHost = config.database.adminAccess
      ? new DatabaseAdminHost(this, 'DatabaseAdminHost', {
          naming,
          aws,
          vpcId: this.network.vpc.id,
          subnetId: this.network.privateSubnets[0]!.id,
          databaseSecurityGroupId: this.securityGroups.database.id,
          databasePort: config.database.port,
          ebsKey: this.edgeAndApp.computeKey,
        })
      : undefined;

    this.observability = new Observability(this, 'Observability', {
      aws,
      naming,
      thresholds: settings.alarms,
      alarmEmail: config.alarmEmail,
      keyDeletionWindowInDays: settings.kmsDeletionWindowDays,
      keyAdministratorArns: config.keyAdministratorArns,
      retainOnDestroy: settings.retainOnDestroy,
      findingsFromEventBridge: config.accountBaseline?.provider === 'project',
      targets: {
        ...this.edgeAndApp.alarmTargets,
        logDelivery: {
          ...this.edgeAndApp.alarmTargets.logDelivery,
          flowLogs: {
            bucketName: flowLogs.name,
            filterId: flowLogs.addRequestMetrics('FlowLogDelivery', FLOW_LOG_PREFIX),
          },
        },
        natGatewayIds: this.network.natGateways.map((nat) => nat.id),
        database: {
          clusterIdentifier: this.aurora.cluster.clusterIdentifier,
          maxConnections: auroraMaxConnections(
            config.database.engine,
            config.database.minCapacity,
            config.database.maxCapacity,
          ),
          hasReaders: config.database.readers > 0,
          canPause: config.database.minCapacity === 0,
        },
      },
    });

    const output = (name: string, value: string | string[], description: string) =>
      new TerraformOutput(this, name, { value, description });
    output('vpc_id', this.network.vpc.id, 'VPC ID');
    output('public_subnet_ids', ids(this.network.publicSubnets), 'Public (ALB, NAT) subnet IDs');
    output('private_subnet_ids', ids(this.network.privateSubnets), 'Private app subnet IDs');
    output('database_subnet_ids', ids(this.network.dataSubnets), 'Isolated data subnet IDs');
    output('static_assets_bucket_name', assets.name, 'Static assets bucket');
    output('flow_logs_bucket_name', flowLogs.name, 'VPC flow-log bucket');
    output('access_logs_bucket_name', accessLogs.name, 'S3 server access-log bucket');
    output('alb_logs_bucket_name', albLogs.name, 'ALB access and connection log bucket');
    output('alarm_topic_arn', this.observability.topic.arn, 'SNS topic every alarm notifies');
    output(
      'dashboard_name',
      this.observability.dashboard.dashboard.dashboardName,
      'CloudWatch dashboard',
    );
    const aurora = this.aurora;
    output('rds_cluster_endpoint', aurora.cluster.endpoint, 'Aurora writer endpoint');
    output('rds_cluster_reader_endpoint', aurora.cluster.readerEndpoint, 'Aurora reader endpoint');
    new TerraformOutput(this, 'rds_cluster_port', {
      value: aurora.cluster.port,
      description: 'Aurora port',
    });
    output('rds_cluster_identifier', aurora.cluster.clusterIdentifier, 'Aurora cluster identifier');
    output(
      'db_master_secret_arn',
      aurora.masterSecretArn,
      'Secrets Manager ARN of the RDS-managed master secret (operators only)',
    );
    output('database_name', config.database.databaseName, 'Database the application uses');
    output('rds_cluster_arn', aurora.clusterArn, 'Aurora cluster ARN (npm run db:bootstrap)');
    if (aurora.bootstrapRole) {
      output(
        'db_bootstrap_role_arn',
        aurora.bootstrapRole.arn,
        'Role npm run db:bootstrap runs as (assumable by database.bootstrapPrincipalArns)',
      );
    }
    if (this.databaseAdminHost) {
      output(
        'db_admin_host_instance_id',
        this.databaseAdminHost.instance.id,
        'Session Manager target for port forwarding to the database',
      );
      output(
        'db_admin_session_policy_arn',
        this.databaseAdminHost.sessionPolicy.arn,
        'Attach to an administrator: start port-forwarding sessions to the admin host',
      );
    }
    if (adminPolicies.length > 0) {
      new TerraformOutput(this, 'db_admin_connect_policy_arns', {
        value: Object.fromEntries(
          config.database.adminUsers.map((admin, i) => [admin.name, adminPolicies[i]!.arn]),
        ),
        description:
          'Per administrator: the policy to attach to their role (rds-db:connect as them)',
      });
    }
  }
}

function ids(resources: ReadonlyArray<{ readonly id: string }>): string[] {
  return resources.map((r) => r.id);
}
