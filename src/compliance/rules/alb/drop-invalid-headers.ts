import { LOAD_BALANCER_TYPES } from '../../../tfjson/aws';
import { attributeRule, isTrue } from '../../rule';

/** L1. */
export const albDropInvalidHeaders = attributeRule({
  id: 'PAY-ALB-001',
  title: 'Load balancer drops invalid HTTP header fields',
  severity: 'high',
  resourceTypes: LOAD_BALANCER_TYPES,
  pci: ['6.4.1', '6.2.4'],
  catalogue: 'L1',
  equivalents: {
    checkov: ['CKV_AWS_131'],
    trivy: ['AWS-0052'],
    kics: ['6e3fd2ed'],
    securityHub: ['ELB.4'],
    cdkNag: ['PCI.DSS.321-ALBHttpDropInvalidHeaderEnabled'],
  },
  rationale:
    'Malformed headers are a request-smuggling vector between the load balancer and the application.',
  remediation: 'Set drop_invalid_header_fields = true.',
  attribute: 'drop_invalid_header_fields',
  complies: isTrue,
  problem: 'drop_invalid_header_fields is not true',
  appliesWhen: (lb) =>
    !lb.attrs['load_balancer_type'] || lb.attrs['load_balancer_type'] === 'application',
});
