import { isFalse, graphRule } from '../../rule';
import { missingFromBaseline } from '../../checks/baseline';
import type { Violation } from '../../rule';

/** The standards' paths in `standards_arn` (after `::standards/`). */
export const REQUIRED_STANDARDS = {
  'pci-dss/v/4.0.1': 'PCI DSS v4.0.1',
  'aws-foundational-security-best-practices/v/1.0.0': 'AWS Foundational Security Best Practices',
} as const;

export const acctSecurityHub = graphRule({
  id: 'PAY-ACCT-006',
  title: 'Security Hub runs PCI DSS v4.0.1 and FSBP, and no standard outside Terraform',
  severity: 'high',
  resourceTypes: ['aws_securityhub_account', 'aws_securityhub_standards_subscription'],
  pci: ['11.5.1', '12.4.2', '10.7.2'],
  equivalents: {},
  rationale:
    "Security Hub's PCI DSS v4.0.1 standard is the assessor's own check of the account; FSBP covers the controls PCI DSS leaves to good practice. Default standards enabled by the service itself would run outside the configuration and drift.",
  remediation:
    'aws_securityhub_account with enable_default_standards = false, and an aws_securityhub_standards_subscription for standards/pci-dss/v/4.0.1 and standards/aws-foundational-security-best-practices/v/1.0.0.',
  check(graph) {
    const out: Violation[] = [
      ...missingFromBaseline(graph, 'region', 'aws_securityhub_account', 'Security Hub'),
    ];
    const accounts = graph.resources('aws_securityhub_account');
    if (accounts.length === 0) return out;
    for (const a of accounts)
      if (!isFalse(a.attrs['enable_default_standards']))
        out.push({
          address: a.address,
          message:
            'enable_default_standards is not false: standards would be enabled outside the configuration',
        });
    const arns = graph
      .resources('aws_securityhub_standards_subscription')
      .map((s) => String(s.attrs['standards_arn'] ?? ''));
    for (const [path, name] of Object.entries(REQUIRED_STANDARDS))
      if (!arns.some((arn) => arn.endsWith(`::standards/${path}`)))
        out.push({
          address: accounts[0]!.address,
          message: `no subscription to ${name} (${path})`,
        });
    return out;
  },
});
