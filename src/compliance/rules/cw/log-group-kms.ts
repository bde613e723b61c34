import { resourceRule } from '../../rule';

/** W1. */
export const cwLogGroupKms = resourceRule({
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
  test: (lg) =>
    typeof lg.attrs['kms_key_id'] === 'string' && lg.attrs['kms_key_id'] !== ''
      ? undefined
      : 'kms_key_id is not set',
});
