import { stringList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** A3. */
export const acmNoWildcard = resourceRule({
  id: 'PAY-ACM-003',
  title: 'ACM certificate is not a wildcard certificate',
  severity: 'low',
  resourceTypes: ['aws_acm_certificate'],
  pci: ['4.2.1'],
  catalogue: 'A3',
  equivalents: { checkov: ['CKV2_AWS_71'] },
  rationale: 'A wildcard key, once stolen, impersonates every host of the domain.',
  remediation: 'Request a certificate for the exact host names.',
  test: (cert) => {
    const names = [
      ...stringList(cert.attrs['domain_name']),
      ...stringList(cert.attrs['subject_alternative_names']),
    ];
    const wild = names.filter((n) => n.startsWith('*.'));
    return wild.length > 0 ? `wildcard name ${wild.join(', ')}` : undefined;
  },
});
