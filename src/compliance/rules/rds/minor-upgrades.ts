import { attributeRule, isFalse } from '../../rule';

/** R15. */
export const rdsMinorUpgrades = attributeRule({
  id: 'PAY-RDS-010',
  title: 'Database instances receive automatic minor version upgrades',
  severity: 'medium',
  resourceTypes: ['aws_rds_cluster_instance', 'aws_db_instance'],
  pci: ['6.3.3'],
  catalogue: 'R15',
  equivalents: {
    checkov: ['CKV_AWS_226'],
    kics: ['3b6d777b'],
    securityHub: ['RDS.35', 'RDS.13'],
    cdkNag: ['PCI.DSS.321-RDSAutomaticMinorVersionUpgradeEnabled'],
  },
  rationale: 'Minor versions carry security patches, which PCI DSS 6.3.3 asks to install promptly.',
  remediation: 'Leave auto_minor_version_upgrade unset or true.',
  attribute: 'auto_minor_version_upgrade',
  complies: (v) => !isFalse(v),
  problem: 'auto_minor_version_upgrade is false',
});
