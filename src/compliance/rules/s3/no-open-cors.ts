import { companions } from '../../../tfjson/aws';
import { blockList, stringList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** S22: no permissive CORS. */
export const s3NoOpenCors = resourceRule({
  id: 'PAY-S3-019',
  title: 'S3 bucket has no CORS rule open to every origin',
  severity: 'medium',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['6.2.4'],
  catalogue: 'S22',
  equivalents: { kics: ['98a8f708'] },
  rationale:
    'A wildcard CORS origin lets any web page make browsers read or write the bucket with their credentials.',
  remediation: 'List the allowed origins explicitly in aws_s3_bucket_cors_configuration.',
  test(bucket, graph) {
    const rules = [
      ...companions(graph, bucket, 'aws_s3_bucket_cors_configuration').flatMap((c) =>
        blockList(c.attrs['cors_rule']),
      ),
      ...blockList(bucket.attrs['cors_rule']),
    ];
    return rules.some((r) => stringList(r['allowed_origins']).includes('*'))
      ? 'a CORS rule allows every origin ("*")'
      : undefined;
  },
});
