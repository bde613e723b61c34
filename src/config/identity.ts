import type { Resolved, ResolveContext } from './context';
import type { ConfigProblem } from './errors';
import type { ProfileName } from './profiles';
import { COMMON_DEFAULTS, PROFILE_NAMES } from './profiles';
import { FIELD_EXAMPLES } from './schema';
import { ENVIRONMENT_TAG, PROFILE_TAG } from '../tfjson/markers';

/**
 * Who the stack is: its suffix, the accounts it may deploy to and the tags that identify it.
 * These are the settings that must never let one environment pass for another.
 */

/** Tags the stack sets itself: the gate reads `Profile`, and the others identify the stack. */
export const RESERVED_TAGS = [ENVIRONMENT_TAG, PROFILE_TAG, 'ManagedBy'] as const;

export interface IdentityInput {
  readonly ENVIRONMENT_SUFFIX?: string;
  /** `ALLOWED_ACCOUNT_IDS` from the environment. */
  readonly ALLOWED_ACCOUNT_IDS?: readonly string[];
  /** `allowedAccountIds` from the config file. */
  readonly allowedAccountIds?: readonly string[];
  readonly REPOSITORY?: string;
  readonly TEAM?: string;
  readonly COMMIT_AUTHOR?: string;
  /** `tags` from the config file. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface Identity {
  readonly suffix: string;
  /** The provider's `allowed_account_ids`; `undefined` lets it act in any account. */
  readonly allowedAccountIds: readonly string[] | undefined;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The profile a suffix claims: a profile's own name, or anything starting with `prod`
 * (`prod-eu`, `production`). Such a suffix with another profile would, for instance, point
 * dev settings at prod's S3 state key (`<suffix>/payment-<suffix>.tfstate`).
 */
export function profileClaimedBy(suffix: string): ProfileName | undefined {
  if (suffix.startsWith('prod')) return 'prod';
  return PROFILE_NAMES.find((name) => name === suffix);
}

export function resolveIdentity(context: ResolveContext, input: IdentityInput): Resolved<Identity> {
  const problems: ConfigProblem[] = [];
  const { profile } = context;
  const suffix = input.ENVIRONMENT_SUFFIX ?? profile;

  const claimed = profileClaimedBy(suffix);
  if (claimed && claimed !== profile && !context.reported('ENVIRONMENT', 'ENVIRONMENT_SUFFIX')) {
    problems.push({
      field: 'ENVIRONMENT_SUFFIX',
      value: suffix,
      rule: `names a ${claimed} deployment but ENVIRONMENT selects the ${profile} profile, whose settings would replace ${claimed}'s; set ENVIRONMENT=${claimed}, or pick a suffix that does not start with "prod" or equal a profile name`,
      example: `ENVIRONMENT=${claimed} ENVIRONMENT_SUFFIX=${suffix}, or ENVIRONMENT=${profile} ENVIRONMENT_SUFFIX=pr123`,
    });
  }

  const fromEnv = input.ALLOWED_ACCOUNT_IDS;
  const fromFile = input.allowedAccountIds;
  if (fromEnv && fromFile && fromEnv.join(',') !== fromFile.join(',')) {
    problems.push({
      field: 'ALLOWED_ACCOUNT_IDS',
      value: fromEnv.join(','),
      rule: `differs from allowedAccountIds in the config file (${JSON.stringify(fromFile)}); set one of them`,
      example: FIELD_EXAMPLES.ALLOWED_ACCOUNT_IDS ?? '',
    });
  }
  const allowedAccountIds = fromEnv ?? fromFile;
  if (
    profile === 'prod' &&
    !allowedAccountIds &&
    !context.reported('allowedAccountIds', 'ALLOWED_ACCOUNT_IDS')
  ) {
    problems.push({
      field: 'allowedAccountIds',
      value: undefined,
      rule: 'is required in prod, so Terraform refuses to apply prod with credentials for any other account (or set ALLOWED_ACCOUNT_IDS)',
      example: FIELD_EXAMPLES.allowedAccountIds ?? '',
    });
  }

  const configured = input.tags ?? {};
  // Case-insensitively: IAM treats tag keys on roles and users that way, so `environment`
  // would replace `Environment` (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html).
  for (const key of Object.keys(configured)) {
    const reserved = RESERVED_TAGS.find((r) => r.toLowerCase() === key.toLowerCase());
    if (reserved) {
      problems.push({
        field: `tags.${key}`,
        value: configured[key],
        rule: `is ${reserved === key ? 'a tag' : `the tag ${reserved} (tag keys are compared ignoring case)`} the stack sets itself (${RESERVED_TAGS.join(', ')}); remove it (Environment is the environment's name, Profile its profile)`,
        example: FIELD_EXAMPLES.tags ?? '',
      });
    }
  }

  return {
    value: { suffix, allowedAccountIds, tags: buildTags(profile, suffix, input, configured) },
    problems,
  };
}

function buildTags(
  profile: ProfileName,
  suffix: string,
  input: IdentityInput,
  configured: Readonly<Record<string, string>>,
): Record<string, string> {
  const optional: Record<string, string | undefined> = {
    Repository: input.REPOSITORY,
    Team: input.TEAM,
    Author: input.COMMIT_AUTHOR,
  };
  const fromEnv = Object.fromEntries(
    Object.entries(optional).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return {
    Project: COMMON_DEFAULTS.project,
    CostCenter: COMMON_DEFAULTS.costCenter,
    ...configured,
    ...fromEnv,
    // These identify the deployment, its profile and the tool (the compliance gate reads
    // Profile to apply prod-only rules); a configured one is refused above.
    [ENVIRONMENT_TAG]: suffix,
    [PROFILE_TAG]: profile,
    ManagedBy: 'cdktn',
  };
}
