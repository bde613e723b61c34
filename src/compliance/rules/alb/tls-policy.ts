import { ALLOWED_TLS_POLICIES, isAllowedTlsPolicy } from '../../../aws-facts/tls-policies';
import { LISTENER_TYPES } from '../../../tfjson/aws';
import { resourceRule } from '../../rule';

/** L10: the listener's TLS policy is on the project's allow-list (docs/system.md section 6). */
export const albTlsPolicy = resourceRule({
  id: 'PAY-ALB-008',
  title: 'HTTPS listener uses an allowed TLS policy',
  severity: 'high',
  resourceTypes: LISTENER_TYPES,
  pci: ['4.2.1'],
  catalogue: 'L10',
  equivalents: {
    checkov: ['CKV_AWS_103', 'CKV2_AWS_74'],
    trivy: ['AWS-0047'],
    securityHub: ['ELB.17'],
  },
  rationale:
    'Only TLS 1.2+ policies without weak ciphers are strong cryptography; when no policy is set the API applies ELBSecurityPolicy-2016-08, which allows TLS 1.0.',
  remediation: `Set ssl_policy to one of: ${ALLOWED_TLS_POLICIES.join(', ')}.`,
  test(listener) {
    const protocol = listener.attrs['protocol'];
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return undefined;
    const policy = listener.attrs['ssl_policy'];
    if (typeof policy !== 'string')
      return 'HTTPS listener has no ssl_policy (the API default allows TLS 1.0)';
    return isAllowedTlsPolicy(policy) ? undefined : `ssl_policy ${policy} is not on the allow-list`;
  },
});
