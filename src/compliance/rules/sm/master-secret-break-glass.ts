import { describe, referrers } from '../../../tfjson/graph';
import { actionMatches, isAnyPrincipal, readPolicy } from '../../../tfjson/policy';
import type { Statement } from '../../../tfjson/policy';
import { isTrue, resourceRule } from '../../rule';

/** Negated operators that leave named principals out of a statement, with or without IfExists. */
const EXCEPT_OPERATORS = ['arnnotequals', 'arnnotlike', 'stringnotequals', 'stringnotlike'];

/** A Deny of GetSecretValue to everyone except the principals a condition names. */
function limitsReaders(s: Statement): boolean {
  return (
    s.effect === 'Deny' &&
    !s.notPrincipal &&
    isAnyPrincipal(s) &&
    s.notActions.length === 0 &&
    s.actions.some((a) => actionMatches(a, 'secretsmanager:GetSecretValue')) &&
    Object.entries(s.conditions).some(
      ([operator, keys]) =>
        EXCEPT_OPERATORS.includes(operator.toLowerCase().replace(/ifexists$/, '')) &&
        Object.entries(keys).some(
          ([key, values]) =>
            key.toLowerCase() === 'aws:principalarn' &&
            values.length > 0 &&
            values.every((v) => v !== '' && !/^[*?]+$/.test(v) && !/:\*$/.test(v)),
        ),
    )
  );
}

/**
 * The RDS-managed master secret is break-glass: a resource policy on it denies reading it to
 * every principal but a named few (the bootstrap role, break-glass principals), so day-to-day
 * administration uses named IAM-authenticated users instead of the shared master password.
 */
export const smMasterSecretBreakGlass = resourceRule({
  id: 'PAY-SM-003',
  title: 'Database master secret is readable only by named break-glass principals',
  severity: 'high',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  pci: ['7.2.1', '7.2.2', '8.2.2', '8.6.1', '8.6.2'],
  equivalents: {
    // No scanner checks the managed master secret's resource policy; the nearest ones check
    // that a secret has a resource policy at all or that it is not public.
    checkov: ['CKV_AWS_149'],
    securityHub: ['SecretsManager.1'],
  },
  rationale:
    'The master user is a shared, all-powerful account (PCI DSS 8.2.2: shared accounts only by exception, 8.6: system accounts managed). Identity policies such as secretsmanager:* would let any administrator read it; an explicit deny in the secret resource policy limits it to the bootstrap and a documented break-glass list.',
  remediation:
    'Add an aws_secretsmanager_secret_policy on master_user_secret[0].secret_arn with a Deny of secretsmanager:GetSecretValue to Principal "*" unless aws:PrincipalArn is the bootstrap role or a break-glass principal (AuroraCluster does this).',
  test(db, graph) {
    if (!isTrue(db.attrs['manage_master_user_password'])) return undefined;
    const policies = referrers(graph, db, 'aws_secretsmanager_secret_policy', 'secret_arn');
    if (policies.length === 0) {
      return `master secret of ${describe(db)} has no aws_secretsmanager_secret_policy: anyone with secretsmanager:GetSecretValue in an identity policy can read the master password`;
    }
    const limited = policies.some((p) => {
      const policy = readPolicy(graph, p);
      return policy !== undefined && policy.ok && policy.statements.some(limitsReaders);
    });
    return limited
      ? undefined
      : 'master secret policy does not deny secretsmanager:GetSecretValue to everyone but named principals (aws:PrincipalArn)';
  },
});
