import type { NatGatewayMode, ProfileDefaults, ProfileName } from './profiles';
import type { SubnetPlan } from './subnet-plan';
import type { DatabaseConfig } from './database';

/** Where Terraform keeps state. */
export type BackendConfig =
  | { readonly kind: 'local' }
  | { readonly kind: 's3'; readonly bucket: string; readonly region: string };

export interface NetworkConfig {
  readonly vpcCidr: string;
  readonly azCount: number;
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
  readonly backend: BackendConfig;
  readonly network: NetworkConfig;
  /** The profile's defaults with configuration overrides applied. */
  readonly settings: ProfileDefaults;
  /** Address subscribed to the alarm topic (ALARM_EMAIL or `alarmEmail`). */
  readonly alarmEmail?: string;
  /** The data tier: engine, capacity, names, backups (profile defaults with `database` overrides). */
  readonly database: DatabaseConfig;
  /** Tags every resource carries (provider `default_tags`). */
  readonly tags: Readonly<Record<string, string>>;
}
