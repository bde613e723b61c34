import { publicAccessFlagRule } from '../../checks/bucket';

/** S8. */
export const s3BlockPublicPolicy = publicAccessFlagRule(
  'PAY-S3-008',
  'block_public_policy',
  'S8',
  { checkov: ['CKV_AWS_54'], trivy: ['AWS-0087'], kics: ['1a4bc881'], securityHub: ['S3.8'] },
  'rejects bucket policies that grant public access',
);
