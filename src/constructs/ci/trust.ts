/**
 * Who may assume the CI roles: the OIDC issuer of the CI service and the `sub` claims of its
 * tokens. GitHub Actions is the one issuer so far; a GitLab issuer would be a second
 * `CiIssuer` (its own URL, audience and subject formats), the roles unchanged.
 */
import type { PolicyDocument, PolicyStatement } from '../../permissions/deploy-policy';

/** An OIDC issuer a role can trust, and how its tokens name a job. */
export interface CiIssuer {
  /** `github` (GitLab would add `gitlab`). */
  readonly kind: 'github';
  /** The issuer URL, as the IAM OIDC provider is registered. */
  readonly url: string;
  /** The host IAM prefixes the token's claims with (`<host>:sub`, `<host>:aud`). */
  readonly host: string;
  /** The audience the token carries for AWS STS. */
  readonly audience: string;
  /** A job that names a deployment environment (its protection rules ran). */
  environmentSubject(environment: string): string;
  /** A job run for a pull request. */
  pullRequestSubject(): string;
  /** A job run on a branch (push, schedule), with no environment named. */
  branchSubject(branch: string): string;
}

/**
 * GitHub Actions. URL and audience: "Configuring OpenID Connect in Amazon Web Services"
 * (https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws:
 * provider URL `https://token.actions.githubusercontent.com`, audience `sts.amazonaws.com` for
 * the official aws-actions/configure-aws-credentials). Subjects: "OpenID Connect reference",
 * example subject claims (https://docs.github.com/en/actions/reference/security/oidc):
 * `repo:ORG/REPO:environment:NAME` when the job references an environment,
 * `repo:ORG/REPO:pull_request` for a pull_request event, `repo:ORG/REPO:ref:refs/heads/BRANCH`
 * otherwise. An environment name's `:` would be sent as `%3A`; environment names here never
 * hold one.
 */
export function githubIssuer(repository: string): CiIssuer {
  return {
    kind: 'github',
    url: 'https://token.actions.githubusercontent.com',
    host: 'token.actions.githubusercontent.com',
    audience: 'sts.amazonaws.com',
    environmentSubject: (environment) => `repo:${repository}:environment:${environment}`,
    pullRequestSubject: () => `repo:${repository}:pull_request`,
    branchSubject: (branch) => `repo:${repository}:ref:refs/heads/${branch}`,
  };
}

export type CiRoleKind = 'plan' | 'apply';

export interface TrustInput {
  readonly issuer: CiIssuer;
  /** The IAM OIDC provider's ARN (or a reference to it). */
  readonly providerArn: string;
  readonly kind: CiRoleKind;
  readonly environment: string;
  /** Prod: never assumable from a pull request. */
  readonly prod: boolean;
  /** The branch that deploys (`ci.github.branch`). */
  readonly branch: string;
}

/**
 * The subjects a role trusts.
 * - apply: only jobs of the GitHub environment of the same name, whose protection rules
 *   (reviewers, deployment branches) ran before the token was issued;
 * - plan of a non-prod environment: that environment's jobs, the deploying branch (drift,
 *   merge) and pull requests;
 * - plan of prod: its environment and the deploying branch; never a pull request, whose plan
 *   would read prod's state (it holds secrets).
 */
export function trustedSubjects(input: TrustInput): string[] {
  const { issuer, kind, environment, prod, branch } = input;
  if (kind === 'apply') return [issuer.environmentSubject(environment)];
  return [
    issuer.environmentSubject(environment),
    issuer.branchSubject(branch),
    ...(prod ? [] : [issuer.pullRequestSubject()]),
  ];
}

/**
 * The role's trust policy: `sts:AssumeRoleWithWebIdentity` from the provider, `aud` and `sub`
 * compared with StringEquals (never StringLike: a wildcard would let other repositories or
 * branches in). "Configuring a role for GitHub OIDC identity provider" in the IAM User Guide
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html)
 * recommends evaluating `token.actions.githubusercontent.com:sub` in every such role.
 */
export function trustPolicy(input: TrustInput): PolicyDocument {
  const statement: PolicyStatement = {
    Sid: 'CiOidc',
    Effect: 'Allow',
    Principal: { Federated: input.providerArn },
    Action: ['sts:AssumeRoleWithWebIdentity'],
    Condition: {
      StringEquals: {
        [`${input.issuer.host}:aud`]: input.issuer.audience,
        [`${input.issuer.host}:sub`]: trustedSubjects(input),
      },
    },
  };
  return { Version: '2012-10-17', Statement: [statement] };
}
