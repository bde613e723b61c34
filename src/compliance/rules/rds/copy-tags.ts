import { attributeRule, isTrue } from '../../rule';

/** R8. */
export const rdsCopyTags = attributeRule({
  id: 'PAY-RDS-007',
  title: 'Database copies tags to snapshots',
  severity: 'low',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  pci: ['9.4.2', '12.5.1'],
  catalogue: 'R8',
  equivalents: { checkov: ['CKV_AWS_313'], securityHub: ['RDS.16'] },
  rationale:
    'Snapshots hold the same cardholder data; tags carry its classification and ownership into the inventory.',
  remediation: 'Set copy_tags_to_snapshot = true.',
  attribute: 'copy_tags_to_snapshot',
  complies: isTrue,
  problem: 'copy_tags_to_snapshot is not true',
});
