import { graphRule } from '../../rule';
import { checkStatements, IDENTITY_POLICY_TYPES } from '../../checks/identity-policies';

/** I1. */
export const iamNoAdmin = graphRule({
  id: 'PAY-IAM-001',
  title: 'No IAM policy allows "*" actions on "*" resources',
  severity: 'critical',
  resourceTypes: IDENTITY_POLICY_TYPES,
  pci: ['7.2.1', '7.2.2'],
  catalogue: 'I1',
  equivalents: {
    checkov: ['CKV_AWS_62'],
    kics: ['2f37c4a3', 'b1ffa705'],
    securityHub: ['IAM.1'],
    cdkNag: ['PCI.DSS.321-IAMPolicyNoStatementsWithAdminAccess'],
  },
  rationale: 'Full administrator rights in a workload role break least privilege entirely.',
  remediation: 'List the actions and resources the workload needs.',
  check: (graph) =>
    checkStatements(graph, (s) =>
      (s.actions.includes('*') || s.notActions.length > 0) &&
      (s.resources.includes('*') || s.notResources.length > 0)
        ? 'allows every action on every resource'
        : undefined,
    ),
});
