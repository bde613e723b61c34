import { attributeRule, isTrue } from '../../rule';

/** K1: symmetric keys rotate (asymmetric and HMAC keys cannot). */
export const kmsRotation = attributeRule({
  id: 'PAY-KMS-001',
  title: 'KMS key has automatic rotation',
  severity: 'high',
  resourceTypes: ['aws_kms_key'],
  pci: ['3.6.1', '3.7.4'],
  catalogue: 'K1',
  equivalents: {
    checkov: ['CKV_AWS_7'],
    trivy: ['AWS-0065'],
    kics: ['22fbfeac'],
    securityHub: ['KMS.4'],
    cdkNag: ['PCI.DSS.321-KMSBackingKeyRotationEnabled', 'AwsSolutions-KMS5'],
  },
  rationale:
    'PCI DSS 3.7.4 requires key changes at the end of the cryptoperiod; automatic rotation does it yearly (or as configured).',
  remediation: 'Set enable_key_rotation = true.',
  attribute: 'enable_key_rotation',
  complies: isTrue,
  problem: 'enable_key_rotation is not true',
  // Asymmetric and HMAC keys cannot rotate.
  appliesWhen: (key) => {
    const spec = key.attrs['customer_master_key_spec'];
    const usage = key.attrs['key_usage'];
    return (
      !(typeof spec === 'string' && spec !== 'SYMMETRIC_DEFAULT') &&
      !(typeof usage === 'string' && usage !== 'ENCRYPT_DECRYPT')
    );
  },
});
