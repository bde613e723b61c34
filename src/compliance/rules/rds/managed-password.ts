import { isTrue, resourceRule } from '../../rule';

/** The master password is generated and kept by RDS in Secrets Manager, never in state. */
export const rdsManagedPassword = resourceRule({
  id: 'PAY-RDS-013',
  title: 'Database master password is managed by RDS in Secrets Manager',
  severity: 'critical',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  pci: ['8.3.2', '8.6.2', '8.6.3'],
  equivalents: {},
  rationale:
    'A password given to Terraform is stored in state in clear text; manage_master_user_password keeps it in Secrets Manager with rotation.',
  remediation:
    'Set manage_master_user_password = true (with master_user_secret_kms_key_id) and remove master_password.',
  test(db) {
    if (
      db.attrs['snapshot_identifier'] !== undefined ||
      db.attrs['replication_source_identifier'] !== undefined
    )
      return undefined;
    if (db.attrs['master_password'] !== undefined)
      return 'master_password is set: the password would be stored in Terraform state';
    return isTrue(db.attrs['manage_master_user_password'])
      ? undefined
      : 'manage_master_user_password is not true';
  },
});
