import { resourceRule } from '../../rule';
import { bucketPolicy } from '../../checks/bucket';

/** Beyond S14: refuse TLS below 1.2 (the stack's SecureBucket does this). */
export const s3DenyOldTls = resourceRule({
  id: 'PAY-S3-015',
  title: 'S3 bucket policy denies TLS versions below 1.2',
  severity: 'medium',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['4.2.1'],
  equivalents: {},
  rationale:
    'PCI DSS requires strong cryptography in transit; TLS 1.0 and 1.1 are no longer considered strong.',
  remediation: 'Add a Deny statement with Condition NumericLessThan s3:TlsVersion = "1.2".',
  test(bucket, graph) {
    const ok = bucketPolicy(bucket, graph).statements.some((s) => {
      if (s.effect !== 'Deny') return false;
      const v = s.conditions['NumericLessThan']?.['s3:TlsVersion'];
      return v !== undefined && v.some((x) => Number(x) >= 1.2);
    });
    return ok ? undefined : 'bucket policy does not deny TLS versions below 1.2';
  },
});
