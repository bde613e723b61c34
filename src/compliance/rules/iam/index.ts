/** Rules for IAM policies and roles, in ID order. */
import type { Rule } from '../../rule';
import { iamNoAdmin } from './no-admin';
import { iamNoServiceWildcard } from './no-service-wildcard';
import { iamNoPassRoleStar } from './no-passrole-star';
import { iamNoIamFullAccess } from './no-iam-full-access';
import { iamTrustNotPublic } from './trust-not-public';
import { iamNoAdminManagedPolicy } from './no-admin-managed-policy';
import { iamNoKmsDecryptStar } from './no-kms-decrypt-star';
import { iamNoAccountWideManagedPolicy } from './no-account-wide-managed-policy';
import { iamServicePrincipalNarrowed } from './service-principal-narrowed';
import { iamSessionManagerScoped } from './session-manager-scoped';

export const IAM_RULES: readonly Rule[] = [
  iamNoAdmin,
  iamNoServiceWildcard,
  iamNoPassRoleStar,
  iamNoIamFullAccess,
  iamTrustNotPublic,
  iamNoAdminManagedPolicy,
  iamNoKmsDecryptStar,
  iamNoAccountWideManagedPolicy,
  iamServicePrincipalNarrowed,
  iamSessionManagerScoped,
];
