import { companions } from '../../../tfjson/aws';
import { blockList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** S16: lifecycle configuration exists. */
export const s3Lifecycle = resourceRule({
  id: 'PAY-S3-016',
  title: 'S3 bucket has a lifecycle configuration',
  severity: 'low',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['3.2.1', '10.5.1'],
  catalogue: 'S16',
  equivalents: { checkov: ['CKV2_AWS_61'], securityHub: ['S3.13', 'S3.10'] },
  rationale:
    'Lifecycle rules enforce the retention policy: keep what must be kept, expire the rest.',
  remediation: 'Add an aws_s3_bucket_lifecycle_configuration with at least one enabled rule.',
  test(bucket, graph) {
    const rules = [
      ...companions(graph, bucket, 'aws_s3_bucket_lifecycle_configuration').flatMap((l) =>
        blockList(l.attrs['rule']),
      ),
      ...blockList(bucket.attrs['lifecycle_rule']),
    ];
    const ok = rules.some((r) => r['status'] === 'Enabled' || r['enabled'] === true);
    return ok ? undefined : 'bucket has no enabled lifecycle rule';
  },
});
