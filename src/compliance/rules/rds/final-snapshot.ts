import { attributeRule, isTrue } from '../../rule';

/** Prod keeps a final snapshot when the cluster is destroyed (docs/system.md section 4). */
export const rdsFinalSnapshot = attributeRule({
  id: 'PAY-RDS-014',
  title: 'Prod database takes a final snapshot on destroy',
  severity: 'high',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  pci: ['12.10.1'],
  equivalents: {},
  rationale:
    'A destroyed production database without a final snapshot loses every transaction since the last backup.',
  remediation:
    'Set skip_final_snapshot = false (the provider default) and a unique final_snapshot_identifier.',
  attribute: 'skip_final_snapshot',
  complies: (v) => !isTrue(v),
  problem: 'prod database skips its final snapshot',
  prodOnly: true,
});
