import { graphRule } from '../../rule';
import { eachCiRole, names } from '../../checks/ci-roles';

/** Verbs of calls that change nothing. */
const READ_VERB = /^[a-z0-9-]+:(Get|List|Describe|Lookup|Search|Head|BatchGet|Check|View)/i;
/** What a plan role may write, besides reading: its lock object, and the key for it. */
const LOCK_WRITES = ['s3:PutObject', 's3:DeleteObject'];

/** The object key of an S3 object ARN, or undefined. */
function objectKey(arn: string): string | undefined {
  return /^arn:[^:]+:s3:::[^/]+\/(.+)$/.exec(arn)?.[1];
}

/**
 * A CI plan role reads only its own environment's state and writes only that state's lock
 * (`<key>.tflock`, S3-native locking): state holds secrets (database passwords, keys), so a
 * pull request's plan of dev must never read prod's. Every other grant is a read.
 */
export const acctCiPlanState = graphRule({
  id: 'PAY-ACCT-015',
  title: "CI plan roles read only their own environment's state and write only its lock",
  severity: 'critical',
  resourceTypes: ['aws_iam_role'],
  pci: ['3.5.1', '7.2.1', '7.2.2', '6.5.3'],
  equivalents: {},
  rationale:
    "Terraform state holds the secrets of the resources it manages. A plan role assumable from a pull request that could read another environment's state would hand prod's secrets to any branch; one that could write would change what the next apply does.",
  remediation:
    'Grant s3:GetObject only on <bucket>/<env>/payment-<env>.tfstate, and s3:PutObject, s3:DeleteObject only on that key followed by .tflock (src/constructs/ci/deploy-roles.ts).',
  check(graph) {
    return eachCiRole(graph, 'plan', (ci, statements, out) => {
      const address = ci.role.address;
      const env = ci.environment ?? '(untagged)';
      for (const s of statements.filter((st) => st.effect === 'Allow')) {
        const where = `statement ${s.sid ?? '(no Sid)'}`;
        if (s.notActions.length > 0 || s.notResources.length > 0) {
          out.push({ address, message: `${where}: uses NotAction or NotResource` });
          continue;
        }
        const own = (r: string, lock: boolean) => {
          const key = objectKey(r);
          return (
            key !== undefined &&
            !/[*?]/.test(key) &&
            key.startsWith(`${env}/`) &&
            key.endsWith('.tfstate' + (lock ? '.tflock' : ''))
          );
        };
        if (names(s, 's3:GetObject') || names(s, 's3:GetObjectVersion')) {
          const others = s.resources.filter((r) => !own(r, false) && !own(r, true));
          if (others.length > 0)
            out.push({
              address,
              message: `${where}: reads objects ${JSON.stringify(others)}, not only the state of environment ${env}`,
            });
        }
        const writes = s.actions.filter(
          (a) => !READ_VERB.test(a) && !['kms:Decrypt', 'kms:GenerateDataKey'].includes(a),
        );
        const lockOnly = writes.every((a) => LOCK_WRITES.includes(a));
        if (writes.length > 0 && (!lockOnly || !s.resources.every((r) => own(r, true))))
          out.push({
            address,
            message: `${where}: allows ${writes.join(', ')} on ${JSON.stringify(s.resources)}; a plan role writes only its lock object`,
          });
      }
    });
  },
});
