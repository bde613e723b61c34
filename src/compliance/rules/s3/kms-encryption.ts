import { attr } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';
import { sseRules } from '../../checks/bucket';

/** S2: SSE-KMS with a customer managed key. */
export const s3KmsEncryption = resourceRule({
  id: 'PAY-S3-002',
  title: 'S3 bucket encrypts with a customer managed KMS key',
  severity: 'medium',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['3.5.1', '3.6.1'],
  catalogue: 'S2',
  equivalents: {
    checkov: ['CKV_AWS_145'],
    trivy: ['AWS-0132'],
    securityHub: ['S3.17'],
    cdkNag: ['PCI.DSS.321-S3DefaultEncryptionKMS'],
  },
  rationale:
    'A customer managed key gives key-level access control, rotation and an audit trail of every decrypt, separate from S3 permissions.',
  remediation:
    'Set sse_algorithm = "aws:kms" and kms_master_key_id to a customer managed key ARN. Buckets that receive ALB access logs cannot use KMS: suppress with that reason.',
  test(bucket, graph) {
    const ok = sseRules(bucket, graph).some((r) => {
      const algo = attr(r, 'apply_server_side_encryption_by_default.sse_algorithm');
      const key = attr(r, 'apply_server_side_encryption_by_default.kms_master_key_id');
      return (
        (algo === 'aws:kms' || algo === 'aws:kms:dsse') &&
        typeof key === 'string' &&
        key !== '' &&
        !key.includes('alias/aws/')
      );
    });
    return ok ? undefined : 'bucket is not encrypted with a customer managed KMS key (SSE-KMS)';
  },
});
