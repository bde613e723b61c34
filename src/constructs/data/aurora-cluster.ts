import { Construct } from 'constructs';
import { DbParameterGroup } from '@cdktn/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktn/provider-aws/lib/db-subnet-group';
import type { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamPolicy } from '@cdktn/provider-aws/lib/iam-policy';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import { RdsCluster } from '@cdktn/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktn/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktn/provider-aws/lib/rds-cluster-parameter-group';
import type { SecretsmanagerSecretPolicy } from '@cdktn/provider-aws/lib/secretsmanager-secret-policy';
import { Id as RandomId } from '@cdktn/provider-random/lib/id';
import {
  ADVANCED_INSIGHTS_MIN_RETENTION_DAYS,
  ENGINES,
  parameterGroupFamily,
} from '../../aws-facts/aurora-engines';
import { assertValidProps } from '../../validation/problem';
import type { Naming } from '../../naming/naming';
import type { AwsEnvironment } from '../core/aws-environment';
import { EncryptedLogGroup } from '../observability/encrypted-log-group';
import { KmsKey } from '../security/kms-key';
import { RDS_CONNECT_ACTIONS } from '../security/permissions';
import { serviceRole } from '../security/service-role';
import { PolicyDocument } from '../security/policy-document';
import type { AuroraParameter } from './aurora-parameters';
import { applyMethodOf, auroraParameters } from './aurora-parameters';
import type { AuroraDatabaseSettings, DatabaseAdminUser } from './aurora-settings';
import { auroraSettingsProblems, dataApiEnabled } from './aurora-settings';
import { bootstrapRole, breakGlassSecretPolicy } from './master-secret-access';

/** Daily backup window and weekly maintenance window (UTC); they must not overlap. */
export const BACKUP_WINDOW = '03:00-04:00';
export const MAINTENANCE_WINDOW = 'sun:05:00-sun:06:00';
/** The CA every instance's server certificate is signed by. */
export const CA_CERT_IDENTIFIER = 'rds-ca-rsa2048-g1';
/** Enhanced monitoring granularity, in seconds. */
export const MONITORING_INTERVAL_SECONDS = 60;
/** Statements slower than this are logged. */
export const SLOW_QUERY_MILLIS = 1000;
/** Keep RDS from moving the cluster into paid extended support when its major version ages out. */
export const ENGINE_LIFECYCLE_SUPPORT = 'open-source-rds-extended-support-disabled';
/** With a minimum of 0 ACUs (dev only), pause after this many idle seconds. */
export const AUTO_PAUSE_SECONDS = 3600;

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Whether a daily backup window (`hh:mm-hh:mm`, UTC) and a weekly maintenance window
 * (`ddd:hh:mm-ddd:hh:mm`, UTC) overlap on any day; RDS refuses overlapping windows.
 */
export function windowsOverlap(backupWindow: string, maintenanceWindow: string): boolean {
  const [from, to] = backupWindow.split('-') as [string, string];
  const [mFrom, mTo] = maintenanceWindow.split('-') as [string, string];
  const weekMinute = (dayTime: string) => {
    const [day, ...time] = dayTime.split(':');
    return DAYS.indexOf(day as (typeof DAYS)[number]) * MINUTES_PER_DAY + minutesOf(time.join(':'));
  };
  const start = weekMinute(mFrom);
  let end = weekMinute(mTo);
  if (end <= start) end += MINUTES_PER_WEEK;
  for (let day = 0; day < 8; day++) {
    const bStart = day * MINUTES_PER_DAY + minutesOf(from);
    let bEnd = day * MINUTES_PER_DAY + minutesOf(to);
    if (bEnd <= bStart) bEnd += MINUTES_PER_DAY;
    // Compare in the same week and the one after, for windows that wrap past Saturday.
    for (const shift of [0, MINUTES_PER_WEEK]) {
      if (bStart + shift < end && start < bEnd + shift) return true;
    }
  }
  return false;
}

export interface AuroraClusterProps {
  readonly naming: Naming;
  readonly aws: AwsEnvironment;
  /** Engine, capacity, names, backups, who may reach it; checked against AWS's limits here. */
  readonly database: AuroraDatabaseSettings;
  /** Isolated data subnets, one per AZ (no route to the internet). */
  readonly subnetIds: readonly string[];
  /** AZ of each instance in turn: the writer gets the first, readers the next ones. */
  readonly availabilityZones: readonly string[];
  /** The database security group (in only from the app tier). */
  readonly securityGroupId: string;
  /** Key for the exported log groups; its policy must allow CloudWatch Logs. */
  readonly logsKey: KmsKey;
  /** Retention of the exported log groups, in days. Comes from the profile. */
  readonly logRetentionDays: number;
  /**
   * Keep the data key and log groups on destroy (`prevent_destroy` / `skip_destroy`), and keep
   * automated backups after the cluster is deleted. Comes from the profile (on in prod).
   */
  readonly retainOnDestroy: boolean;
  /** Deletion window of the data key (7-30 days). Comes from the profile. */
  readonly kmsDeletionWindowDays: number;
  /** Administrators of the data key (they cannot use it). Comes from configuration. */
  readonly keyAdministratorArns: readonly string[];
  /**
   * Apply modifications at once instead of in the maintenance window.
   * @default false (changes wait for the maintenance window)
   */
  readonly applyImmediately?: boolean;
}

/**
 * Aurora Serverless v2 for card-payment data: a writer and readers as `db.serverless`
 * instances in different AZs of the isolated data subnets, storage, Performance Insights and
 * the RDS-managed master secret encrypted with a customer key, TLS enforced by the parameter
 * groups, audit logs exported to encrypted log groups the stack creates first, 35-day backups,
 * and IAM database authentication for the application's one user (`grantConnect`).
 */
export class AuroraCluster extends Construct {
  readonly cluster: RdsCluster;
  readonly writer: RdsClusterInstance;
  readonly readers: readonly RdsClusterInstance[];
  /** Data key: storage, Performance Insights and the master user secret. */
  readonly key: KmsKey;
  readonly clusterParameterGroup: RdsClusterParameterGroup;
  readonly instanceParameterGroup: DbParameterGroup;
  readonly logGroups: readonly EncryptedLogGroup[];
  readonly monitoringRole: IamRole;
  /**
   * The role `npm run db:bootstrap` runs as (RDS Data API with the master secret); only when
   * `database.bootstrapPrincipalArns` is configured.
   */
  readonly bootstrapRole: IamRole | undefined;
  /** The master secret's resource policy: only the bootstrap role and break-glass may read it. */
  readonly masterSecretPolicy: SecretsmanagerSecretPolicy;
  readonly database: AuroraDatabaseSettings;
  private readonly props: AuroraClusterProps;

  constructor(scope: Construct, id: string, props: AuroraClusterProps) {
    super(scope, id);
    const { naming, aws, database } = props;
    validate(this, database, props.availabilityZones.length, props.subnetIds.length);
    this.props = props;
    this.database = database;
    const facts = ENGINES[database.engine];
    const clusterIdentifier = naming.name('aurora', 'rdsIdentifier');

    this.key = new KmsKey(this, 'DataKey', {
      aws,
      alias: naming.kmsAlias('data'),
      description: `Payment platform ${naming.suffix}: Aurora storage, Performance Insights and the master user secret`,
      deletionWindowInDays: props.kmsDeletionWindowDays,
      // A final snapshot is encrypted with this key: destroying the key with the stack would
      // leave a snapshot that can never be restored (PAY-RDS-018).
      retainOnDestroy: props.retainOnDestroy || database.finalSnapshot,
      administratorArns: props.keyAdministratorArns,
    });

    const subnetGroup = new DbSubnetGroup(this, 'SubnetGroup', {
      name: naming.name('aurora-subnets', 'rdsIdentifier'),
      description: 'Isolated data subnets of the payment database',
      subnetIds: [...props.subnetIds],
    });

    const family = parameterGroupFamily(database.engine, database.engineVersion);
    const parameters = auroraParameters(database.engine, {
      slowQueryMillis: SLOW_QUERY_MILLIS,
      generalLog: database.generalLog,
      auditEvents: database.auditEvents,
    });
    this.clusterParameterGroup = new RdsClusterParameterGroup(this, 'ClusterParameters', {
      name: naming.name('aurora-cluster-params', 'rdsIdentifier'),
      family,
      description: `Payment database cluster parameters (${family}): TLS only, audit logging`,
      parameter: parameters.cluster.map(toParameter),
    });
    this.instanceParameterGroup = new DbParameterGroup(this, 'InstanceParameters', {
      name: naming.name('aurora-instance-params', 'rdsIdentifier'),
      family,
      description: `Payment database instance parameters (${family}): query logging`,
      parameter: parameters.instance.map(toParameter),
    });

    // RDS writes exports to fixed names; creating the groups first keeps them encrypted and
    // bounded instead of letting RDS create them without a key or a retention.
    const logTypes = [...facts.logExports, ...(database.generalLog ? ['general'] : [])];
    this.logGroups = logTypes.map(
      (type) =>
        new EncryptedLogGroup(this, `Log-${type}`, {
          name: `/aws/rds/cluster/${clusterIdentifier}/${type}`,
          encryptionKey: props.logsKey,
          retentionDays: props.logRetentionDays,
          retainOnDestroy: props.retainOnDestroy,
        }),
    );

    // serviceRole renders the trust policy without a Resource element: IAM rejects a trust
    // policy that has one ("MalformedPolicyDocument: Has prohibited field Resource").
    this.monitoringRole = serviceRole(this, 'MonitoringRole', {
      name: naming.name('rds-monitoring', 'iamRole'),
      description: 'Lets RDS enhanced monitoring publish OS metrics of the payment database',
      service: 'monitoring.rds.amazonaws.com',
      trustConditions: { StringEquals: { 'aws:SourceAccount': aws.accountId } },
    });
    // RDS checks the role's permissions when an instance is created ("IAM role ARN value is
    // invalid or does not include the required permissions for: ENHANCED_MONITORING"), so
    // the instances wait for the attachment, not only for the role.
    const monitoringPolicy = new IamRolePolicyAttachment(this, 'MonitoringPolicy', {
      role: this.monitoringRole.name,
      policyArn: `arn:${aws.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    });

    // A fresh suffix whenever the cluster identifier changes, so that destroying and creating
    // the same stack twice never collides on the final snapshot's name.
    const snapshotSuffix = database.finalSnapshot
      ? new RandomId(this, 'FinalSnapshotSuffix', {
          byteLength: 4,
          keepers: { cluster_identifier: clusterIdentifier },
        })
      : undefined;

    const insights = {
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: this.key.arn,
      performanceInsightsRetentionPeriod: database.performanceInsightsRetentionDays,
    };
    const applyImmediately = props.applyImmediately ?? false;

    this.cluster = new RdsCluster(this, 'Cluster', {
      clusterIdentifier,
      engine: database.engine,
      engineMode: 'provisioned',
      engineVersion: database.engineVersion,
      engineLifecycleSupport: ENGINE_LIFECYCLE_SUPPORT,
      serverlessv2ScalingConfiguration: {
        minCapacity: database.minCapacity,
        maxCapacity: database.maxCapacity,
        ...(database.minCapacity === 0 ? { secondsUntilAutoPause: AUTO_PAUSE_SECONDS } : {}),
      },
      databaseName: database.databaseName,
      port: database.port,
      masterUsername: database.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: this.key.arn,
      iamDatabaseAuthenticationEnabled: true,
      // The RDS Data API, for `npm run db:bootstrap` only (the bootstrap role is the one
      // principal allowed to call it); API_EnableHttpEndpoint: "applies only to Aurora
      // Serverless v2 and provisioned DB clusters" (both are what this construct builds).
      // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_EnableHttpEndpoint.html
      enableHttpEndpoint: dataApiEnabled(database),
      storageEncrypted: true,
      kmsKeyId: this.key.arn,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [props.securityGroupId],
      dbClusterParameterGroupName: this.clusterParameterGroup.name,
      enabledCloudwatchLogsExports: logTypes,
      backupRetentionPeriod: database.backupRetentionDays,
      preferredBackupWindow: BACKUP_WINDOW,
      preferredMaintenanceWindow: MAINTENANCE_WINDOW,
      copyTagsToSnapshot: true,
      deletionProtection: database.deletionProtection,
      skipFinalSnapshot: !database.finalSnapshot,
      ...(snapshotSuffix
        ? { finalSnapshotIdentifier: `${clusterIdentifier}-final-${snapshotSuffix.hex}` }
        : {}),
      deleteAutomatedBackups: !props.retainOnDestroy,
      applyImmediately,
      ...insights,
      databaseInsightsMode:
        database.performanceInsightsRetentionDays >= ADVANCED_INSIGHTS_MIN_RETENTION_DAYS
          ? 'advanced'
          : 'standard',
      dependsOn: this.logGroups.map((group) => group.logGroup),
      // Automatic minor upgrades move the running version past the pinned one; without this,
      // every later plan would try to "upgrade" back down and fail. Major upgrades are a
      // deliberate operation (docs/operations.md, engine version policy).
      lifecycle: { ignoreChanges: ['engine_version'] },
    });

    const instance = (instanceId: string, index: number, promotionTier: number) =>
      new RdsClusterInstance(this, instanceId, {
        identifier: naming.name(`aurora-${index + 1}`, 'rdsIdentifier'),
        clusterIdentifier: this.cluster.id,
        engine: database.engine,
        instanceClass: 'db.serverless',
        // Writer and first reader always differ; further readers wrap around the AZs.
        availabilityZone: props.availabilityZones[index % props.availabilityZones.length],
        promotionTier,
        // Unset, each instance gets a random 30-minute window that may fall into the backup
        // window; instances follow the cluster's window instead.
        preferredMaintenanceWindow: MAINTENANCE_WINDOW,
        dbSubnetGroupName: subnetGroup.name,
        dbParameterGroupName: this.instanceParameterGroup.name,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        caCertIdentifier: CA_CERT_IDENTIFIER,
        monitoringInterval: MONITORING_INTERVAL_SECONDS,
        monitoringRoleArn: this.monitoringRole.arn,
        copyTagsToSnapshot: true,
        applyImmediately,
        ...insights,
        dependsOn: [this.monitoringRole, monitoringPolicy],
      });
    this.writer = instance('Writer', 0, 0);
    // Readers in tiers 0-1 scale with the writer, so the one promoted on failover already
    // has the writer's capacity.
    this.readers = Array.from({ length: database.readers }, (_, i) =>
      instance(`Reader${i + 1}`, i + 1, 1),
    );

    const secret = { clusterArn: this.cluster.arn, secretArn: this.masterSecretArn, key: this.key };
    this.bootstrapRole = dataApiEnabled(database)
      ? bootstrapRole(this, 'Bootstrap', {
          naming,
          aws,
          ...secret,
          principalArns: database.bootstrapPrincipalArns,
        })
      : undefined;
    this.masterSecretPolicy = breakGlassSecretPolicy(this, 'MasterSecretPolicy', {
      aws,
      secretArn: this.masterSecretArn,
      readers: [
        ...(this.bootstrapRole ? [this.bootstrapRole.arn] : []),
        ...database.breakGlassPrincipalArns,
      ],
    });
  }

  /** ARN of the cluster (what the bootstrap's `rds-data:ExecuteStatement` is granted on). */
  get clusterArn(): string {
    return this.cluster.arn;
  }

  /** Secrets Manager ARN of the RDS-managed master user secret. */
  get masterSecretArn(): string {
    return this.cluster.masterUserSecret.get(0).secretArn;
  }

  /**
   * Managed policies, one per named administrator, that allow `rds-db:connect` as that
   * administrator's database user and only for the principal named in configuration
   * (`aws:PrincipalArn`), so attaching one to anyone else grants nothing. The stack creates the
   * policies; each administrator's role (often in an identity account) attaches its own.
   */
  grantAdminConnect(admins: readonly DatabaseAdminUser[]): IamPolicy[] {
    const { naming, aws } = this.props;
    return admins.map(
      (admin) =>
        new IamPolicy(this, `AdminConnect-${admin.name}`, {
          name: naming.name(`db-admin-${admin.name}`, 'iamPolicy'),
          description: `Lets ${admin.principalArn} connect to the payment database as ${admin.name} with IAM authentication`,
          policy: new PolicyDocument([
            {
              sid: 'ConnectAsNamedAdministrator',
              effect: 'Allow',
              actions: RDS_CONNECT_ACTIONS,
              resources: [
                aws.arn('rds-db', `dbuser:${this.cluster.clusterResourceId}/${admin.name}`),
              ],
              conditions: { ArnEquals: { 'aws:PrincipalArn': admin.principalArn } },
            },
          ]).toJson(),
        }),
    );
  }

  /**
   * Lets `role` connect with IAM authentication as the application's database user, and as
   * no other user: `rds-db:connect` on `dbuser:<cluster resource ID>/<appUsername>` (the
   * resource ID, not the cluster name, is what IAM matches).
   */
  grantConnect(role: IamRole, id = 'AppConnect'): IamRolePolicy {
    const { naming, aws } = this.props;
    return new IamRolePolicy(this, id, {
      name: naming.name('db-connect', 'iamPolicy'),
      role: role.name,
      policy: new PolicyDocument([
        {
          sid: 'ConnectAsAppUserWithIamAuth',
          effect: 'Allow',
          actions: RDS_CONNECT_ACTIONS,
          resources: [
            aws.arn(
              'rds-db',
              `dbuser:${this.cluster.clusterResourceId}/${this.database.appUsername}`,
            ),
          ],
        },
      ]).toJson(),
    });
  }
}

function toParameter(parameter: AuroraParameter) {
  return { name: parameter.name, value: parameter.value, applyMethod: applyMethodOf(parameter) };
}

/**
 * Construct-level guards for the values configuration already validates (the same AWS
 * facts, `auroraSettingsProblems`), so the construct is safe to reuse with values from
 * elsewhere. Each is a defect in the caller, not user input: an `InvalidPropsError` names this
 * construct.
 */
function validate(
  scope: Construct,
  database: AuroraDatabaseSettings,
  azCount: number,
  subnetCount: number,
): void {
  const problems = auroraSettingsProblems(database);
  if (azCount < 2 || subnetCount < 2) {
    problems.push({
      field: 'availabilityZones',
      value: azCount,
      rule: `needs at least two AZs and data subnets (got ${azCount} AZs, ${subnetCount} subnets)`,
      example: '["us-east-1a", "us-east-1b"]',
    });
  }
  if (windowsOverlap(BACKUP_WINDOW, MAINTENANCE_WINDOW)) {
    problems.push({
      field: 'BACKUP_WINDOW',
      value: BACKUP_WINDOW,
      rule: `overlaps the maintenance window ${MAINTENANCE_WINDOW}`,
      example: '"03:00-04:00"',
    });
  }
  assertValidProps(scope, problems);
}
