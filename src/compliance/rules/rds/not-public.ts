import { attributeRule, isTrue } from '../../rule';

/** R12. */
export const rdsNotPublic = attributeRule({
  id: 'PAY-RDS-008',
  title: 'Database instance is not publicly accessible',
  severity: 'critical',
  resourceTypes: ['aws_rds_cluster_instance', 'aws_db_instance'],
  pci: ['1.3.1', '1.4.4'],
  catalogue: 'R12',
  equivalents: {
    checkov: ['CKV_AWS_17'],
    trivy: ['AWS-0180'],
    kics: ['35113e6f'],
    securityHub: ['RDS.2'],
    cdkNag: ['PCI.DSS.321-RDSInstancePublicAccess'],
  },
  rationale:
    'A publicly accessible instance gets a public DNS address; stored cardholder data must not be directly reachable from the internet.',
  remediation: 'Set publicly_accessible = false (or leave it unset).',
  attribute: 'publicly_accessible',
  complies: (v) => !isTrue(v),
  problem: 'publicly_accessible is true',
});
