/** Rules for the AWS account a stack may act in, and its baseline, in ID order. */
import type { Rule } from '../../rule';
import {
  acctEbsDefaultEncryption,
  acctS3PublicAccessBlock,
  acctScanners,
} from './account-settings';
import { acctAllowedAccountIds } from './allowed-account-ids';
import { acctBaselineDeclared } from './baseline-declared';
import { acctSharedWithNonProd } from './shared-account';
import { acctConfigRecorder } from './config-recorder';
import { acctGuardDuty } from './guardduty';
import { acctSecurityHub } from './security-hub';
import { acctSessionPreferences } from './session-preferences';
import { acctTrail } from './trail';
import { acctCiApplyIam } from './ci-apply-iam';
import { acctCiGuardrails } from './ci-guardrails';
import { acctCiPlanState } from './ci-plan-state';
import { acctCiTrust } from './ci-trust';

export const ACCT_RULES: readonly Rule[] = [
  acctAllowedAccountIds,
  acctSharedWithNonProd,
  acctBaselineDeclared,
  acctTrail,
  acctGuardDuty,
  acctSecurityHub,
  acctConfigRecorder,
  acctSessionPreferences,
  acctEbsDefaultEncryption,
  acctS3PublicAccessBlock,
  acctScanners,
  acctCiTrust,
  acctCiApplyIam,
  acctCiGuardrails,
  acctCiPlanState,
];
