import { LISTENER_TYPES } from '../../../tfjson/aws';
import { resourceRule } from '../../rule';

/** L11: the HTTPS listener's certificate is managed by ACM. */
export const albAcmCertificate = resourceRule({
  id: 'PAY-ALB-009',
  title: 'HTTPS listener certificate comes from ACM',
  severity: 'medium',
  resourceTypes: LISTENER_TYPES,
  pci: ['4.2.1', '4.2.1.1'],
  catalogue: 'L11',
  equivalents: { cdkNag: ['PCI.DSS.321-ELBv2ACMCertificateRequired'] },
  rationale:
    'ACM keeps an inventory of trusted certificates and renews them, which 4.2.1.1 asks for.',
  remediation:
    'Set certificate_arn to an aws_acm_certificate (or aws_acm_certificate_validation) ARN, or an arn:aws:acm:... literal.',
  test(listener, graph) {
    const protocol = listener.attrs['protocol'];
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return undefined;
    const cert = listener.attrs['certificate_arn'];
    if (typeof cert !== 'string') return 'HTTPS listener has no certificate_arn';
    const refs = graph.refsFrom(listener.address, 'certificate_arn').map((e) => e.to);
    const fromAcm =
      refs.some((r) => /^(data\.)?aws_acm_certificate(_validation)?\./.test(r)) ||
      /^arn:[a-z-]+:acm:/.test(cert) ||
      refs.some((r) => r.startsWith('var.'));
    return fromAcm ? undefined : 'certificate_arn does not come from ACM';
  },
});
