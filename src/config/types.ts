import type { NatGatewayMode, ProfileDefaults, ProfileName } from './profiles';
import type { SubnetPlan } from './subnet-plan';
import type { SubnetLayout } from './schema';
import type { CpuArchitecture, EcrImageLocation } from './app-tier';
import type { TlsPolicy } from '../aws-facts/tls-policies';
import type { DatabaseConfig } from './database';
import type { AccountBaselineRef } from './account-baseline';

/** Where Terraform keeps state. */
export type BackendConfig =
  | { readonly kind: 'local' }
  | {
      readonly kind: 's3';
      readonly bucket: string;
      readonly region: string;
      /** Customer key for the state objects. @default the bucket's default encryption */
      readonly kmsKeyId?: string;
    };

export interface NetworkConfig {
  readonly vpcCidr: string;
  readonly azCount: number;
  /** How the subnets were planned (`legacy` unless the file chose `stable`). */
  readonly subnetLayout: SubnetLayout;
  /**
   * The AZs pinned by ID (AZ `i` of every tier is element `i`); `undefined` places subnets by
   * position in the Region's list of available AZs, as before the key existed.
   */
  readonly availabilityZoneIds: readonly string[] | undefined;
  readonly natGateways: NatGatewayMode;
  readonly interfaceEndpoints: readonly string[];
  /** The subnet CIDRs, computed and checked during validation. */
  readonly subnets: SubnetPlan;
}

/** The validated configuration of one deployment: what the stack is built from. */
export interface AppConfig {
  readonly profile: ProfileName;
  /** Environment suffix carried by every physical name. */
  readonly suffix: string;
  readonly region: string;
  /** Accounts the AWS provider may act in (`allowed_account_ids`); required in prod. */
  readonly allowedAccountIds: readonly string[] | undefined;
  readonly backend: BackendConfig;
  readonly network: NetworkConfig;
  /**
   * The profile's defaults with configuration overrides applied, less those a tier resolves
   * (`database`, the app tier): those are read there, so no reader can take a profile default
   * that the configuration overrode.
   */
  readonly settings: ResolvedSettings;
  /** Address subscribed to the alarm topic (ALARM_EMAIL or `alarmEmail`). */
  readonly alarmEmail?: string;
  /** The data tier: engine, capacity, names, backups (profile defaults with `database` overrides). */
  readonly database: DatabaseConfig;
  /** IAM principals that administer (and cannot use) every KMS key; required in prod. */
  readonly keyAdministratorArns: readonly string[];
  /** Tags every resource carries (provider `default_tags`). */
  readonly tags: Readonly<Record<string, string>>;
  /** The app tier: EC2 Auto Scaling or ECS Fargate. */
  readonly compute: ComputeConfig;
  /** The load balancer's certificate, TLS policy and WAF. */
  readonly edge: EdgeConfig;
  /**
   * Who provides the account baseline (config `accountBaseline`; PAY-ACCT-003 requires it in
   * prod). @default undeclared
   */
  readonly accountBaseline?: AccountBaselineRef;
  /**
   * The permissions boundary every IAM role of the stack carries: the CI boundary of the
   * account its `accountBaseline` names, when that account file's `ci.environments` lists this
   * environment (its CI apply role creates roles only under it). @default none
   */
  readonly permissionsBoundaryArn?: string;
}

interface AppTierSize {
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  /** Port the app listens on behind the ALB. */
  readonly appPort: number;
}

export interface Ec2ComputeConfig extends AppTierSize {
  readonly kind: 'ec2';
  readonly instanceType: string;
  /** Derived from the instance family; picks the AL2023 SSM parameter. */
  readonly architecture: CpuArchitecture;
  /** A pinned AMI instead of the latest Amazon Linux 2023. */
  readonly amiId: string | undefined;
}

export interface FargateComputeConfig extends AppTierSize {
  readonly kind: 'ecs-fargate';
  readonly cpu: number;
  readonly memory: number;
  /** Image pinned by tag or digest; the placeholder when not configured. */
  readonly image: string;
  /** Whether `image` is the built-in placeholder (it needs its own start command). */
  readonly placeholderImage: boolean;
  /**
   * Where `image` lives when it is a private ECR image: `granted` (config `grantImagePull`)
   * adds its repository to the execution role's pull grant; otherwise the image must be in
   * the stack's own repository, and a plan-time precondition checks its account.
   */
  readonly imagePull: (EcrImageLocation & { readonly granted: boolean }) | undefined;
}

export type ComputeConfig = Ec2ComputeConfig | FargateComputeConfig;

/** The four certificate modes of system.md section 6. */
export type CertificateConfig =
  | { readonly mode: 'existing'; readonly certificateArn: string }
  | { readonly mode: 'route53'; readonly domainName: string; readonly hostedZoneId: string }
  | { readonly mode: 'manual-dns'; readonly domainName: string }
  | { readonly mode: 'self-signed' };

export interface EdgeConfig {
  readonly certificate: CertificateConfig;
  readonly tlsPolicy: TlsPolicy;
  /** Requests per client IP in 5 minutes before the WAF blocks it. */
  readonly wafRateLimitPerFiveMinutes: number;
}

/**
 * Profile defaults that the tiers resolve (into `database` and the app tier's settings).
 * `deletionProtection` stays in `settings`: there it is the profile's value for the load
 * balancer, while `database.deletionProtection` is the database's, which the file may change.
 */
export const TIER_RESOLVED_DEFAULTS = [
  'instanceType',
  'fargateCpu',
  'fargateMemory',
  'appMinSize',
  'appDesiredSize',
  'appMaxSize',
  'auroraMinCapacity',
  'auroraMaxCapacity',
  'auroraReaders',
  'performanceInsightsRetentionDays',
  'databaseAuditEvents',
  'databaseAdminAccess',
  'finalSnapshot',
  'backupRetentionDays',
] as const satisfies readonly (keyof ProfileDefaults)[];

/** The settings an `AppConfig` carries: resolved values only. */
export type ResolvedSettings = Omit<ProfileDefaults, (typeof TIER_RESOLVED_DEFAULTS)[number]>;
