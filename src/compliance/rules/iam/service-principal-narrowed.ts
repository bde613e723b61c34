import type { PolicyResult, Statement } from '../../../tfjson/policy';
import { readPolicy } from '../../../tfjson/policy';
import type { Violation } from '../../rule';
import { graphRule } from '../../rule';

/** Resource policies and the attribute that holds each. */
const RESOURCE_POLICIES: ReadonlyArray<readonly [type: string, attribute: string]> = [
  ['aws_s3_bucket_policy', 'policy'],
  ['aws_kms_key', 'policy'],
  ['aws_kms_key_policy', 'policy'],
  ['aws_sns_topic', 'policy'],
  ['aws_sns_topic_policy', 'policy'],
  ['aws_sqs_queue_policy', 'policy'],
  ['aws_ecr_repository_policy', 'policy'],
  ['aws_secretsmanager_secret_policy', 'policy'],
  ['aws_cloudwatch_log_resource_policy', 'policy_document'],
];

/**
 * Condition keys that tie a service's request to this account's resources: the source
 * context services send (aws:SourceAccount, aws:SourceArn, ...) and, for KMS, the encryption
 * context or caller account.
 */
const NARROWING_KEY =
  /^(aws:sourceaccount|aws:sourcearn|aws:sourceowner|aws:sourceorgid|aws:sourceorgpaths|kms:calleraccount|kms:encryptioncontext:.+)$/i;
const NARROWING_OPERATOR = /^(foranyvalue:)?(stringequals|stringlike|arnequals|arnlike)$/i;

/**
 * Services that send neither aws:SourceAccount nor aws:SourceArn with their writes, so a
 * condition on them would refuse every delivery. AWS's documented bucket policy for ALB access
 * logs names this principal with no condition, only an `AWSLogs/<account-id>/` resource
 * (Elastic Load Balancing User Guide, "Enable access logs for your Application Load Balancer",
 * awsdocs/elb-application-load-balancers-user-guide on GitHub, page doc_source/enable-access-logging).
 */
export const SERVICES_WITHOUT_SOURCE_CONTEXT = ['logdelivery.elasticloadbalancing.amazonaws.com'];

/** `.../AWSLogs/<12 digits or the caller-identity account reference>/...`. */
const ACCOUNT_SCOPED_PATH =
  /\/AWSLogs\/(\d{12}|\$\{data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id\})\//;

function isNarrowedByCondition(s: Statement): boolean {
  return Object.entries(s.conditions).some(
    ([operator, keys]) =>
      NARROWING_OPERATOR.test(operator) &&
      Object.entries(keys).some(
        ([key, values]) =>
          NARROWING_KEY.test(key) &&
          values.length > 0 &&
          values.every((v) => v !== '' && !/^[*?]+$/.test(v)),
      ),
  );
}

function isAccountScopedPath(s: Statement): boolean {
  return s.resources.length > 0 && s.resources.every((r) => ACCOUNT_SCOPED_PATH.test(r));
}

/** Problems of one policy: each Allow to a service principal that nothing narrows. */
function problems(policy: PolicyResult): string[] {
  if (!policy.ok) return [`policy cannot be checked: ${policy.reason}`];
  const out: string[] = [];
  for (const s of policy.statements) {
    const services = s.principals['Service'] ?? [];
    if (s.effect !== 'Allow' || services.length === 0 || isNarrowedByCondition(s)) continue;
    const pathOnly = services.every((svc) => SERVICES_WITHOUT_SOURCE_CONTEXT.includes(svc));
    if (pathOnly && isAccountScopedPath(s)) continue;
    out.push(
      `statement ${s.sid ?? '(no Sid)'} lets ${services.join(', ')} act for any account: add aws:SourceAccount or aws:SourceArn${pathOnly ? ', or scope every resource to AWSLogs/<account-id>/' : ''}`,
    );
  }
  return out;
}

/**
 * A service principal without a source condition can be driven by any customer of the
 * service (the confused-deputy problem): another account's load balancer, trail or alarm
 * could write into, or use, this account's bucket, key or topic.
 */
export const iamServicePrincipalNarrowed = graphRule({
  id: 'PAY-IAM-009',
  title: 'Service principals in resource policies are narrowed to this account',
  severity: 'high',
  resourceTypes: RESOURCE_POLICIES.map(([type]) => type),
  pci: ['7.2.1', '7.2.2'],
  equivalents: {},
  rationale:
    'Without aws:SourceAccount or aws:SourceArn, any account can make the service act on this resource for it (confused deputy): write logs into the bucket, encrypt with the key, publish to the topic.',
  remediation:
    'Add aws:SourceAccount and/or aws:SourceArn (or a KMS encryption-context condition) to the statement; for a service that sends neither (ALB log delivery), scope every resource to AWSLogs/<account-id>/.',
  check(graph) {
    const out: Violation[] = [];
    for (const [type, attribute] of RESOURCE_POLICIES) {
      for (const block of graph.resources(type)) {
        const policy = readPolicy(graph, block, attribute);
        if (!policy) continue;
        for (const message of problems(policy)) out.push({ address: block.address, message });
      }
    }
    return out;
  },
});
