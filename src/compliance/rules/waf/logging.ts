import { resourceRule } from '../../rule';
import { needsReferrer } from '../../checks/referrer';

/** F4. */
export const wafLogging = resourceRule({
  id: 'PAY-WAF-004',
  title: 'WAF web ACL has a logging configuration',
  severity: 'medium',
  resourceTypes: ['aws_wafv2_web_acl'],
  pci: ['10.2.1'],
  catalogue: 'F4',
  equivalents: {
    checkov: ['CKV2_AWS_31'],
    securityHub: ['WAF.11'],
    cdkNag: ['PCI.DSS.321-WAFv2LoggingEnabled'],
  },
  rationale:
    'WAF logs show which requests were blocked and why: evidence for the 6.4.2 control and input to incident response.',
  remediation:
    'Add an aws_wafv2_web_acl_logging_configuration with resource_arn = the web ACL ARN.',
  test: needsReferrer('aws_wafv2_web_acl_logging_configuration', 'resource_arn', 'web ACL'),
});
