import { stringList } from '../../../tfjson/graph';
import type { Violation } from '../../rule';
import { graphRule } from '../../rule';
import { ciRoles } from '../../checks/ci-roles';

const GITHUB = 'token.actions.githubusercontent.com';

/** The issuer host of a federated principal: the provider's URL, or the ARN's tail. */
function hostOf(principal: string, providers: ReadonlyMap<string, string>): string | undefined {
  const ref = /^\$\{(aws_iam_openid_connect_provider\.[^.}]+)\.arn\}$/.exec(principal);
  if (ref) return providers.get(ref[1]!);
  return /:oidc-provider\/(.+)$/.exec(principal)?.[1];
}

/**
 * Roles assumed with a CI job's OIDC token trust exactly the jobs they are for: the audience
 * and subject compared with StringEquals, no wildcard (GitHub's `sub` names the repository and
 * the environment, pull request or branch: https://docs.github.com/en/actions/reference/security/oidc);
 * an apply role only its environment's jobs, whose protection rules ran; a prod role never a
 * pull request. The GitHub provider accepts only the STS audience.
 */
export const acctCiTrust = graphRule({
  id: 'PAY-ACCT-012',
  title: 'CI roles trust only their repository, by exact subject; prod never from a pull request',
  severity: 'critical',
  resourceTypes: ['aws_iam_openid_connect_provider', 'aws_iam_role'],
  pci: ['7.2.1', '7.2.2', '8.2.2', '6.5.3'],
  equivalents: {},
  rationale:
    'A role that trusts a CI token without an exact subject can be assumed by any repository or branch of the issuer: a pull request from anyone could read prod state or apply. Prod changes must pass the environment protection rules (a reviewer other than the author), which only environment-scoped tokens prove.',
  remediation:
    'Compare token.actions.githubusercontent.com:aud and :sub with StringEquals; apply roles trust only repo:<owner>/<repo>:environment:<name>; prod roles never trust repo:<owner>/<repo>:pull_request (account file "ci", docs/ci.md).',
  check(graph) {
    const out: Violation[] = [];
    const providers = new Map<string, string>();
    for (const p of graph.resources('aws_iam_openid_connect_provider')) {
      const url = p.attrs['url'];
      const host = typeof url === 'string' ? url.replace(/^https:\/\//, '') : undefined;
      if (host) providers.set(p.address, host);
      const audiences = stringList(p.attrs['client_id_list']);
      if (host === GITHUB && (audiences.length !== 1 || audiences[0] !== 'sts.amazonaws.com'))
        out.push({
          address: p.address,
          message: `accepts audiences ${JSON.stringify(audiences)}: GitHub's provider for AWS takes only "sts.amazonaws.com"`,
        });
    }
    for (const ci of ciRoles(graph)) {
      const address = ci.role.address;
      if (ci.trust && !ci.trust.ok) {
        out.push({ address, message: `assume_role_policy cannot be checked: ${ci.trust.reason}` });
        continue;
      }
      if (ci.webIdentity.length === 0) {
        out.push({ address, message: 'is tagged as a CI role but trusts no OIDC provider' });
        continue;
      }
      for (const s of ci.webIdentity) {
        const where = `trust statement ${s.sid ?? '(no Sid)'}`;
        for (const principal of s.principals['Federated'] ?? []) {
          const host = hostOf(principal, providers);
          if (!host) {
            out.push({ address, message: `${where}: cannot tell the issuer of ${principal}` });
            continue;
          }
          const equals = s.conditions['StringEquals'] ?? {};
          const aud = equals[`${host}:aud`] ?? [];
          const sub = equals[`${host}:sub`] ?? [];
          if (aud.length === 0 || aud.some((v) => /[*?]/.test(v)))
            out.push({
              address,
              message: `${where}: does not compare ${host}:aud with StringEquals`,
            });
          if (sub.length === 0)
            out.push({
              address,
              message: `${where}: does not compare ${host}:sub with StringEquals`,
            });
          for (const [operator, keys] of Object.entries(s.conditions))
            if (operator !== 'StringEquals' && Object.keys(keys).some((k) => k === `${host}:sub`))
              out.push({
                address,
                message: `${where}: compares ${host}:sub with ${operator}; only StringEquals names exact jobs`,
              });
          for (const value of sub) {
            if (/[*?]/.test(value))
              out.push({ address, message: `${where}: subject ${value} holds a wildcard` });
            if (ci.prod && value.endsWith(':pull_request'))
              out.push({
                address,
                message: `${where}: a prod role trusts pull requests (${value})`,
              });
            if (
              ci.kind === 'apply' &&
              !(ci.environment && value.endsWith(`:environment:${ci.environment}`))
            )
              out.push({
                address,
                message: `${where}: an apply role trusts ${value}, not only jobs of environment ${ci.environment ?? '(untagged)'}`,
              });
          }
        }
      }
    }
    return out;
  },
});
