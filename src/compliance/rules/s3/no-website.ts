import { companions } from '../../../tfjson/aws';
import { blockList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** S21: no static website hosting. */
export const s3NoWebsite = resourceRule({
  id: 'PAY-S3-018',
  title: 'S3 bucket does not host a static website',
  severity: 'high',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['1.3.1', '4.2.1'],
  catalogue: 'S21',
  equivalents: { kics: ['42bb6b7f'], cdkNag: ['AwsSolutions-S5'] },
  rationale:
    'Website endpoints serve plain HTTP to the public; content belongs behind CloudFront or the ALB with TLS.',
  remediation: 'Remove aws_s3_bucket_website_configuration (and the inline website block).',
  test(bucket, graph) {
    const hosted =
      companions(graph, bucket, 'aws_s3_bucket_website_configuration').length > 0 ||
      blockList(bucket.attrs['website']).length > 0;
    return hosted ? 'bucket has static website hosting' : undefined;
  },
});
