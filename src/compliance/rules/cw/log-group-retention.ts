import { attributeRule, num } from '../../rule';

/** W2: retention is set (0 would mean "never expire", which the provider writes as unset). */
export const cwLogGroupRetention = attributeRule({
  id: 'PAY-CW-002',
  title: 'CloudWatch log group sets a retention period',
  severity: 'medium',
  resourceTypes: ['aws_cloudwatch_log_group'],
  pci: ['10.5.1', '3.2.1'],
  catalogue: 'W2',
  equivalents: {
    checkov: ['CKV_AWS_66'],
    kics: ['ef0b316a'],
    cdkNag: ['PCI.DSS.321-CloudWatchLogGroupRetentionPeriod'],
  },
  rationale:
    'Retention must be a decision: long enough for PCI DSS 10.5.1, and not forever for data minimisation.',
  remediation: 'Set retention_in_days from the profile (EncryptedLogGroup does).',
  attribute: 'retention_in_days',
  complies: (v) => (num(v) ?? 0) > 0,
  problem: 'retention_in_days is not set',
});
