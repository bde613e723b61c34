import { graphRule } from '../../rule';
import { checkStatements, IDENTITY_POLICY_TYPES } from '../../checks/identity-policies';

/** I2. */
export const iamNoServiceWildcard = graphRule({
  id: 'PAY-IAM-002',
  title: 'No IAM policy allows every action of a service ("svc:*" or "*")',
  severity: 'high',
  resourceTypes: IDENTITY_POLICY_TYPES,
  pci: ['7.2.1', '7.2.2'],
  catalogue: 'I2',
  equivalents: {
    checkov: ['CKV_AWS_63'],
    kics: ['575a2155'],
    securityHub: ['IAM.21'],
    cdkNag: ['PCI.DSS.321-IAMPolicyNoStatementsWithFullAccess', 'AwsSolutions-IAM5'],
  },
  rationale:
    'A service wildcard grants future actions nobody reviewed, including destructive and permission-changing ones.',
  remediation: 'List the actions explicitly.',
  check: (graph) =>
    checkStatements(graph, (s) => {
      const wild = s.actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
      if (s.notActions.length > 0) return 'uses NotAction with Allow';
      return wild.length > 0 ? `allows ${wild.join(', ')}` : undefined;
    }),
});
