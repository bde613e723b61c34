/** Rules for Aurora / RDS, in ID order. */
import type { Rule } from '../../rule';
import { rdsStorageEncrypted } from './storage-encrypted';
import { rdsCmk } from './cmk';
import { rdsDeletionProtection } from './deletion-protection';
import { rdsBackupRetention } from './backup-retention';
import { rdsIamAuth } from './iam-auth';
import { rdsLogExports } from './log-exports';
import { rdsCopyTags } from './copy-tags';
import { rdsNotPublic } from './not-public';
import { rdsPerformanceInsights } from './performance-insights';
import { rdsMinorUpgrades } from './minor-upgrades';
import { rdsBacktrack } from './backtrack';
import { rdsSubnetGroupIsolated } from './subnet-group-isolated';
import { rdsManagedPassword } from './managed-password';
import { rdsFinalSnapshot } from './final-snapshot';
import { rdsEnhancedMonitoring } from './enhanced-monitoring';
import { rdsRequireTls } from './require-tls';
import { rdsAuditLogging } from './audit-logging';
import { rdsSnapshotKeyRetained } from './snapshot-key-retained';
import { rdsAuditDataAccess } from './audit-data-access';
import { rdsDataApiSupported } from './data-api-supported';

export const RDS_RULES: readonly Rule[] = [
  rdsStorageEncrypted,
  rdsCmk,
  rdsDeletionProtection,
  rdsBackupRetention,
  rdsIamAuth,
  rdsLogExports,
  rdsCopyTags,
  rdsNotPublic,
  rdsPerformanceInsights,
  rdsMinorUpgrades,
  rdsBacktrack,
  rdsSubnetGroupIsolated,
  rdsManagedPassword,
  rdsFinalSnapshot,
  rdsEnhancedMonitoring,
  rdsRequireTls,
  rdsAuditLogging,
  rdsSnapshotKeyRetained,
  rdsAuditDataAccess,
  rdsDataApiSupported,
];
