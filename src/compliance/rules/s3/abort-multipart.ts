import { companions } from '../../../tfjson/aws';
import { blockList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** S17: abort incomplete multipart uploads. */
export const s3AbortMultipart = resourceRule({
  id: 'PAY-S3-017',
  title: 'S3 lifecycle aborts incomplete multipart uploads',
  severity: 'low',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['3.2.1'],
  catalogue: 'S17',
  equivalents: { checkov: ['CKV_AWS_300'] },
  rationale: 'Incomplete uploads are invisible in listings but keep data (and cost) indefinitely.',
  remediation: 'Add a lifecycle rule with abort_incomplete_multipart_upload.days_after_initiation.',
  test(bucket, graph) {
    const ok = companions(graph, bucket, 'aws_s3_bucket_lifecycle_configuration')
      .flatMap((l) => blockList(l.attrs['rule']))
      .some(
        (r) =>
          r['status'] === 'Enabled' && blockList(r['abort_incomplete_multipart_upload']).length > 0,
      );
    return ok ? undefined : 'no enabled lifecycle rule aborts incomplete multipart uploads';
  },
});
