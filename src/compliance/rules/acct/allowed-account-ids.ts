import { graphRule } from '../../rule';

/**
 * A prod stack's AWS provider names the accounts it may act in (`allowed_account_ids`), so
 * credentials for another account (a dev account, or prod's for a dev stack that claims to
 * be prod) stop Terraform before it plans. The `Profile` tag alone can be set by anyone.
 */
export const acctAllowedAccountIds = graphRule({
  id: 'PAY-ACCT-001',
  title: 'Prod AWS provider is limited to its accounts (allowed_account_ids)',
  severity: 'high',
  resourceTypes: ['*'],
  pci: ['6.5.3', '6.5.4'],
  equivalents: {},
  rationale:
    'PCI DSS 6.5.3 separates pre-production from production environments. A prod stack applied with the wrong credentials would create or change card-data infrastructure in an account outside that separation; allowed_account_ids makes the AWS provider refuse any other account before planning.',
  remediation:
    'Set allowedAccountIds in the prod config file (or ALLOWED_ACCOUNT_IDS); the stack passes it to the provider.',
  prodOnly: true,
  check(graph) {
    const ids = graph.awsProvider?.['allowed_account_ids'];
    const set = (Array.isArray(ids) && ids.length > 0) || (typeof ids === 'string' && ids !== '');
    return set
      ? []
      : [{ address: 'provider.aws', message: 'allowed_account_ids is not set in a prod stack' }];
  },
});
