import { companions } from '../../../tfjson/aws';
import { attr, blockList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

const PUBLIC_ACLS = ['public-read', 'public-read-write', 'authenticated-read'];
const PUBLIC_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;

/** S11: no public canned ACL or grant to AllUsers/AuthenticatedUsers. */
export const s3NoPublicAcl = resourceRule({
  id: 'PAY-S3-011',
  title: 'S3 bucket has no public ACL or public grant',
  severity: 'critical',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['1.3.1', '1.4.4', '7.2.1'],
  catalogue: 'S11',
  equivalents: {
    checkov: ['CKV_AWS_20', 'CKV_AWS_57', 'CKV2_AWS_43'],
    trivy: ['AWS-0092'],
    kics: ['38c5ee0d', '57b9893d', '64a222aa'],
    securityHub: ['S3.2', 'S3.3'],
    cdkNag: [
      'PCI.DSS.321-S3BucketPublicReadProhibited',
      'PCI.DSS.321-S3BucketPublicWriteProhibited',
    ],
  },
  rationale: 'A public ACL exposes stored data to anyone on the internet.',
  remediation:
    'Remove the canned ACL or grant; use BucketOwnerEnforced ownership and bucket policies.',
  test(bucket, graph) {
    const acls = companions(graph, bucket, 'aws_s3_bucket_acl');
    const canned = [bucket.attrs['acl'], ...acls.map((a) => a.attrs['acl'])].filter(
      (a): a is string => typeof a === 'string' && PUBLIC_ACLS.includes(a),
    );
    const grants = [
      ...blockList(bucket.attrs['grant']),
      ...acls.flatMap((a) => blockList(attr(a.attrs, 'access_control_policy.grant'))),
    ].filter((g) => PUBLIC_GROUPS.test(JSON.stringify(g)));
    const out: string[] = canned.map((a) => `bucket has the public canned ACL "${a}"`);
    if (grants.length > 0) out.push('bucket ACL grants access to AllUsers or AuthenticatedUsers');
    return out.length > 0 ? out : undefined;
  },
});
