import { attributeRule, num } from '../../rule';

/** R4: strictest of the three scanners: must be set, and at least 7 days. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

export const rdsBackupRetention = attributeRule({
  id: 'PAY-RDS-004',
  title: `Database keeps automated backups for at least ${MIN_BACKUP_RETENTION_DAYS} days`,
  severity: 'high',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  pci: ['12.10.1', '10.5.1'],
  catalogue: 'R4',
  equivalents: {
    checkov: ['CKV_AWS_133'],
    trivy: ['AWS-0077'],
    kics: ['e542bd46'],
    securityHub: ['RDS.11'],
    cdkNag: ['AwsSolutions-RDS13'],
  },
  rationale:
    'The provider default is one day; recovery from corruption or ransomware needs a longer window (the project keeps 35).',
  remediation: 'Set backup_retention_period (1-35); the project uses 35.',
  attribute: 'backup_retention_period',
  complies: (v) => (num(v) ?? 0) >= MIN_BACKUP_RETENTION_DAYS,
  problem: (v) =>
    num(v) === undefined
      ? 'backup_retention_period is not set (provider default: 1 day)'
      : `backup_retention_period is ${num(v)} days`,
});
