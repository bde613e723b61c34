import { isInternetFacing, LOAD_BALANCER_TYPES } from '../../../tfjson/aws';
import { resourceRule } from '../../rule';
import { needsReferrer } from '../../checks/referrer';

const protectedByWaf = needsReferrer(
  'aws_wafv2_web_acl_association',
  'resource_arn',
  'internet-facing load balancer',
);

/** L5: internet-facing ALBs have a WAFv2 web ACL association. */
export const albWaf = resourceRule({
  id: 'PAY-ALB-005',
  title: 'Internet-facing load balancer is protected by a WAF web ACL',
  severity: 'high',
  resourceTypes: LOAD_BALANCER_TYPES,
  pci: ['6.4.2'],
  catalogue: 'L5',
  equivalents: {
    checkov: ['CKV2_AWS_28'],
    kics: ['0afa6ab8'],
    securityHub: ['ELB.16'],
    cdkNag: ['PCI.DSS.321-ALBWAFEnabled'],
  },
  rationale:
    'PCI DSS v4.0 6.4.2 requires an automated technical solution that detects and prevents web-based attacks in front of public-facing web applications.',
  remediation: 'Add an aws_wafv2_web_acl_association with resource_arn = the load balancer ARN.',
  test: (lb, graph) => (isInternetFacing(lb) ? protectedByWaf(lb, graph) : undefined),
});
