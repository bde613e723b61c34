import { publicAccessFlagRule } from '../../checks/bucket';

/** S7. */
export const s3BlockPublicAcls = publicAccessFlagRule(
  'PAY-S3-007',
  'block_public_acls',
  'S7',
  {
    checkov: ['CKV_AWS_53'],
    trivy: ['AWS-0086'],
    kics: ['d0cc8694'],
    securityHub: ['S3.8'],
    cdkNag: ['AwsSolutions-S2'],
  },
  'rejects requests that add public ACLs',
);
