/** Rules for the AWS account a stack may act in, in ID order. */
import type { Rule } from '../../rule';
import { acctAllowedAccountIds } from './allowed-account-ids';
import { acctSharedWithNonProd } from './shared-account';

export const ACCT_RULES: readonly Rule[] = [acctAllowedAccountIds, acctSharedWithNonProd];
