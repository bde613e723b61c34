import { bucketPolicy } from '../../checks/bucket';
import { isPublicAllow } from '../../../tfjson/policy';
import { resourceRule } from '../../rule';

/** S13: no Allow to Principal "*". */
export const s3NoPublicPolicy = resourceRule({
  id: 'PAY-S3-013',
  title: 'S3 bucket policy allows no anonymous principal',
  severity: 'critical',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['1.3.1', '7.2.1'],
  catalogue: 'S13',
  equivalents: {
    checkov: ['CKV_AWS_70'],
    kics: ['7af43613'],
    securityHub: ['S3.2', 'S3.3', 'S3.6'],
  },
  rationale:
    'An Allow to "*" without a condition pinning the account or organisation makes the bucket public.',
  remediation:
    'Name the principals (account roles or AWS service principals) instead of "*", or add an aws:SourceAccount / aws:PrincipalOrgID condition.',
  test(bucket, graph) {
    const { statements, unreadable } = bucketPolicy(bucket, graph);
    const open = statements.filter(isPublicAllow);
    return [
      ...open.map((s) => `bucket policy statement ${s.sid ?? '(no Sid)'} allows any principal`),
      ...unreadable.map((r) => `bucket policy cannot be checked: ${r}`),
    ];
  },
});
