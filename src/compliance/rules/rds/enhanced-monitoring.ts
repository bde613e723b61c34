import { attributeRule, num } from '../../rule';

/** R14: enhanced monitoring. */
export const rdsEnhancedMonitoring = attributeRule({
  id: 'PAY-RDS-015',
  title: 'Database instances have enhanced monitoring',
  severity: 'low',
  resourceTypes: ['aws_rds_cluster_instance', 'aws_db_instance'],
  pci: ['10.2.1', '10.7.2'],
  catalogue: 'R14',
  equivalents: { checkov: ['CKV_AWS_118'], securityHub: ['RDS.6'] },
  rationale: 'OS-level metrics reveal resource exhaustion and failures of the database host early.',
  remediation: 'Set monitoring_interval (1, 5, 10, 15, 30 or 60) and monitoring_role_arn.',
  attribute: 'monitoring_interval',
  complies: (v) => (num(v) ?? 0) > 0,
  problem: 'monitoring_interval is not set above 0',
});
