import { attributeRule } from '../../rule';

/** W1. */
export const cwLogGroupKms = attributeRule({
  id: 'PAY-CW-001',
  title: 'CloudWatch log group is encrypted with a KMS key',
  severity: 'high',
  resourceTypes: ['aws_cloudwatch_log_group'],
  pci: ['3.5.1', '10.3.2'],
  catalogue: 'W1',
  equivalents: {
    checkov: ['CKV_AWS_158'],
    trivy: ['AWS-0017'],
    kics: ['0afbcfe9'],
    cdkNag: ['PCI.DSS.321-CloudWatchLogGroupEncrypted'],
  },
  rationale:
    'Logs can contain cardholder data and are audit evidence; a customer key restricts who can read them.',
  remediation: 'Set kms_key_id to the logs key (EncryptedLogGroup does).',
  attribute: 'kms_key_id',
  complies: (v) => typeof v === 'string' && v !== '',
  problem: 'kms_key_id is not set',
  // Any key reference or ARN counts: the rule asks only that a key is set.
  acceptsReferences: true,
});
