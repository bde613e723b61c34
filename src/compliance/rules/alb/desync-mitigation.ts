import { LOAD_BALANCER_TYPES } from '../../../tfjson/aws';
import { attributeRule } from '../../rule';

/** L4: unset means the AWS default, `defensive`. */
export const albDesyncMitigation = attributeRule({
  id: 'PAY-ALB-004',
  title: 'Load balancer desync mitigation is defensive or strictest',
  severity: 'medium',
  resourceTypes: LOAD_BALANCER_TYPES,
  pci: ['6.4.1'],
  catalogue: 'L4',
  equivalents: { checkov: ['CKV_AWS_328'], securityHub: ['ELB.12'] },
  rationale: 'The monitor mode lets ambiguous requests (HTTP desync) through to targets.',
  remediation: 'Set desync_mitigation_mode to "defensive" or "strictest".',
  attribute: 'desync_mitigation_mode',
  complies: (v) => v === undefined || v === 'defensive' || v === 'strictest',
  problem: (v) => `desync_mitigation_mode is ${JSON.stringify(v)}`,
});
