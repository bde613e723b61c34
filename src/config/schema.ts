import { z } from 'zod';
import { INTERFACE_ENDPOINT_SETS, PROFILE_NAMES } from './profiles';
import { MAX_SUFFIX_LENGTH, SUFFIX_PATTERN, TIGHTEST_NAME } from '../naming/naming';
import { isKnownRegion } from '../aws-facts/regions';
import { bucketNameProblem } from '../aws-facts/s3-bucket-names';
import { isPrivateCidr, parseIpv4Cidr } from './subnet-plan';
import {
  APP_TIER_FIELD_EXAMPLES,
  certificateSchema,
  computeSchema,
  tlsPolicySchema,
  wafSchema,
} from './app-tier-schema';
import { DATABASE_FIELD_EXAMPLES, databaseSchema } from './database';
import { KEY_ADMINISTRATORS_EXAMPLE, keyAdministratorArnsSchema } from './key-administrators';
import { ACCOUNT_BASELINE_REF_EXAMPLE, accountBaselineRefSchema } from './account-baseline-ref';
import { reservedBy } from '../naming/reserved';

/**
 * The shape of every input: environment variables and the optional JSON config file.
 * Each rule's message is phrased to follow the offending value; `FIELD_EXAMPLES` gives the
 * valid example printed after it. Rules across fields live in each tier's module (`resolveX`).
 */

/** Values CloudWatch Logs accepts for `retention_in_days` (0, never expire, is not allowed here). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

/** Services that may get an interface VPC endpoint (`com.amazonaws.<region>.<service>`). */
export const INTERFACE_ENDPOINT_SERVICES = [
  'application-autoscaling',
  'autoscaling',
  'ec2',
  'ec2messages',
  'ecr.api',
  'ecr.dkr',
  'ecs',
  'ecs-agent',
  'ecs-telemetry',
  'elasticloadbalancing',
  'events',
  'execute-api',
  'kms',
  'lambda',
  'logs',
  'monitoring',
  'rds',
  'secretsmanager',
  'sns',
  'sqs',
  'ssm',
  'ssmmessages',
  'states',
  'sts',
  'xray',
] as const;

export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 24;
export const MIN_AZ_COUNT = 2;
export const MAX_AZ_COUNT = 6;
/** AWS allows 50 tags a resource; the project's own default tags use up to 7. */
export const MAX_USER_TAGS = 40;

type EndpointSetName = keyof typeof INTERFACE_ENDPOINT_SETS;
const ENDPOINT_SET_NAMES = Object.keys(INTERFACE_ENDPOINT_SETS);

/** An AWS account ID: always 12 digits. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
const accountIds = z
  .array(
    z
      .string({ error: 'must be a string of 12 digits' })
      .regex(ACCOUNT_ID_PATTERN, { error: 'is not an AWS account ID (12 digits)' }),
    { error: 'must be a list of AWS account IDs' },
  )
  .min(1, { error: 'is empty; list the account IDs this stack may deploy to' })
  .refine((list) => new Set(list).size === list.length, { error: 'lists an account twice' });

const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/iu;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

const vpcCidr = z
  .string({ error: 'must be a string' })
  .refine((v) => parseIpv4Cidr(v) !== undefined, {
    error:
      'is not an IPv4 CIDR in canonical form (a.b.c.d/n: four decimal numbers 0-255 without leading zeros or hex, all four written out, the host bits zero)',
  })
  .refine(
    (v) => {
      const parsed = parseIpv4Cidr(v);
      return !parsed || (parsed.prefix >= MIN_VPC_PREFIX && parsed.prefix <= MAX_VPC_PREFIX);
    },
    { error: `has a prefix outside /${MIN_VPC_PREFIX}-/${MAX_VPC_PREFIX}` },
  )
  .refine((v) => parseIpv4Cidr(v) === undefined || isPrivateCidr(v), {
    error: 'is not inside a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)',
  });

const integer = (what: string) =>
  z.number({ error: `must be ${what}` }).int({ error: `must be ${what}` });

const azCount = integer('a whole number')
  .min(MIN_AZ_COUNT, { error: `is outside ${MIN_AZ_COUNT}-${MAX_AZ_COUNT}` })
  .max(MAX_AZ_COUNT, { error: `is outside ${MIN_AZ_COUNT}-${MAX_AZ_COUNT}` });

/** How the VPC is carved into subnets (src/config/subnet-plan.ts). */
export const SUBNET_LAYOUTS = ['legacy', 'stable'] as const;
export type SubnetLayout = (typeof SUBNET_LAYOUTS)[number];

/**
 * An AZ ID: the Region's code (`use1`, `euw1`, `apse2`, `usgw1`), `-az` and a number. The same
 * physical zone in every account, unlike the name (`us-east-1a`), which older Regions map per
 * account: https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html and
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 * (which says "the first three letters of the Region code" and its number: true of `euw1`,
 * not of `apse2` or `usgw1`, whose whole direction is kept; `resolveNetwork` compares the
 * prefix with `regionCode`). Local and Wavelength Zones (`usw2-lax1-az1`) are not AZs.
 */
export const AZ_ID_PATTERN = /^[a-z]{2,}[0-9]+-az[0-9]+$/;

/** A number within [min, max] (whole if `whole`), with the message the user reads. */
function bounded(min: number, max: number, whole = false) {
  const rule = `is outside ${min}-${max}${whole ? ' or not a whole number' : ''}`;
  const base = z.number({ error: 'must be a number' });
  return (whole ? base.int({ error: rule }) : base)
    .min(min, { error: rule })
    .max(max, { error: rule });
}

/** Alarm threshold overrides (`alarms`); defaults come from the profile table. */
export const alarmThresholdsSchema = z.strictObject({
  elb5xxPerFiveMinutes: bounded(1, 100_000, true).optional(),
  target5xxRatePercent: bounded(0.1, 100).optional(),
  p99LatencySeconds: bounded(0.05, 60).optional(),
  appCpuPercent: bounded(1, 100).optional(),
  appMemoryPercent: bounded(1, 100).optional(),
  databaseCpuPercent: bounded(1, 100).optional(),
  databaseConnectionsPercent: bounded(1, 100).optional(),
  acuUtilizationPercent: bounded(1, 100).optional(),
  databaseFreeableMemoryMiB: bounded(64, 262_144, true).optional(),
  replicaLagMilliseconds: bounded(10, 600_000, true).optional(),
  wafBlockedPerFiveMinutes: bounded(1, 10_000_000, true).optional(),
});

const email = z.email({ error: 'is not an email address' });

const region = z
  .string({ error: 'must be a string' })
  .refine(isKnownRegion, { error: 'is not an AWS Region this project knows' })
  .optional();

/** S3's own bucket naming rules (src/aws-facts/s3-bucket-names.ts). */
const bucketName = z.string({ error: 'must be a string' }).superRefine((name, ctx) => {
  const problem = bucketNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: `is not an S3 bucket name: it ${problem}` });
});

// The key `npm run bootstrap` prints: state holds the self-signed key and other secrets.
const stateKmsKey = z
  .string({ error: 'must be a string' })
  .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[0-9a-f-]{36}|alias\/[A-Za-z0-9/_-]+)$/, {
    error: 'is not a KMS key or alias ARN',
  });

/** Where Terraform keeps this environment's state (`npm run bootstrap` prints the values). */
export const backendSchema = z.strictObject({
  /** The state bucket; the state key is `<name>/payment-<name>.tfstate`. */
  bucket: bucketName,
  /** The bucket's Region. @default the environment's region */
  region,
  /** Customer key for the state objects. @default the bucket's default encryption */
  kmsKeyId: stateKmsKey.optional(),
});

/** Keys that say who the environment is: with them, the file is the whole environment. */
export const IDENTITY_KEYS = ['profile', 'region', 'allowedAccountIds', 'backend'] as const;

/** The JSON config file named by CONFIG_FILE. Unknown keys are errors, so typos cannot pass. */
export const configFileSchema = z.strictObject({
  /** The JSON Schema editors check the file against; ignored by the tools. */
  $schema: z.string({ error: 'must be a string (a path or URL of the JSON Schema)' }).optional(),
  /** The profile whose defaults apply; required unless the file's name is a profile's. */
  profile: z
    .enum(PROFILE_NAMES, { error: `is not a profile (${PROFILE_NAMES.join(', ')})` })
    .optional(),
  /** The AWS Region the environment runs in; required. */
  region,
  /** The S3 state backend; local state in state/ without it. */
  backend: backendSchema.optional(),
  vpcCidr: vpcCidr.optional(),
  azCount: azCount.optional(),
  /**
   * `legacy` (today's planner, sized for `azCount`) or `stable` (sized for `maxAzCount`, so AZs
   * are added and removed without renumbering). @default "legacy"
   */
  subnetLayout: z
    .enum(SUBNET_LAYOUTS, { error: `must be ${SUBNET_LAYOUTS.map((l) => `"${l}"`).join(' or ')}` })
    .optional(),
  /** Legacy layout: the `azCount` the deployed subnets were planned for. */
  plannedAzCount: azCount.optional(),
  /** Stable layout: the most AZs the subnets are sized for; required with it. */
  maxAzCount: azCount.optional(),
  /** The AZs by ID, in subnet order: AZ `i` of every tier is `availabilityZoneIds[i]`. */
  availabilityZoneIds: z
    .array(
      z.string({ error: 'must be a string' }).regex(AZ_ID_PATTERN, {
        error: 'is not an AZ ID (the Region code, "-az" and a number, as "use1-az1")',
      }),
      { error: 'must be a list of AZ IDs' },
    )
    .min(MIN_AZ_COUNT, { error: `lists fewer than ${MIN_AZ_COUNT} AZ IDs` })
    .max(MAX_AZ_COUNT, { error: `lists more than ${MAX_AZ_COUNT} AZ IDs` })
    .refine((list) => new Set(list).size === list.length, { error: 'lists an AZ ID twice' })
    .optional(),
  natGateways: z.enum(['single', 'per-az'], { error: 'must be "single" or "per-az"' }).optional(),
  interfaceEndpoints: z
    .preprocess(
      // The documented set names stand for their lists (profiles.ts).
      (value) =>
        typeof value === 'string' && Object.hasOwn(INTERFACE_ENDPOINT_SETS, value)
          ? [...INTERFACE_ENDPOINT_SETS[value as EndpointSetName]]
          : value,
      z
        .array(
          z.enum(INTERFACE_ENDPOINT_SERVICES, {
            error: `is not a supported interface endpoint service (${INTERFACE_ENDPOINT_SERVICES.join(', ')})`,
          }),
          {
            error: `must be a set name (${ENDPOINT_SET_NAMES.join(', ')}) or a list of service names`,
          },
        )
        .refine((list) => new Set(list).size === list.length, { error: 'lists a service twice' }),
    )
    .optional(),
  logRetentionDays: z
    .number({ error: 'must be a number of days' })
    .refine((v) => (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(v), {
      error: `is not a retention CloudWatch Logs accepts (${CLOUDWATCH_RETENTION_DAYS.join(', ')})`,
    })
    .optional(),
  tags: z
    .record(
      z.string(),
      z.string({ error: 'must be a string' }).regex(TAG_VALUE, {
        error: 'is not a valid tag value (0-256 letters, digits, spaces or _.:/=+-@)',
      }),
      { error: 'must be an object of tag names to values' },
    )
    .superRefine((tags, ctx) => {
      for (const key of Object.keys(tags)) {
        if (!TAG_KEY.test(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message:
              'has a key that is not a valid tag key (1-128 letters, digits, spaces or _.:/=+-@, not starting with "aws:")',
          });
        }
      }
      if (Object.keys(tags).length > MAX_USER_TAGS) {
        ctx.addIssue({ code: 'custom', message: `has more than ${MAX_USER_TAGS} tags` });
      }
    })
    .optional(),
  compute: computeSchema.optional(),
  certificate: certificateSchema.optional(),
  tlsPolicy: tlsPolicySchema.optional(),
  waf: wafSchema.optional(),
  alarmEmail: email.optional(),
  alarms: alarmThresholdsSchema.optional(),
  /** Accounts the AWS provider may act in (`allowed_account_ids`); required in prod. */
  allowedAccountIds: accountIds.optional(),
  /**
   * Other accounts whose IAM principals (and the state key) this configuration may name: a
   * central identity or security account. Reviewed like any cross-account grant.
   */
  trustedAccountIds: accountIds.optional(),
  /** Monthly budget for the cost estimate and the gate (`npm run cost`). */
  monthlyBudgetUsd: z
    .number({ error: 'must be a number of US dollars' })
    .positive({ error: 'must be above 0' })
    .max(10_000_000, { error: 'must be at most 10000000' })
    .optional(),
  /** The data tier (Aurora Serverless v2); see `database.ts`. */
  database: databaseSchema.optional(),
  /** Who administers the KMS keys; see `key-administrators.ts`. */
  keyAdministratorArns: keyAdministratorArnsSchema.optional(),
  /** Who provides the account baseline; see `account-baseline.ts` (prod: PAY-ACCT-003). */
  accountBaseline: accountBaselineRefSchema.optional(),
});
export type ConfigFile = z.infer<typeof configFileSchema>;
export const CONFIG_FILE_KEYS = Object.keys(configFileSchema.shape);

const optionalText = z
  .string()
  .transform((v) => (v.trim() === '' ? undefined : v))
  .optional();

/** Environment variables. Empty strings count as unset. */
export const environmentSchema = z.object({
  ENVIRONMENT: z
    .enum(PROFILE_NAMES, {
      error: (issue) => {
        const profiles = `is not a profile (${PROFILE_NAMES.join(', ')})`;
        // `ENVIRONMENT=pr123` usually means a deployment name, which is the suffix's job.
        return typeof issue.input === 'string' && SUFFIX_PATTERN.test(issue.input)
          ? `${profiles}; to name a deployment "${issue.input}", set ENVIRONMENT_SUFFIX=${issue.input} and keep ENVIRONMENT a profile`
          : profiles;
      },
    })
    .optional(),
  ENVIRONMENT_SUFFIX: z
    .string()
    .regex(SUFFIX_PATTERN, {
      error:
        'must be lowercase letters and digits, start with a letter, with single hyphens between (no leading, trailing or double hyphen)',
    })
    .max(MAX_SUFFIX_LENGTH, {
      error: `is longer than ${MAX_SUFFIX_LENGTH} characters, the most the ${TIGHTEST_NAME} leaves room for`,
    })
    .refine((suffix) => reservedBy(suffix) === undefined, {
      error: (issue) =>
        `is a name reserved for ${reservedBy(String(issue.input))?.owner ?? 'another stack'}; choose another suffix`,
    })
    .optional(),
  AWS_REGION: region,
  TERRAFORM_STATE_BUCKET: bucketName.optional(),
  TERRAFORM_STATE_BUCKET_REGION: region,
  TERRAFORM_STATE_KMS_KEY_ID: stateKmsKey.optional(),
  REPOSITORY: optionalText.pipe(
    z.string().regex(TAG_VALUE, { error: 'is not a valid tag value' }).optional(),
  ),
  TEAM: optionalText.pipe(
    z.string().regex(TAG_VALUE, { error: 'is not a valid tag value' }).optional(),
  ),
  COMMIT_AUTHOR: optionalText.pipe(
    z.string().regex(TAG_VALUE, { error: 'is not a valid tag value' }).optional(),
  ),
  CONFIG_FILE: optionalText,
  ALARM_EMAIL: email.optional(),
  /** Comma-separated, as the `allowedAccountIds` key; a CI job's way to pin the account. */
  ALLOWED_ACCOUNT_IDS: z
    .string()
    .transform((v) => v.split(',').map((id) => id.trim()))
    .pipe(accountIds)
    .optional(),
});
export type EnvironmentInput = z.infer<typeof environmentSchema>;
export const ENVIRONMENT_VARIABLES = Object.keys(environmentSchema.shape);

/** A valid example for each field, printed after every error about it. */
export const FIELD_EXAMPLES: Readonly<Record<string, string>> = {
  ENVIRONMENT: '"prod"',
  ENVIRONMENT_SUFFIX: '"pr123" or "staging-eu"',
  AWS_REGION: '"us-east-1"',
  TERRAFORM_STATE_BUCKET: '"acme-terraform-state"',
  TERRAFORM_STATE_BUCKET_REGION: '"us-east-1"',
  TERRAFORM_STATE_KMS_KEY_ID:
    '"arn:aws:kms:us-east-1:123456789012:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9"',
  REPOSITORY: '"acme/payments-infra"',
  TEAM: '"platform"',
  COMMIT_AUTHOR: '"jane.doe"',
  CONFIG_FILE: '"config/prod.json"',
  $schema: '"../docs/config.schema.json"',
  profile: '"staging"',
  region: '"eu-west-1"',
  backend:
    '{ "bucket": "payment-state-shared-123456789012-use1", "region": "us-east-1", "kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9" }',
  'backend.bucket': '"payment-state-shared-123456789012-use1"',
  'backend.region': '"us-east-1"',
  'backend.kmsKeyId':
    '"arn:aws:kms:us-east-1:123456789012:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9"',
  vpcCidr: '"10.0.0.0/16"',
  azCount: '3',
  subnetLayout: '"stable"',
  plannedAzCount: '3',
  maxAzCount: '4',
  availabilityZoneIds: '["euw1-az1", "euw1-az2", "euw1-az3"]',
  natGateways: '"per-az"',
  interfaceEndpoints: '"core" or ["ssm", "logs", "kms"]',
  logRetentionDays: '365',
  tags: '{ "Owner": "payments" }',
  ...APP_TIER_FIELD_EXAMPLES,
  ALARM_EMAIL: '"payments-oncall@example.com"',
  ALLOWED_ACCOUNT_IDS: '"123456789012" or "123456789012,210987654321"',
  allowedAccountIds: '["123456789012"]',
  trustedAccountIds: '["111122223333"]',
  alarmEmail: '"payments-oncall@example.com"',
  alarms: '{ "appCpuPercent": 70 }',
  monthlyBudgetUsd: '500',
  'alarms.elb5xxPerFiveMinutes': '10',
  'alarms.target5xxRatePercent': '5',
  'alarms.p99LatencySeconds': '1.5',
  'alarms.appCpuPercent': '70',
  'alarms.appMemoryPercent': '80',
  'alarms.databaseCpuPercent': '80',
  'alarms.databaseConnectionsPercent': '80',
  'alarms.acuUtilizationPercent': '90',
  'alarms.databaseFreeableMemoryMiB': '512',
  'alarms.replicaLagMilliseconds': '1000',
  'alarms.wafBlockedPerFiveMinutes': '500',
  ...DATABASE_FIELD_EXAMPLES,
  keyAdministratorArns: KEY_ADMINISTRATORS_EXAMPLE,
  accountBaseline: ACCOUNT_BASELINE_REF_EXAMPLE,
};
