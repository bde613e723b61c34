/** The registry: every rule of the gate, in ID order. Adding a rule = one file + one line here. */
import type { Rule } from '../rule';
import { acctAllowedAccountIds } from './acct-allowed-account-ids';
import { acmCreateBeforeDestroy } from './acm-create-before-destroy';
import { acmTransparencyLogging } from './acm-transparency-logging';
import { acmNoWildcard } from './acm-no-wildcard';
import { albDropInvalidHeaders } from './alb-drop-invalid-headers';
import { albDeletionProtection } from './alb-deletion-protection';
import { albAccessLogs } from './alb-access-logs';
import { albDesyncMitigation } from './alb-desync-mitigation';
import { albWaf } from './alb-waf';
import { albInternal } from './alb-internal';
import { albHttpRedirects } from './alb-http-redirects';
import { albTlsPolicy } from './alb-tls-policy';
import { albAcmCertificate } from './alb-acm-certificate';
import { albTargetHealthCheck } from './alb-target-health-check';
import { cwLogGroupKms } from './cw-log-group-kms';
import { cwLogGroupRetention } from './cw-log-group-retention';
import { cwLogGroupProdYear } from './cw-log-group-prod-year';
import { cwAlarmActions } from './cw-alarm-actions';
import { cwAlarmSubscribed } from './cw-alarm-subscribed';
import { ec2Imdsv2 } from './ec2-imdsv2';
import { ec2EbsEncrypted } from './ec2-ebs-encrypted';
import { ec2NoPublicIp } from './ec2-no-public-ip';
import { asgElbHealthCheck } from './asg-elb-health-check';
import { asgMaxInstanceLifetime } from './asg-max-instance-lifetime';
import { costBudgetNonProd, costBudgetProd } from './cost-budget';
import { resSurvivesAzLoss } from './res-survives-az-loss';
import { ecrScanOnPush } from './ecr-scan-on-push';
import { ecrImmutableTags } from './ecr-immutable-tags';
import { ecrKms } from './ecr-kms';
import { ecrNotPublic } from './ecr-not-public';
import { ecrLifecycle } from './ecr-lifecycle';
import { ecsContainerInsights } from './ecs-container-insights';
import { ecsEfsTransitEncryption } from './ecs-efs-transit-encryption';
import { ecsNoEnvSecrets } from './ecs-no-env-secrets';
import { ecsNotPrivileged } from './ecs-not-privileged';
import { ecsReadonlyRoot } from './ecs-readonly-root';
import { ecsNoHostPid } from './ecs-no-host-pid';
import { ecsSeparateRoles } from './ecs-separate-roles';
import { ecsLogConfiguration } from './ecs-log-configuration';
import { ecsAwsvpc } from './ecs-awsvpc';
import { ecsNoPublicIp } from './ecs-no-public-ip';
import { ecsPlatformLatest } from './ecs-platform-latest';
import { iamNoAdmin } from './iam-no-admin';
import { iamNoServiceWildcard } from './iam-no-service-wildcard';
import { iamNoPassRoleStar } from './iam-no-passrole-star';
import { iamNoIamFullAccess } from './iam-no-iam-full-access';
import { iamTrustNotPublic } from './iam-trust-not-public';
import { iamNoAdminManagedPolicy } from './iam-no-admin-managed-policy';
import { iamNoAccountWideManagedPolicy } from './iam-no-account-wide-managed-policy';
import { iamServicePrincipalNarrowed } from './iam-service-principal-narrowed';
import { iamNoKmsDecryptStar } from './iam-no-kms-decrypt-star';
import { kmsRotation } from './kms-rotation';
import { kmsNoPublicPrincipal } from './kms-no-public-principal';
import { kmsEnabled } from './kms-enabled';
import { kmsPolicyDefined } from './kms-policy-defined';
import { kmsDeletionWindow } from './kms-deletion-window';
import { kmsSeparateAdministrators } from './kms-separate-administrators';
import { rdsStorageEncrypted } from './rds-storage-encrypted';
import { rdsCmk } from './rds-cmk';
import { rdsDeletionProtection } from './rds-deletion-protection';
import { rdsBackupRetention } from './rds-backup-retention';
import { rdsIamAuth } from './rds-iam-auth';
import { rdsLogExports } from './rds-log-exports';
import { rdsCopyTags } from './rds-copy-tags';
import { rdsNotPublic } from './rds-not-public';
import { rdsPerformanceInsights } from './rds-performance-insights';
import { rdsMinorUpgrades } from './rds-minor-upgrades';
import { rdsBacktrack } from './rds-backtrack';
import { rdsSubnetGroupIsolated } from './rds-subnet-group-isolated';
import { rdsManagedPassword } from './rds-managed-password';
import { rdsFinalSnapshot } from './rds-final-snapshot';
import { rdsEnhancedMonitoring } from './rds-enhanced-monitoring';
import { rdsRequireTls } from './rds-require-tls';
import { noCredentialsInState } from './no-credentials-in-state';
import { rdsAuditLogging } from './rds-audit-logging';
import { rdsSnapshotKeyRetained } from './rds-snapshot-key-retained';
import { rdsAuditDataAccess } from './rds-audit-data-access';
import { refIntegrity } from './ref-integrity';
import { refSyntax } from './ref-syntax';
import { s3Encryption } from './s3-encryption';
import { s3KmsEncryption } from './s3-kms-encryption';
import { s3Versioning } from './s3-versioning';
import { s3MfaDelete } from './s3-mfa-delete';
import { s3AccessLogging } from './s3-access-logging';
import { s3PublicAccessBlock } from './s3-public-access-block';
import { s3BlockPublicAcls } from './s3-block-public-acls';
import { s3BlockPublicPolicy } from './s3-block-public-policy';
import { s3IgnorePublicAcls } from './s3-ignore-public-acls';
import { s3RestrictPublicBuckets } from './s3-restrict-public-buckets';
import { s3NoPublicAcl } from './s3-no-public-acl';
import { s3AclsDisabled } from './s3-acls-disabled';
import { s3NoPublicPolicy } from './s3-no-public-policy';
import { s3DenyInsecureTransport } from './s3-deny-insecure-transport';
import { s3DenyOldTls } from './s3-deny-old-tls';
import { s3Lifecycle } from './s3-lifecycle';
import { s3AbortMultipart } from './s3-abort-multipart';
import { s3NoWebsite } from './s3-no-website';
import { s3NoOpenCors } from './s3-no-open-cors';
import { s3LogTargetNotLocked } from './s3-log-target-not-locked';
import { s3AuditLogsLocked } from './s3-audit-logs-locked';
import { secretLiterals } from './secret-literals';
import { tlsKeyInState } from './tls-key-in-state';
import { sgDescriptions } from './sg-descriptions';
import { sgNoPublicSsh } from './sg-no-public-ssh';
import { sgNoPublicRdp } from './sg-no-public-rdp';
import { sgNoPublicHttp } from './sg-no-public-http';
import { sgNoPublicAllPorts } from './sg-no-public-all-ports';
import { sgNoPublicEgress } from './sg-no-public-egress';
import { sgAttached } from './sg-attached';
import { sgInternetOnlyToAlb } from './sg-internet-only-to-alb';
import { sgDatabaseOnlyFromApp } from './sg-database-only-from-app';
import { smCmk } from './sm-cmk';
import { smRotation } from './sm-rotation';
import { smMasterSecretBreakGlass } from './sm-master-secret-break-glass';
import { snsKms } from './sns-kms';
import { snsNotPublic } from './sns-not-public';
import { snsTlsOnly } from './sns-tls-only';
import { tagsRequired } from './tags-required';
import { vpcFlowLog } from './vpc-flow-log';
import { vpcS3EndpointPolicy } from './vpc-s3-endpoint-policy';
import { vpcDefaultSgClosed } from './vpc-default-sg-closed';
import { vpcSubnetNoPublicIp } from './vpc-subnet-no-public-ip';
import { vpcNoDefaultVpc } from './vpc-no-default-vpc';
import { vpcDataSubnetsIsolated } from './vpc-data-subnets-isolated';
import { vpcAppSubnetsPrivate } from './vpc-app-subnets-private';
import { vpcFlowLogAllTraffic } from './vpc-flow-log-all-traffic';
import { wafHasRules } from './waf-has-rules';
import { wafRuleActions } from './waf-rule-actions';
import { wafKnownBadInputs } from './waf-known-bad-inputs';
import { wafLogging } from './waf-logging';
import { wafMetrics } from './waf-metrics';

export const RULES: readonly Rule[] = [
  acctAllowedAccountIds,
  acmCreateBeforeDestroy,
  acmTransparencyLogging,
  acmNoWildcard,
  albDropInvalidHeaders,
  albDeletionProtection,
  albAccessLogs,
  albDesyncMitigation,
  albWaf,
  albInternal,
  albHttpRedirects,
  albTlsPolicy,
  albAcmCertificate,
  albTargetHealthCheck,
  costBudgetProd,
  costBudgetNonProd,
  cwLogGroupKms,
  cwLogGroupRetention,
  cwLogGroupProdYear,
  cwAlarmActions,
  cwAlarmSubscribed,
  ec2Imdsv2,
  ec2EbsEncrypted,
  ec2NoPublicIp,
  asgElbHealthCheck,
  asgMaxInstanceLifetime,
  ecrScanOnPush,
  ecrImmutableTags,
  ecrKms,
  ecrNotPublic,
  ecrLifecycle,
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
  iamNoAdmin,
  iamNoServiceWildcard,
  iamNoPassRoleStar,
  iamNoIamFullAccess,
  iamTrustNotPublic,
  iamNoAdminManagedPolicy,
  iamNoKmsDecryptStar,
  iamNoAccountWideManagedPolicy,
  iamServicePrincipalNarrowed,
  kmsRotation,
  kmsNoPublicPrincipal,
  kmsEnabled,
  kmsPolicyDefined,
  kmsDeletionWindow,
  kmsSeparateAdministrators,
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
  refIntegrity,
  refSyntax,
  resSurvivesAzLoss,
  s3Encryption,
  s3KmsEncryption,
  s3Versioning,
  s3MfaDelete,
  s3AccessLogging,
  s3PublicAccessBlock,
  s3BlockPublicAcls,
  s3BlockPublicPolicy,
  s3IgnorePublicAcls,
  s3RestrictPublicBuckets,
  s3NoPublicAcl,
  s3AclsDisabled,
  s3NoPublicPolicy,
  s3DenyInsecureTransport,
  s3DenyOldTls,
  s3Lifecycle,
  s3AbortMultipart,
  s3NoWebsite,
  s3NoOpenCors,
  s3LogTargetNotLocked,
  s3AuditLogsLocked,
  secretLiterals,
  tlsKeyInState,
  noCredentialsInState,
  sgDescriptions,
  sgNoPublicSsh,
  sgNoPublicRdp,
  sgNoPublicHttp,
  sgNoPublicAllPorts,
  sgNoPublicEgress,
  sgAttached,
  sgInternetOnlyToAlb,
  sgDatabaseOnlyFromApp,
  smCmk,
  smRotation,
  smMasterSecretBreakGlass,
  snsKms,
  snsNotPublic,
  snsTlsOnly,
  tagsRequired,
  vpcFlowLog,
  vpcDefaultSgClosed,
  vpcSubnetNoPublicIp,
  vpcNoDefaultVpc,
  vpcDataSubnetsIsolated,
  vpcAppSubnetsPrivate,
  vpcFlowLogAllTraffic,
  vpcS3EndpointPolicy,
  wafHasRules,
  wafRuleActions,
  wafKnownBadInputs,
  wafLogging,
  wafMetrics,
];
