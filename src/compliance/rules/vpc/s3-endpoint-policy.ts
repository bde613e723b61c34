import type { Statement } from '../../../tfjson/policy';
import { readPolicy } from '../../../tfjson/policy';
import { resourceRule } from '../../rule';

/** Condition keys that pin a request to buckets of one account or organisation. */
const BUCKET_OWNER_KEYS = ['aws:resourceaccount', 'aws:resourceorgid', 's3:resourceaccount'];
const NARROWING = ['stringequals', 'stringlike'];

/** An Allow that reaches every bucket (Resource `*` or `arn:...:s3:::*`) of any owner. */
function reachesAnyBucket(s: Statement): boolean {
  if (s.effect !== 'Allow') return false;
  const everyBucket =
    s.notResources.length > 0 || s.resources.some((r) => r === '*' || /^arn:[^:]+:s3:::\*/.test(r));
  if (!everyBucket) return false;
  const ownerPinned = Object.entries(s.conditions).some(
    ([operator, keys]) =>
      NARROWING.includes(operator.toLowerCase()) &&
      Object.entries(keys).some(
        ([key, values]) =>
          BUCKET_OWNER_KEYS.includes(key.toLowerCase()) &&
          values.length > 0 &&
          values.every((v) => v !== '' && !/^[*?]+$/.test(v)),
      ),
  );
  return !ownerPinned;
}

/**
 * A gateway endpoint without a policy (AWS's default is full access) lets anything in the
 * private subnets copy data to any bucket in any account, bypassing every egress control.
 */
export const vpcS3EndpointPolicy = resourceRule({
  id: 'PAY-VPC-008',
  title: 'S3 gateway endpoint reaches only known buckets',
  severity: 'high',
  resourceTypes: ['aws_vpc_endpoint'],
  pci: ['1.3.2', '1.4.4'],
  equivalents: {},
  rationale:
    'With the default full-access policy the S3 endpoint is a path for card data to any bucket of any account, unseen by NAT or firewall egress controls.',
  remediation:
    "Give the endpoint a policy that allows this account's buckets (aws:ResourceAccount) and, read-only, the AWS-owned buckets the workload needs (ECR layers, OS repositories).",
  test: (endpoint, graph) => {
    const service = endpoint.attrs['service_name'];
    if (typeof service !== 'string' || !/\.s3$/.test(service)) return undefined;
    if (endpoint.attrs['vpc_endpoint_type'] === 'Interface') return undefined;
    const policy = readPolicy(graph, endpoint);
    if (!policy) return 'has no policy: AWS grants full access to every bucket of every account';
    if (!policy.ok) return `policy cannot be checked: ${policy.reason}`;
    return policy.statements
      .filter(reachesAnyBucket)
      .map(
        (s) =>
          `statement ${s.sid ?? '(no Sid)'} allows every bucket without aws:ResourceAccount or aws:ResourceOrgID`,
      );
  },
});
