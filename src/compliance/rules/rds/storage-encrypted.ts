import { attributeRule, isTrue } from '../../rule';

/** R1. */
export const rdsStorageEncrypted = attributeRule({
  id: 'PAY-RDS-001',
  title: 'Database storage is encrypted',
  severity: 'critical',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  pci: ['3.5.1'],
  catalogue: 'R1',
  equivalents: {
    checkov: ['CKV_AWS_96'],
    trivy: ['AWS-0079'],
    kics: ['1a690d1d', '3199c26c'],
    securityHub: ['RDS.27'],
    cdkNag: ['PCI.DSS.321-RDSStorageEncrypted', 'AwsSolutions-RDS2'],
  },
  rationale:
    'The database holds cardholder data; its storage, snapshots and replicas must be encrypted at rest.',
  remediation: 'Set storage_encrypted = true (it can only be set when the cluster is created).',
  attribute: 'storage_encrypted',
  complies: isTrue,
  problem: 'storage_encrypted is not true',
});
