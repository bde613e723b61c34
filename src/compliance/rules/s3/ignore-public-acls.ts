import { publicAccessFlagRule } from '../../checks/bucket';

/** S9. */
export const s3IgnorePublicAcls = publicAccessFlagRule(
  'PAY-S3-009',
  'ignore_public_acls',
  'S9',
  { checkov: ['CKV_AWS_55'], trivy: ['AWS-0091'], kics: ['4fa66806'], securityHub: ['S3.8'] },
  'makes S3 ignore any public ACL already present',
);
