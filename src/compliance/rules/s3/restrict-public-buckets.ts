import { publicAccessFlagRule } from '../../checks/bucket';

/** S10. */
export const s3RestrictPublicBuckets = publicAccessFlagRule(
  'PAY-S3-010',
  'restrict_public_buckets',
  'S10',
  { checkov: ['CKV_AWS_56'], trivy: ['AWS-0093'], kics: ['1ec253ab'], securityHub: ['S3.8'] },
  'limits a bucket with a public policy to AWS services and the owner account',
);
