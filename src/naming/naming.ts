import { createHash } from 'node:crypto';
import { MAX_REGION_CODE_LENGTH, regionCode } from '../aws-facts/regions';
import type { NameKind } from './limits';
import { NAME_LIMITS } from './limits';
import { InputProblem } from '../errors/problems';

/** Every physical name starts with this. */
export const NAME_PREFIX = 'payment';

/** AWS account IDs are always 12 digits; bucket names embed one. */
export const ACCOUNT_ID_LENGTH = 12;

/**
 * The names whose limits bind the environment suffix: each entry is a component and the
 * kind of resource it names. `MAX_SUFFIX_LENGTH` is derived from them, so a new component
 * with a tight limit lowers the allowed suffix length instead of overflowing at deploy time.
 */
export const TIGHT_NAMES = {
  alb: 'alb',
  // The target group's component: `t` and two characters from what forces its replacement.
  txx: 'targetGroup',
} as const satisfies Record<string, NameKind>;

/** Bucket components; each becomes `payment-<component>-<suffix>-<account>-<region code>`. */
export const BUCKET_COMPONENTS = [
  'assets',
  'flow-logs',
  'alb-logs',
  'access-logs',
  // The Terraform state bucket of `npm run bootstrap` and its access logs (no longer than
  // access-logs, so the suffix budget stays as it is).
  'state',
  'state-logs',
  // The account baseline (src/stacks/account-baseline.ts): the trail's landing bucket, its
  // object-locked archive and their access logs (the global stack, in the home Region beside
  // a Regional stack's access-logs), AWS Config's delivery bucket (none longer than access-logs).
  'trail',
  'trail-lock',
  'trail-logs',
  'config',
] as const;
export type BucketComponent = (typeof BUCKET_COMPONENTS)[number];

/** WAF requires its log bucket name to start with this. */
export const WAF_LOG_BUCKET_PREFIX = 'aws-waf-logs';

/** The parts of a bucket name other than its leading part and the suffix. */
const BUCKET_TAIL_LENGTH = 1 + ACCOUNT_ID_LENGTH + 1 + MAX_REGION_CODE_LENGTH;

function suffixBudget(fixedLength: number, limit: number): number {
  return limit - fixedLength;
}

function suffixBudgets(): ReadonlyArray<{ readonly what: string; readonly budget: number }> {
  const budgets: Array<{ what: string; budget: number }> = [];
  for (const [component, kind] of Object.entries(TIGHT_NAMES)) {
    const fixed = `${NAME_PREFIX}-${component}-`.length;
    budgets.push({
      what: `${kind} name`,
      budget: suffixBudget(fixed, NAME_LIMITS[kind].maxLength),
    });
  }
  for (const component of BUCKET_COMPONENTS) {
    const fixed = `${NAME_PREFIX}-${component}-`.length + BUCKET_TAIL_LENGTH;
    budgets.push({
      what: `${component} bucket name`,
      budget: suffixBudget(fixed, NAME_LIMITS.s3Bucket.maxLength),
    });
  }
  const wafFixed = `${WAF_LOG_BUCKET_PREFIX}-${NAME_PREFIX}-`.length + BUCKET_TAIL_LENGTH;
  budgets.push({
    what: 'WAF log bucket name',
    budget: suffixBudget(wafFixed, NAME_LIMITS.s3Bucket.maxLength),
  });
  return budgets;
}

const TIGHTEST = suffixBudgets().reduce((a, b) => (b.budget < a.budget ? b : a));

/** Longest environment suffix every physical name can carry. */
export const MAX_SUFFIX_LENGTH: number = TIGHTEST.budget;
/** Which name sets `MAX_SUFFIX_LENGTH`, for error messages. */
export const TIGHTEST_NAME: string = TIGHTEST.what;

/** Environment suffix: lowercase, starts with a letter, no leading, trailing or double hyphen. */
export const SUFFIX_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** A name that breaks an AWS limit: a defect in the code that built it, not bad user input. */
export class NameError extends InputProblem {
  constructor(name: string, kind: NameKind) {
    super(
      `Name "${name}" (${name.length} characters) breaks the ${kind} rule: ${NAME_LIMITS[kind].rule}`,
    );
    this.name = 'NameError';
  }
}

/** Checks a literal name against its kind's limit; throws `NameError` if it does not fit. */
export function assertValidName(name: string, kind: NameKind): string {
  const limit: { maxLength: number; minLength?: number; pattern: RegExp } = NAME_LIMITS[kind];
  const tooShort = name.length < (limit.minLength ?? 1);
  if (tooShort || name.length > limit.maxLength || !limit.pattern.test(name)) {
    throw new NameError(name, kind);
  }
  return name;
}

/**
 * Builds every physical name of one deployment: `payment-<component>-<suffix>`.
 * The suffix is validated by configuration before a `Naming` is made.
 */
export class Naming {
  constructor(
    readonly suffix: string,
    readonly region: string,
  ) {}

  /** `payment-<component>-<suffix>`, checked against the limit of `kind`. */
  name(component: string, kind: NameKind = 'generic'): string {
    return assertValidName(`${NAME_PREFIX}-${component}-${this.suffix}`, kind);
  }

  /**
   * Target group name `payment-t<xx>-<suffix>`, where `xx` (base 36) is derived from the
   * settings whose change replaces a target group (port, protocol, target type, and the VPC:
   * `vpc` is what identifies it at synth, its address and CIDR, since its ID is known only
   * after apply). A new name
   * lets the replacement be created before the old group, which the listener still uses, is
   * destroyed; a fixed name would make Terraform delete a group in use, and fail.
   */
  targetGroupName(settings: {
    port: number;
    protocol: string;
    targetType: string;
    vpc: string;
  }): string {
    const digest = createHash('sha256')
      .update(`${settings.protocol}:${settings.port}:${settings.targetType}:${settings.vpc}`)
      .digest();
    const code = (digest.readUInt16BE(0) % 1296).toString(36).padStart(2, '0');
    return this.name(`t${code}`, 'targetGroup');
  }

  /** KMS alias `alias/payment-<component>-<suffix>`. */
  kmsAlias(component: string): string {
    return assertValidName(`alias/${this.name(component)}`, 'kmsAlias');
  }

  /**
   * Globally unique bucket name: `payment-<component>-<suffix>-<account>-<region code>`.
   * `accountId` is usually a token (from `aws_caller_identity`): its length is known (12).
   */
  bucketName(component: BucketComponent, accountId: string): string {
    return this.globalBucketName(`${NAME_PREFIX}-${component}-${this.suffix}`, accountId);
  }

  /** WAF log bucket: `aws-waf-logs-payment-<suffix>-<account>-<region code>`. */
  wafLogBucketName(accountId: string): string {
    return this.globalBucketName(
      `${WAF_LOG_BUCKET_PREFIX}-${NAME_PREFIX}-${this.suffix}`,
      accountId,
    );
  }

  private globalBucketName(lead: string, accountId: string): string {
    const tail = `-${regionCode(this.region)}`;
    // Check the shape with a stand-in of the account ID's real length, then build the
    // real name (which may hold a token that resolves at plan time).
    assertValidName(`${lead}-${'0'.repeat(ACCOUNT_ID_LENGTH)}${tail}`, 's3Bucket');
    return `${lead}-${accountId}${tail}`;
  }
}

/**
 * The CI deploy identities of an account (src/constructs/ci/): every name starts with
 * `ci-payment`, never `payment-`, so no environment's generated policy, scoped to
 * `payment-*-<env>`, reaches them.
 */
export const CI_NAME_PREFIX = 'ci-payment';
export function ciRoleName(environment: string, kind: 'plan' | 'apply'): string {
  return `${CI_NAME_PREFIX}-${environment}-${kind}`;
}
/** The permissions boundary every role a CI apply role creates carries. */
export const CI_BOUNDARY_NAME = `${CI_NAME_PREFIX}-boundary`;
export function ciBoundaryArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:policy/${CI_BOUNDARY_NAME}`;
}
