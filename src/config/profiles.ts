/**
 * The environment profiles: every default that differs between `dev`, `staging` and `prod`
 * lives in this one table (system.md section 4). Constructs never read it; the stack passes
 * the resolved values down as typed props.
 */

export const PROFILE_NAMES = ['dev', 'staging', 'prod'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export type NatGatewayMode = 'single' | 'per-az';

/** Interface endpoints a private subnet needs to reach AWS APIs without the internet. */
export const CORE_INTERFACE_ENDPOINTS = [
  'ssm',
  'ssmmessages',
  'ec2messages',
  'logs',
  'kms',
  'secretsmanager',
  'sts',
] as const;
export const FULL_INTERFACE_ENDPOINTS = [
  ...CORE_INTERFACE_ENDPOINTS,
  'ecr.api',
  'ecr.dkr',
  'monitoring',
  'sns',
] as const;

/** The endpoint sets docs/configuration.md documents; `interfaceEndpoints` accepts their names. */
export const INTERFACE_ENDPOINT_SETS = {
  none: [],
  core: CORE_INTERFACE_ENDPOINTS,
  full: FULL_INTERFACE_ENDPOINTS,
} as const satisfies Record<string, readonly string[]>;

/** Alarm thresholds; configuration may override each (config key `alarms`). */
export interface AlarmThresholds {
  /** Load-balancer-generated 5xx responses in five minutes. */
  readonly elb5xxPerFiveMinutes: number;
  /** Share of requests answered 5xx by the app, in percent, over five minutes. */
  readonly target5xxRatePercent: number;
  /** p99 of the app's response time, in seconds. */
  readonly p99LatencySeconds: number;
  /** Average CPU of the app tier (Auto Scaling group or ECS service), percent. */
  readonly appCpuPercent: number;
  /** Average memory of the ECS service, percent (Fargate only). */
  readonly appMemoryPercent: number;
  /** CPU of the database writer, percent. */
  readonly databaseCpuPercent: number;
  /** Writer connections as a share of max_connections at the maximum ACU, percent. */
  readonly databaseConnectionsPercent: number;
  /** ACUUtilization: capacity used as a share of the maximum ACU, percent. */
  readonly acuUtilizationPercent: number;
  /** FreeableMemory of the writer below this, in MiB. */
  readonly databaseFreeableMemoryMiB: number;
  /** AuroraReplicaLag above this, in milliseconds. */
  readonly replicaLagMilliseconds: number;
  /** Requests WAF blocked in five minutes: a spike means an attack or a false positive. */
  readonly wafBlockedPerFiveMinutes: number;
}

export interface ProfileDefaults {
  /** One NAT gateway for the VPC, or one per AZ with per-AZ private route tables. */
  readonly natGateways: NatGatewayMode;
  /** Interface VPC endpoints (service names after `com.amazonaws.<region>.`). */
  readonly interfaceEndpoints: readonly string[];
  /** EC2 app tier instance type. */
  readonly instanceType: string;
  /**
   * Days an EC2 app instance may serve before Auto Scaling replaces it, so every instance runs
   * an Amazon Linux image at most this old (PCI DSS 6.3.3). At most 30 (PAY-EC2-005).
   */
  readonly maxInstanceLifetimeDays: number;
  /** Fargate task size (CPU units / MiB). */
  readonly fargateCpu: number;
  readonly fargateMemory: number;
  /** App instances or tasks. */
  readonly appMinSize: number;
  readonly appDesiredSize: number;
  readonly appMaxSize: number;
  /** Aurora Serverless v2 capacity range, in ACUs. */
  readonly auroraMinCapacity: number;
  readonly auroraMaxCapacity: number;
  readonly auroraReaders: number;
  readonly performanceInsightsRetentionDays: number;
  /**
   * What the database engine audits (config `database.auditEvents` may override): Aurora
   * MySQL Advanced Auditing events, or pgAudit session classes. Staging and prod audit
   * connections and every read and change of data (PCI DSS 10.2.1.1); dev only connections,
   * DDL and privilege changes, to keep its log ingestion small.
   */
  readonly databaseAuditEvents: Readonly<
    Record<'aurora-mysql' | 'aurora-postgresql', readonly string[]>
  >;
  /**
   * The admin host for Session Manager port forwarding to the database (config
   * `database.adminAccess.enabled` may override). Off everywhere: it costs an instance and
   * opens a path to the data tier, so it exists only while someone needs it.
   */
  readonly databaseAdminAccess: boolean;
  /** Deletion protection on the database and the load balancer. */
  readonly deletionProtection: boolean;
  /** Take a final snapshot when the database is destroyed. */
  readonly finalSnapshot: boolean;
  readonly backupRetentionDays: number;
  /** Apply database modifications at once rather than in the maintenance window. */
  readonly databaseApplyImmediately: boolean;
  /** Retention of CloudWatch log groups and of the log buckets, in days. */
  readonly logRetentionDays: number;
  readonly kmsDeletionWindowDays: number;
  /** Delete bucket contents on destroy (and keep nothing that blocks a destroy). */
  readonly forceDestroy: boolean;
  /**
   * Object Lock default retention, in compliance mode, on every bucket that holds audit logs
   * (VPC flow logs, ALB access and connection logs, WAF logs), in days. `undefined` means
   * Object Lock is off. At most `logRetentionDays`.
   */
  readonly auditLogObjectLockDays: number | undefined;
  /** A self-signed certificate may stand in for a real one. */
  readonly allowSelfSignedCertificate: boolean;
  /** Keep KMS keys and log groups when the stack is destroyed. */
  readonly retainOnDestroy: boolean;
  readonly alarms: AlarmThresholds;
  /**
   * Monthly budget in USD: `npm run cost` and the gate warn when the estimate exceeds it
   * (prod: fail). Config key `monthlyBudgetUsd`.
   */
  readonly monthlyBudgetUsd: number;
}

export const PROFILES = {
  dev: {
    natGateways: 'single',
    interfaceEndpoints: [],
    instanceType: 't3.small',
    maxInstanceLifetimeDays: 30,
    fargateCpu: 256,
    fargateMemory: 512,
    appMinSize: 1,
    appDesiredSize: 1,
    appMaxSize: 2,
    // Auto-pause (0 ACU) when idle: dev only, never on a payment path (configuration refuses 0
    // elsewhere). Saves the 2 x 0.5 ACU floor, about 88 USD a month.
    auroraMinCapacity: 0,
    auroraMaxCapacity: 2,
    auroraReaders: 1,
    performanceInsightsRetentionDays: 7,
    databaseAuditEvents: {
      'aurora-mysql': ['CONNECT', 'QUERY_DCL', 'QUERY_DDL'],
      'aurora-postgresql': ['ddl', 'role'],
    },
    databaseAdminAccess: false,
    deletionProtection: false,
    finalSnapshot: false,
    backupRetentionDays: 35,
    databaseApplyImmediately: true,
    logRetentionDays: 90,
    kmsDeletionWindowDays: 7,
    forceDestroy: true,
    auditLogObjectLockDays: undefined,
    allowSelfSignedCertificate: true,
    retainOnDestroy: false,
    monthlyBudgetUsd: 120,
    alarms: {
      elb5xxPerFiveMinutes: 20,
      target5xxRatePercent: 10,
      p99LatencySeconds: 3,
      appCpuPercent: 85,
      appMemoryPercent: 85,
      databaseCpuPercent: 80,
      databaseConnectionsPercent: 80,
      acuUtilizationPercent: 90,
      databaseFreeableMemoryMiB: 256,
      replicaLagMilliseconds: 2000,
      wafBlockedPerFiveMinutes: 1000,
    },
  },
  staging: {
    natGateways: 'single',
    interfaceEndpoints: CORE_INTERFACE_ENDPOINTS,
    instanceType: 't3.medium',
    maxInstanceLifetimeDays: 14,
    fargateCpu: 512,
    fargateMemory: 1024,
    appMinSize: 2,
    appDesiredSize: 2,
    appMaxSize: 4,
    auroraMinCapacity: 0.5,
    auroraMaxCapacity: 4,
    auroraReaders: 1,
    performanceInsightsRetentionDays: 7,
    databaseAuditEvents: {
      'aurora-mysql': ['CONNECT', 'QUERY_DCL', 'QUERY_DDL', 'QUERY_DML'],
      'aurora-postgresql': ['ddl', 'role', 'write'],
    },
    databaseAdminAccess: false,
    deletionProtection: false,
    finalSnapshot: true,
    backupRetentionDays: 35,
    databaseApplyImmediately: true,
    logRetentionDays: 365,
    kmsDeletionWindowDays: 14,
    forceDestroy: true,
    auditLogObjectLockDays: undefined,
    allowSelfSignedCertificate: true,
    retainOnDestroy: false,
    monthlyBudgetUsd: 450,
    alarms: {
      elb5xxPerFiveMinutes: 10,
      target5xxRatePercent: 5,
      p99LatencySeconds: 2,
      appCpuPercent: 80,
      appMemoryPercent: 80,
      databaseCpuPercent: 80,
      databaseConnectionsPercent: 80,
      acuUtilizationPercent: 90,
      databaseFreeableMemoryMiB: 256,
      replicaLagMilliseconds: 1000,
      wafBlockedPerFiveMinutes: 500,
    },
  },
  prod: {
    natGateways: 'per-az',
    interfaceEndpoints: FULL_INTERFACE_ENDPOINTS,
    instanceType: 'm7i.large',
    maxInstanceLifetimeDays: 14,
    fargateCpu: 1024,
    fargateMemory: 2048,
    appMinSize: 3,
    appDesiredSize: 3,
    appMaxSize: 12,
    auroraMinCapacity: 2,
    auroraMaxCapacity: 64,
    auroraReaders: 2,
    performanceInsightsRetentionDays: 465,
    databaseAuditEvents: {
      'aurora-mysql': ['CONNECT', 'QUERY_DCL', 'QUERY_DDL', 'QUERY_DML'],
      'aurora-postgresql': ['ddl', 'role', 'write'],
    },
    databaseAdminAccess: false,
    deletionProtection: true,
    finalSnapshot: true,
    backupRetentionDays: 35,
    databaseApplyImmediately: false,
    logRetentionDays: 400,
    kmsDeletionWindowDays: 30,
    forceDestroy: false,
    auditLogObjectLockDays: 365,
    allowSelfSignedCertificate: false,
    retainOnDestroy: true,
    monthlyBudgetUsd: 1500,
    alarms: {
      elb5xxPerFiveMinutes: 5,
      target5xxRatePercent: 2,
      p99LatencySeconds: 1.5,
      appCpuPercent: 75,
      appMemoryPercent: 80,
      databaseCpuPercent: 80,
      databaseConnectionsPercent: 80,
      acuUtilizationPercent: 85,
      databaseFreeableMemoryMiB: 512,
      replicaLagMilliseconds: 1000,
      wafBlockedPerFiveMinutes: 200,
    },
  },
} as const satisfies Record<ProfileName, ProfileDefaults>;

/** PCI DSS 10.5.1: audit logs are kept for at least a year. */
export const PROD_MIN_LOG_RETENTION_DAYS = 365;

/** Defaults shared by every profile. */
export const COMMON_DEFAULTS = {
  vpcCidr: '10.0.0.0/16',
  azCount: 3,
  /**
   * Today's layout: every environment without the key keeps the CIDRs it was deployed with.
   * New environments choose `stable` in their file (docs/environments.md, "The network").
   */
  subnetLayout: 'legacy',
  region: 'us-east-1',
  project: 'PaymentProcessing',
  costCenter: 'Finance',
  /** Port the app tier listens on behind the ALB. */
  appPort: 8080,
  /** WAF rate-based rule: requests per client IP in 5 minutes before it is blocked. */
  wafRateLimitPerFiveMinutes: 2000,
} as const;

/**
 * Traffic and volumes for the cost estimate (`npm run cost -- --usage <name>`). `idle` (no
 * traffic: fixed costs only) is the same everywhere; small, medium and large differ per
 * environment. A usage file (`--usage-file`) may set any key; docs/architecture.md, "Cost estimate", documents them.
 */
export interface UsageProfile {
  /** Average requests per second over the month. */
  readonly requestsPerSecond: number;
  /** Average response size in KB (ALB processed bytes and data out to the internet). */
  readonly averageResponseKb: number;
  /** Requests carried by one client connection (ALB new-connection LCU dimension). */
  readonly requestsPerConnection: number;
  /** How long a client connection stays open, in seconds (ALB active-connection dimension). */
  readonly connectionSeconds: number;
  /** Traffic from the private subnets to the internet through NAT, GB a month. */
  readonly natEgressGb: number;
  /** CloudWatch Logs ingested, GB a month (all log groups together). */
  readonly logIngestGb: number;
  /** CloudWatch Logs stored, GB (all log groups together). */
  readonly logStorageGb: number;
  /** Average ACU per database instance; when absent, derived from the request rate. */
  readonly averageAcu?: number;
  /** ACUs one request per second needs (with averageAcu absent). */
  readonly acuPerRequestPerSecond: number;
  readonly databaseStorageGb: number;
  /** Aurora I/O requests, millions a month (Standard storage only). */
  readonly databaseIoMillions: number;
  /** S3 Standard storage, GB (all buckets together). */
  readonly s3StorageGb: number;
  /** ECR image storage, GB (Fargate). */
  readonly ecrStorageGb: number;
}

export const USAGE_NAMES = ['idle', 'small', 'medium', 'large'] as const;
export type UsageName = (typeof USAGE_NAMES)[number];

/** Shared assumptions of every usage profile (a usage file may override them). */
const USAGE_COEFFICIENTS = {
  averageResponseKb: 20,
  requestsPerConnection: 5,
  connectionSeconds: 10,
  acuPerRequestPerSecond: 0.05,
} as const;

const IDLE_USAGE: UsageProfile = {
  ...USAGE_COEFFICIENTS,
  requestsPerSecond: 0,
  natEgressGb: 0,
  logIngestGb: 0,
  logStorageGb: 0,
  databaseStorageGb: 0,
  databaseIoMillions: 0,
  s3StorageGb: 0,
  ecrStorageGb: 0,
};

function usage(
  requestsPerSecond: number,
  volumes: Omit<UsageProfile, keyof typeof USAGE_COEFFICIENTS | 'requestsPerSecond'>,
): UsageProfile {
  return { ...USAGE_COEFFICIENTS, requestsPerSecond, ...volumes };
}

export const USAGE_PROFILES: Readonly<Record<ProfileName, Record<UsageName, UsageProfile>>> = {
  dev: {
    idle: IDLE_USAGE,
    small: usage(0.5, {
      natEgressGb: 2,
      logIngestGb: 2,
      logStorageGb: 5,
      databaseStorageGb: 2,
      databaseIoMillions: 2,
      s3StorageGb: 5,
      ecrStorageGb: 1,
    }),
    medium: usage(2, {
      natEgressGb: 5,
      logIngestGb: 5,
      logStorageGb: 15,
      databaseStorageGb: 5,
      databaseIoMillions: 10,
      s3StorageGb: 15,
      ecrStorageGb: 2,
    }),
    large: usage(10, {
      natEgressGb: 20,
      logIngestGb: 20,
      logStorageGb: 50,
      databaseStorageGb: 20,
      databaseIoMillions: 50,
      s3StorageGb: 50,
      ecrStorageGb: 5,
    }),
  },
  staging: {
    idle: IDLE_USAGE,
    small: usage(2, {
      natEgressGb: 5,
      logIngestGb: 5,
      logStorageGb: 30,
      databaseStorageGb: 10,
      databaseIoMillions: 10,
      s3StorageGb: 20,
      ecrStorageGb: 2,
    }),
    medium: usage(10, {
      natEgressGb: 20,
      logIngestGb: 20,
      logStorageGb: 120,
      databaseStorageGb: 25,
      databaseIoMillions: 50,
      s3StorageGb: 60,
      ecrStorageGb: 5,
    }),
    large: usage(50, {
      natEgressGb: 80,
      logIngestGb: 80,
      logStorageGb: 500,
      databaseStorageGb: 60,
      databaseIoMillions: 250,
      s3StorageGb: 200,
      ecrStorageGb: 10,
    }),
  },
  prod: {
    idle: IDLE_USAGE,
    small: usage(20, {
      natEgressGb: 50,
      logIngestGb: 50,
      logStorageGb: 600,
      databaseStorageGb: 50,
      databaseIoMillions: 200,
      s3StorageGb: 200,
      ecrStorageGb: 5,
    }),
    medium: usage(100, {
      natEgressGb: 200,
      logIngestGb: 200,
      logStorageGb: 2400,
      databaseStorageGb: 200,
      databaseIoMillions: 1000,
      s3StorageGb: 800,
      ecrStorageGb: 10,
    }),
    large: usage(400, {
      natEgressGb: 800,
      logIngestGb: 800,
      logStorageGb: 9600,
      databaseStorageGb: 800,
      databaseIoMillions: 4000,
      s3StorageGb: 3000,
      ecrStorageGb: 20,
    }),
  },
};
