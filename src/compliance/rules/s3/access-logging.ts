import { companions } from '../../../tfjson/aws';
import { attr } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** S5: server access logging. */
export const s3AccessLogging = resourceRule({
  id: 'PAY-S3-005',
  title: 'S3 bucket has server access logging',
  severity: 'medium',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['10.2.1', '10.2.1.1'],
  catalogue: 'S5',
  equivalents: {
    checkov: ['CKV_AWS_18'],
    trivy: ['AWS-0089'],
    kics: ['f861041c'],
    securityHub: ['S3.9'],
    cdkNag: ['PCI.DSS.321-S3BucketLoggingEnabled', 'AwsSolutions-S1'],
  },
  rationale:
    'Access logs record who read or changed which object, the audit trail PCI DSS Requirement 10 asks for.',
  remediation:
    'Add an aws_s3_bucket_logging that sends the logs to the access-log bucket. The access-log bucket itself is suppressed (logging to itself would loop).',
  test(bucket, graph) {
    const split = companions(graph, bucket, 'aws_s3_bucket_logging').some(
      (l) => typeof l.attrs['target_bucket'] === 'string',
    );
    const inline = typeof attr(bucket.attrs, 'logging.target_bucket') === 'string';
    return split || inline ? undefined : 'bucket has no server access logging';
  },
});
