import { resourceRule } from '../../rule';

/** R2. */
export const rdsCmk = resourceRule({
  id: 'PAY-RDS-002',
  title: 'Database is encrypted with a customer managed KMS key',
  severity: 'high',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  pci: ['3.5.1', '3.6.1'],
  catalogue: 'R2',
  equivalents: { checkov: ['CKV_AWS_327'], trivy: ['AWS-0079'] },
  rationale:
    "A customer managed key puts key access under the project's policy and audit trail, separate from database access.",
  remediation: 'Set kms_key_id to a customer managed key ARN.',
  test: (db, graph) => {
    const key = db.attrs['kms_key_id'];
    if (typeof key !== 'string' || key === '' || key.includes('alias/aws/'))
      return 'kms_key_id is not a customer managed key';
    return graph
      .refsFrom(db.address, 'kms_key_id')
      .some(
        (e) =>
          e.to.startsWith('aws_kms_key.') ||
          e.to.startsWith('data.aws_kms_key.') ||
          e.to.startsWith('var.'),
      ) || /^arn:[a-z-]+:kms:/.test(key)
      ? undefined
      : 'kms_key_id does not name a KMS key';
  },
});
