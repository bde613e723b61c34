import type { StackGraph } from '../../../tfjson/graph';
import { graphRule, isProd } from '../../rule';

function accounts(graph: StackGraph): string[] {
  const ids = graph.awsProvider?.['allowed_account_ids'];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * Prod shares no account with a non-prod environment checked in the same run (`--all`, or
 * every stack of the output folder with `npm run check`): PCI DSS 6.5.3 and 6.5.4 separate
 * pre-production from production, and an account is the boundary IAM, KMS key policies and
 * SCPs enforce. A stack with no `allowed_account_ids` may act anywhere, so only listed
 * accounts can be compared; PAY-ACCT-001 requires them in prod.
 */
export const acctSharedWithNonProd = graphRule({
  id: 'PAY-ACCT-002',
  title: 'Prod shares no AWS account with a non-prod environment',
  severity: 'high',
  resourceTypes: ['*'],
  pci: ['6.5.3', '6.5.4'],
  equivalents: {},
  rationale:
    'PCI DSS 6.5.3 separates pre-production from production environments, and 6.5.4 separates the roles and functions between them. Two environments in one account share its IAM principals, its service quotas and its account-wide settings, so a non-prod change or credential reaches production.',
  remediation:
    'Give each environment its own allowedAccountIds: prod in an account of its own (AWS Organizations), pre-production elsewhere.',
  prodOnly: true,
  check(graph, stacks = []) {
    const mine = accounts(graph);
    return stacks
      .filter((other) => other !== graph && !isProd(other))
      .flatMap((other) =>
        accounts(other)
          .filter((id) => mine.includes(id))
          .map((id) => ({
            address: 'provider.aws',
            message: `shares account ${id} with the non-prod stack ${other.name}`,
          })),
      );
  },
});
