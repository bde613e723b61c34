import { LISTENER_TYPES } from '../../../tfjson/aws';
import { attr, blockList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** L8/L9: a listener is HTTPS, or HTTP whose every default action redirects to HTTPS. */
export const albHttpRedirects = resourceRule({
  id: 'PAY-ALB-007',
  title: 'HTTP listener only redirects to HTTPS',
  severity: 'high',
  resourceTypes: LISTENER_TYPES,
  pci: ['4.2.1'],
  catalogue: 'L8/L9',
  equivalents: {
    checkov: ['CKV_AWS_2', 'CKV2_AWS_20'],
    trivy: ['AWS-0054'],
    kics: ['de7f5e83'],
    securityHub: ['ELB.1'],
    cdkNag: ['PCI.DSS.321-ALBHttpToHttpsRedirection'],
  },
  rationale:
    'Cardholder data must never cross the internet in clear text: port 80 may only answer with a redirect.',
  remediation:
    'Give the HTTP listener one default_action of type "redirect" with protocol "HTTPS" (status HTTP_301), and no forward rules.',
  test(listener, graph) {
    const protocol = listener.attrs['protocol'];
    if (protocol === 'HTTPS' || protocol === 'TLS') return undefined;
    if (protocol !== 'HTTP') return `listener protocol is ${JSON.stringify(protocol ?? null)}`;
    const actions = blockList(listener.attrs['default_action']);
    const redirects =
      actions.length > 0 &&
      actions.every((a) => a['type'] === 'redirect' && attr(a, 'redirect.protocol') === 'HTTPS');
    const rules = graph.refsTo(listener.address).filter((e) => e.attribute === 'listener_arn');
    if (!redirects) return 'HTTP listener does not only redirect to HTTPS';
    return rules.length > 0
      ? 'HTTP listener has listener rules that may forward traffic'
      : undefined;
  },
});
