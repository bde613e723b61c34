import { attributeRule, isFalse } from '../../rule';

/** K3. */
export const kmsEnabled = attributeRule({
  id: 'PAY-KMS-003',
  title: 'KMS key is enabled',
  severity: 'medium',
  resourceTypes: ['aws_kms_key'],
  pci: ['3.6.1'],
  catalogue: 'K3',
  equivalents: { checkov: ['CKV_AWS_227'], kics: ['7350fa23'] },
  rationale:
    'A disabled key makes the data it encrypts unreadable to the application (and to log delivery).',
  remediation: 'Leave is_enabled unset or true.',
  attribute: 'is_enabled',
  complies: (v) => !isFalse(v),
  problem: 'is_enabled is false',
});
