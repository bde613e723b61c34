import { attributeRule, num } from '../../rule';

/** R11: Aurora MySQL backtrack (not available on Serverless v2: an expected, suppressed finding). */
export const rdsBacktrack = attributeRule({
  id: 'PAY-RDS-011',
  title: 'Aurora MySQL cluster has backtracking enabled',
  severity: 'low',
  resourceTypes: ['aws_rds_cluster'],
  pci: ['12.10.1'],
  catalogue: 'R11',
  equivalents: {
    checkov: ['CKV_AWS_326'],
    securityHub: ['RDS.14'],
    cdkNag: ['AwsSolutions-RDS14'],
  },
  rationale:
    'Backtracking rewinds a MySQL cluster in minutes after a destructive statement, without a restore.',
  remediation:
    'Set backtrack_window (seconds) on Aurora MySQL provisioned clusters; where it is not supported, suppress with the reason.',
  attribute: 'backtrack_window',
  complies: (v) => (num(v) ?? 0) > 0,
  problem: 'backtrack_window is not set',
  appliesWhen: (cluster) => cluster.attrs['engine'] === 'aurora-mysql',
});
