/** Rules for ECS clusters, task definitions and services, in ID order. */
import type { Rule } from '../../rule';
import { ecsContainerInsights } from './container-insights';
import { ecsEfsTransitEncryption } from './efs-transit-encryption';
import { ecsNoEnvSecrets } from './no-env-secrets';
import { ecsNotPrivileged } from './not-privileged';
import { ecsReadonlyRoot } from './readonly-root';
import { ecsNoHostPid } from './no-host-pid';
import { ecsSeparateRoles } from './separate-roles';
import { ecsLogConfiguration } from './log-configuration';
import { ecsAwsvpc } from './awsvpc';
import { ecsNoPublicIp } from './no-public-ip';
import { ecsPlatformLatest } from './platform-latest';

export const ECS_RULES: readonly Rule[] = [
  ecsContainerInsights,
  ecsEfsTransitEncryption,
  ecsNoEnvSecrets,
  ecsNotPrivileged,
  ecsReadonlyRoot,
  ecsNoHostPid,
  ecsSeparateRoles,
  ecsLogConfiguration,
  ecsAwsvpc,
  ecsNoPublicIp,
  ecsPlatformLatest,
];
