/**
 * What a pipeline job needs to act on one environment with the project's CI roles: the
 * environment's Region and the ARNs of its plan and apply roles (docs/ci.md). Derived from the
 * committed files alone (the environment's, and the account file its `accountBaseline` names),
 * so a workflow needs no variable per environment: GitHub variable names cannot hold the `-`
 * of `staging-eu`, and one `AWS_REGION` cannot serve environments in several Regions.
 */
import { partitionOf } from '../aws-facts/regions';
import { ciRoleName } from '../naming/naming';
import { ConfigError } from './errors';
import type { AppConfig } from './types';

export interface CiIdentity {
  readonly environment: string;
  readonly stack: string;
  readonly region: string;
  readonly accountId: string;
  readonly planRoleArn: string;
  readonly applyRoleArn: string;
}

/**
 * The identity of a resolved environment, or a ConfigError (exit 2) naming the field when the
 * environment has no CI roles: its `accountBaseline` must name an account file whose
 * `ci.environments` lists it (that is what creates the roles).
 */
export function ciIdentityOf(config: AppConfig, stackName: string): CiIdentity {
  const baseline = config.accountBaseline;
  if (baseline?.provider !== 'project')
    throw new ConfigError([
      {
        field: 'accountBaseline',
        value: baseline ? 'providedBy organisation' : '(not set)',
        rule: `must name the account file whose "ci" creates ${config.suffix}'s deploy roles (docs/ci.md)`,
        example: '{ "account": "main" }',
      },
    ]);
  // The resolver sets the CI boundary exactly when the account file's ci lists the environment.
  if (config.permissionsBoundaryArn === undefined)
    throw new ConfigError([
      {
        field: 'ci.environments',
        value: `config/accounts/${baseline.account}.json`,
        rule: `does not list "${config.suffix}", so the account stack creates no CI roles for it`,
        example: `"ci": { "github": { "repository": "acme/payments" }, "environments": ["${config.suffix}"] }`,
      },
    ]);
  const arn = (kind: 'plan' | 'apply') =>
    `arn:${partitionOf(config.region)}:iam::${baseline.accountId}:role/${ciRoleName(config.suffix, kind)}`;
  return {
    environment: config.suffix,
    stack: stackName,
    region: config.region,
    accountId: baseline.accountId,
    planRoleArn: arn('plan'),
    applyRoleArn: arn('apply'),
  };
}

/** `key=value` lines for `$GITHUB_OUTPUT` (values hold no newline). */
export function githubOutputLines(identity: CiIdentity): string {
  return [
    `environment=${identity.environment}`,
    `stack=${identity.stack}`,
    `region=${identity.region}`,
    `account-id=${identity.accountId}`,
    `plan-role-arn=${identity.planRoleArn}`,
    `apply-role-arn=${identity.applyRoleArn}`,
  ]
    .map((line) => `${line}\n`)
    .join('');
}
