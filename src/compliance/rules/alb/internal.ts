import { isInternetFacing, LOAD_BALANCER_TYPES } from '../../../tfjson/aws';
import { resourceRule } from '../../rule';

/** L6: the public ALB is an expected, suppressed finding. */
export const albInternal = resourceRule({
  id: 'PAY-ALB-006',
  title: 'Load balancer is internal',
  severity: 'high',
  resourceTypes: LOAD_BALANCER_TYPES,
  pci: ['1.3.1', '1.4.1'],
  catalogue: 'L6',
  equivalents: { trivy: ['AWS-0053'] },
  rationale:
    "An internet-facing load balancer is part of the untrusted network's attack surface; every public one must be justified.",
  remediation:
    'Set internal = true, or suppress with the business reason for the public endpoint and the controls in front of it (WAF, TLS policy).',
  test: (lb) =>
    isInternetFacing(lb) ? 'load balancer is internet-facing (internal is not true)' : undefined,
});
