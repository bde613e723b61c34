import { companions } from '../../../tfjson/aws';
import { attr } from '../../../tfjson/graph';
import { isTrue, resourceRule } from '../../rule';

/** S3: versioning enabled. */
export const s3Versioning = resourceRule({
  id: 'PAY-S3-003',
  title: 'S3 bucket has versioning enabled',
  severity: 'high',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['10.3.3', '10.5.1'],
  catalogue: 'S3',
  equivalents: {
    checkov: ['CKV_AWS_21'],
    trivy: ['AWS-0090'],
    kics: ['568a4d22'],
    cdkNag: ['PCI.DSS.321-S3BucketVersioningEnabled'],
  },
  rationale:
    'Versioning keeps overwritten and deleted objects recoverable, which protects audit logs and assets against tampering and mistakes.',
  remediation: 'Add an aws_s3_bucket_versioning with versioning_configuration.status = "Enabled".',
  test(bucket, graph) {
    const split = companions(graph, bucket, 'aws_s3_bucket_versioning').some(
      (v) => attr(v.attrs, 'versioning_configuration.status') === 'Enabled',
    );
    const inline = isTrue(attr(bucket.attrs, 'versioning.enabled'));
    return split || inline ? undefined : 'bucket versioning is not enabled';
  },
});
