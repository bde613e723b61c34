import type { Statement } from '../../../tfjson/policy';
import { actionMatches } from '../../../tfjson/policy';
import { resourceRule } from '../../rule';
import { keyPolicies } from '../../checks/key-policies';

/** Actions that use a key (or delegate its use), as opposed to administering it. */
const USE_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:CreateGrant',
];
/** Actions that administer a key; a statement with one of them is an administrators' statement. */
const ADMIN_ACTIONS = ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DisableKey'];

const ROOT = /:iam::[^:]+:root$/;

const grantsAny = (s: Statement, actions: readonly string[]) =>
  actions.some((a) => s.actions.some((pattern) => actionMatches(pattern, a)));

/** The non-root IAM principals of an Allow statement. */
function namedPrincipals(s: Statement): string[] {
  if (s.effect !== 'Allow') return [];
  return (s.principals['AWS'] ?? []).filter((p) => !ROOT.test(p) && p !== '*');
}

/**
 * Key custodians are not key users (PCI DSS 3.6.1, 3.7): in prod every key's policy names its
 * administrators with administrative actions only, and no named principal both administers
 * and uses a key.
 */
export const kmsSeparateAdministrators = resourceRule({
  id: 'PAY-KMS-006',
  title: 'Prod key policies name key administrators who cannot use the key',
  severity: 'high',
  resourceTypes: ['aws_kms_key'],
  pci: ['3.6.1', '3.7.1', '7.2.1'],
  equivalents: {},
  prodOnly: true,
  rationale:
    'With only the account root in the key policy nothing distinguishes who manages a key from who decrypts with it; PCI DSS expects named key custodians separate from key users.',
  remediation:
    'Add a statement naming the key administrators (keyAdministratorArns) with administrative actions only (no Encrypt, Decrypt, GenerateDataKey, ReEncrypt or CreateGrant).',
  test: (key, graph) => {
    const statements = keyPolicies(key, graph).flatMap((p) => (p.ok ? p.statements : []));
    const admin = statements.filter(
      (s) => namedPrincipals(s).length > 0 && grantsAny(s, ADMIN_ACTIONS),
    );
    const out: string[] = [];
    if (admin.length === 0)
      out.push('no statement names key administrators (only the account root administers the key)');
    for (const s of admin.filter((st) => grantsAny(st, USE_ACTIONS))) {
      out.push(
        `statement ${s.sid ?? '(no Sid)'} lets ${namedPrincipals(s).join(', ')} both administer and use the key`,
      );
    }
    return out.length > 0 ? out : undefined;
  },
});
