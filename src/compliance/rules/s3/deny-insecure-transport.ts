import type { Block } from '../../../tfjson/graph';
import { deniesInsecureTransport, isAnyPrincipal } from '../../../tfjson/policy';
import { resourceRule } from '../../rule';
import { bucketPolicy } from '../../checks/bucket';

/** S14: deny non-TLS requests. */
export const s3DenyInsecureTransport = resourceRule({
  id: 'PAY-S3-014',
  title: 'S3 bucket policy denies requests without TLS',
  severity: 'high',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['4.2.1'],
  catalogue: 'S14',
  equivalents: {
    kics: ['4bc4dd4c'],
    securityHub: ['S3.5'],
    cdkNag: ['PCI.DSS.321-S3BucketSSLRequestsOnly', 'AwsSolutions-S10'],
  },
  rationale:
    'S3 accepts plain HTTP unless the bucket policy refuses it; data must be encrypted in transit.',
  remediation:
    'Add a Deny statement for Principal "*", Action "s3:*" on the bucket and its objects with Condition Bool aws:SecureTransport = "false".',
  test(bucket, graph) {
    const { statements } = bucketPolicy(bucket, graph);
    const ok = statements.some(
      (s) =>
        deniesInsecureTransport(s) &&
        isAnyPrincipal(s) &&
        s.actions.some((a) => a === 's3:*' || a === '*') &&
        coversBucketAndObjects(s.resources, bucket),
    );
    return ok ? undefined : 'bucket policy has no Deny for aws:SecureTransport = false';
  },
});

/**
 * True when the resources name this bucket and its objects: "*", or the bucket's ARN (by
 * reference or literal name) both alone and with "/*". A Deny on another bucket, or on the
 * bucket but not its objects, leaves this bucket's objects reachable over plain HTTP.
 */
function coversBucketAndObjects(resources: readonly string[], bucket: Block): boolean {
  if (resources.includes('*')) return true;
  const name = typeof bucket.attrs['bucket'] === 'string' ? bucket.attrs['bucket'] : undefined;
  const arns = [
    `\${${bucket.address}.arn}`,
    ...(name && !name.includes('${') ? [`arn:aws:s3:::${name}`] : []),
  ];
  // Literal ARNs may spell the partition as a reference (arn:${data.aws_partition...}:s3:::).
  const normalised = resources.map((r) => r.replace(/^arn:[^:]*:s3:::/, 'arn:aws:s3:::'));
  const covers = (suffix: string) => arns.some((arn) => normalised.includes(`${arn}${suffix}`));
  return covers('') && covers('/*');
}
