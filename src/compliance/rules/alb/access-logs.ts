import { LOAD_BALANCER_TYPES } from '../../../tfjson/aws';
import { attr } from '../../../tfjson/graph';
import { isTrue, resourceRule } from '../../rule';

/** L3. */
export const albAccessLogs = resourceRule({
  id: 'PAY-ALB-003',
  title: 'Load balancer writes access logs',
  severity: 'medium',
  resourceTypes: LOAD_BALANCER_TYPES,
  pci: ['10.2.1'],
  catalogue: 'L3',
  equivalents: {
    checkov: ['CKV_AWS_91'],
    securityHub: ['ELB.5'],
    cdkNag: ['PCI.DSS.321-ELBLoggingEnabled', 'AwsSolutions-ELB2'],
  },
  rationale: "Access logs record every request to the cardholder data environment's front door.",
  remediation: 'Set access_logs { enabled = true, bucket = <access-log bucket> }.',
  test: (lb) =>
    isTrue(attr(lb.attrs, 'access_logs.enabled')) &&
    typeof attr(lb.attrs, 'access_logs.bucket') === 'string'
      ? undefined
      : 'access_logs are not enabled with a bucket',
});
