import { attributeRule } from '../../rule';

/** A2. */
export const acmTransparencyLogging = attributeRule({
  id: 'PAY-ACM-002',
  title: 'ACM certificate keeps Certificate Transparency logging',
  severity: 'low',
  resourceTypes: ['aws_acm_certificate'],
  pci: ['4.2.1.1'],
  catalogue: 'A2',
  equivalents: { checkov: ['CKV_AWS_234'] },
  rationale:
    'CT logging lets the domain owner detect certificates issued for it by mistake or by an attacker.',
  remediation: 'Remove options.certificate_transparency_logging_preference = "DISABLED".',
  attribute: 'options.certificate_transparency_logging_preference',
  complies: (v) => v !== 'DISABLED',
  problem: 'certificate transparency logging is disabled',
});
