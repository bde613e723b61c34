import type { Statement } from '../../../tfjson/policy';
import { actionMatches } from '../../../tfjson/policy';
import type { Violation } from '../../rule';
import { graphRule } from '../../rule';
import { grants, identityPolicies, IDENTITY_POLICY_TYPES } from '../../checks/identity-policies';

const DOCUMENT_CHECK = 'ssm:SessionDocumentAccessCheck';
const SESSION_TAG = 'ssm:resourceTag/aws:ssmmessages:session-id';
const MFA_KEY = 'aws:MultiFactorAuthPresent';
/**
 * The caller's own user ID as a policy variable: `$${aws:userid}` in Terraform JSON (Terraform
 * renders `${aws:userid}`) or `&{aws:userid}` in an aws_iam_policy_document.
 */
const OWN_ID = /^(\$\$|&)\{aws:(userid|username)\}/;

function conditionValue(s: Statement, operators: readonly string[], key: string): string[] {
  return operators.flatMap((op) => s.conditions[op]?.[key] ?? []);
}

/** Every session the statement lets the caller end is one whose ID starts with their own ID. */
function ownSessionsOnly(s: Statement): boolean {
  const tagged = conditionValue(s, ['StringLike', 'StringEquals'], SESSION_TAG);
  if (tagged.length > 0) return tagged.every((v) => OWN_ID.test(v));
  return (
    s.notResources.length === 0 &&
    s.resources.length > 0 &&
    s.resources.every((r) => OWN_ID.test(r.split(':session/')[1] ?? ''))
  );
}

/**
 * A policy that lets someone start Session Manager sessions keeps them to the documents it
 * names (`ssm:SessionDocumentAccessCheck`, or the default shell document is implicitly
 * allowed), lets them end or resume only their own sessions, and denies sessions whose
 * credentials say MFA was not used. Systems Manager User Guide, "Start a default shell session
 * by specifying the default session document in IAM policies" and "Additional sample IAM
 * policies for Session Manager" (example 4).
 */
export const iamSessionManagerScoped = graphRule({
  id: 'PAY-IAM-010',
  title:
    'Session Manager access checks the session document, ends only the caller’s own sessions and requires MFA where credentials carry it',
  severity: 'high',
  resourceTypes: IDENTITY_POLICY_TYPES,
  pci: ['7.2.1', '7.2.2', '8.4.2'],
  equivalents: {},
  rationale:
    'Without the document check, aws ssm start-session with no document opens an interactive shell on a host that reaches the database; TerminateSession on any session lets one administrator end another’s (and hide what they did); console-less administrator access to the CDE needs MFA (PCI DSS 8.4.2).',
  remediation:
    'On every Allow of ssm:StartSession add Condition BoolIfExists {"ssm:SessionDocumentAccessCheck": "true"}; allow ssm:TerminateSession/ResumeSession only with StringLike {"ssm:resourceTag/aws:ssmmessages:session-id": ["$${aws:userid}*"]}; add a Deny of ssm:StartSession with Bool {"aws:MultiFactorAuthPresent": "false"} (Identity Center roles exempted by aws:PrincipalArn; their MFA is enforced at sign-in).',
  check(graph) {
    const out: Violation[] = [];
    for (const { holder, policy } of identityPolicies(graph)) {
      if (!policy.ok) continue; // PAY-IAM rules that read every policy report unreadable ones
      const allows = policy.statements.filter((s) => s.effect === 'Allow');
      const starts = allows.filter((s) => grants(s, 'ssm:StartSession'));
      const ends = allows.filter(
        (s) => grants(s, 'ssm:TerminateSession') || grants(s, 'ssm:ResumeSession'),
      );
      const where = (s: Statement) => `statement ${s.sid ?? '(no Sid)'}`;
      for (const s of starts) {
        const checked = conditionValue(s, ['BoolIfExists', 'Bool'], DOCUMENT_CHECK);
        if (!checked.includes('true'))
          out.push({
            address: holder.address,
            message: `${where(s)} allows ssm:StartSession without ${DOCUMENT_CHECK} = true: a session with no document opens the default shell`,
          });
      }
      for (const s of ends) {
        if (!ownSessionsOnly(s))
          out.push({
            address: holder.address,
            message: `${where(s)} allows ending or resuming sessions other than the caller's own (limit ${SESSION_TAG} to "$\${aws:userid}*")`,
          });
      }
      if (starts.length > 0) {
        const mfaDeny = policy.statements.some(
          (s) =>
            s.effect === 'Deny' &&
            s.actions.some((a) => actionMatches(a, 'ssm:StartSession')) &&
            // BoolIfExists denies credentials without MFA context too: stricter, also fine.
            conditionValue(s, ['Bool', 'BoolIfExists'], MFA_KEY).includes('false'),
        );
        if (!mfaDeny)
          out.push({
            address: holder.address,
            message: `allows ssm:StartSession with no Deny on Bool ${MFA_KEY} = false: sessions that did not use MFA are accepted`,
          });
      }
    }
    return out;
  },
});
