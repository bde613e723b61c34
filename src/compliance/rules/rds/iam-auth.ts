import { attributeRule, isTrue } from '../../rule';

/** R5. */
export const rdsIamAuth = attributeRule({
  id: 'PAY-RDS-005',
  title: 'Database enables IAM authentication',
  severity: 'medium',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  pci: ['8.3.1', '8.6.2'],
  catalogue: 'R5',
  equivalents: {
    checkov: ['CKV_AWS_162'],
    kics: ['88fd05e0'],
    securityHub: ['RDS.12'],
    cdkNag: ['AwsSolutions-RDS6'],
  },
  rationale:
    'IAM authentication issues short-lived tokens instead of long-lived database passwords in applications.',
  remediation:
    'Set iam_database_authentication_enabled = true and grant rds-db:connect to the app role.',
  attribute: 'iam_database_authentication_enabled',
  complies: isTrue,
  problem: 'iam_database_authentication_enabled is not true',
});
