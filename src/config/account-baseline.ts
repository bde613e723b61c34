/**
 * The account baseline's configuration: `config/accounts/<name>.json`, one file per AWS
 * account that holds environments of this project (docs/account-baseline.md). It lives in a
 * folder of its own, so that the environment files (`config/<env>.json`) and this file never
 * share a name, and its stacks (`payment-account-<name>`, `payment-account-<name>-<region
 * code>`) are reserved (`src/naming/reserved.ts`), so no environment can collide with them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { isKnownRegion, partitionOf, regionCode } from '../aws-facts/regions';
import { ciBoundaryArn, MAX_SUFFIX_LENGTH, SUFFIX_PATTERN } from '../naming/naming';
import type { ConfigProblem } from './errors';
import { ConfigError } from './errors';
import { IAM_PRINCIPAL_ARN, KEY_ADMINISTRATORS_EXAMPLE } from './key-administrators';
import type { FileReader } from './parse';
import { CLOUDWATCH_RETENTION_DAYS } from './schema';
import type { AccountBaselineRefInput } from './account-baseline-ref';
import { ACCOUNT_BASELINE_REF_EXAMPLE } from './account-baseline-ref';

/** Where the account files live, relative to the project root. */
export const ACCOUNT_CONFIG_DIR = join('config', 'accounts');

/** Stack names: the account-global stack, and one per Region. */
export const ACCOUNT_STACK_PREFIX = 'payment-account';
export function accountStackName(name: string): string {
  return `${ACCOUNT_STACK_PREFIX}-${name}`;
}
export function accountRegionStackName(name: string, region: string): string {
  return `${ACCOUNT_STACK_PREFIX}-${name}-${regionCode(region)}`;
}

/**
 * The baseline's physical names carry `acct-<name>` where an environment's carry its suffix,
 * so they fit the same length budget (`MAX_SUFFIX_LENGTH`) and never equal an environment's.
 */
export const ACCOUNT_NAME_PREFIX = 'acct-';
export const MAX_ACCOUNT_NAME_LENGTH = MAX_SUFFIX_LENGTH - ACCOUNT_NAME_PREFIX.length;

/** PCI DSS 10.5.1: a year of audit logs, three months at once available. */
export const MIN_AUDIT_RETENTION_DAYS = 365;

/** The pack files shipped in the repository (vendor/aws-config-rules/README.md). */
export const CONFORMANCE_PACK_DIR = join('vendor', 'aws-config-rules');
export const CONFORMANCE_PACK_FILES = {
  includingGlobal:
    'Operational-Best-Practices-for-PCI-DSS-v4.0-including-global-resourcetypes.yaml',
  excludingGlobal:
    'Operational-Best-Practices-for-PCI-DSS-v4.0-excluding-global-resourcetypes.yaml',
} as const;
/**
 * `PutConformancePack` TemplateBody: "maximum length of 51,200 bytes"
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_PutConformancePack.html).
 */
export const CONFORMANCE_PACK_INLINE_LIMIT_BYTES = 51_200;

/** The Session Manager preferences document every account and Region has one of. */
export const SESSION_PREFERENCES_DOCUMENT = 'SSM-SessionManagerRunShell';

const ACCOUNT_ID = /^\d{12}$/;

/**
 * A GitHub repository as its OIDC token's `sub` names it: `owner/name` (GitHub's OpenID Connect
 * reference, "Example subject claims": https://docs.github.com/en/actions/reference/security/oidc).
 */
const GITHUB_REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
/**
 * A branch name as it appears after `ref:refs/heads/` in the token's `sub`. No `*` or `?`:
 * the trust policy compares with StringEquals, so a wildcard would be taken literally; no `:`,
 * which GitHub escapes as `%3A` in the claim (same page, "Filtering for metadata containing").
 */
const GIT_BRANCH = /^(?!\/)(?!.*\/\/)(?!.*\.\.)[A-Za-z0-9._/-]{1,200}(?<!\/)$/;

export const CI_EXAMPLE =
  '"ci": { "github": { "repository": "acme/payments", "branch": "main" }, "environments": ["dev", "staging", "prod"] }';

const ciSettings = z.strictObject({
  /** GitHub Actions (the only provider so far; GitLab would be a sibling key). */
  github: z.strictObject({
    repository: z
      .string({ error: 'must be a string "owner/name"' })
      .regex(GITHUB_REPOSITORY, { error: 'is not a GitHub repository "owner/name"' }),
    /** The branch that applies: the plan roles trust it, pull requests target it. @default "main" */
    branch: z
      .string({ error: 'must be a branch name' })
      .regex(GIT_BRANCH, {
        error: 'is not a branch name (letters, digits, ".", "_", "-", "/"; no wildcard, no ":")',
      })
      .optional(),
  }),
  /** The environments that get a plan and an apply role; each has its config/<name>.json. */
  environments: z
    .array(
      z
        .string({ error: 'must be an environment name' })
        .regex(SUFFIX_PATTERN, { error: 'is not an environment name' }),
      { error: 'must be a list of environment names' },
    )
    .min(1, { error: 'is empty; name the environments CI deploys' })
    .refine((l) => new Set(l).size === l.length, { error: 'lists an environment twice' }),
});

const regionSettings = z.strictObject({
  /** The environment whose alarm topic receives this Region's high-severity findings. */
  findingsEnvironment: z
    .string({ error: 'must be an environment name' })
    .regex(SUFFIX_PATTERN, { error: 'is not an environment name' }),
  /**
   * `create` (default): the stack creates `SSM-SessionManagerRunShell`. `import`: the document
   * already exists in this Region (saved once in the console, or made by Quick Setup), and
   * CreateDocument would fail with DocumentAlreadyExists; the stack adopts it with a Terraform
   * `import` block and then manages its content.
   */
  sessionPreferences: z
    .enum(['create', 'import'], { error: 'must be "create" or "import"' })
    .optional(),
});

export const accountFileSchema = z.strictObject({
  $schema: z.string().optional(),
  accountId: z
    .string({ error: 'must be a string of 12 digits' })
    .regex(ACCOUNT_ID, { error: 'is not an AWS account ID (12 digits)' }),
  /** Where the account-global stack (trail, account settings, IAM) lives. */
  homeRegion: z.string({ error: 'must be a Region' }).refine(isKnownRegion, {
    error: 'is not an AWS Region this project knows',
  }),
  /** Every Region with environments, each with its own regional stack. */
  regions: z
    .record(z.string(), regionSettings, { error: 'must be an object of Region to settings' })
    .refine((r) => Object.keys(r).length > 0, { error: 'is empty; list at least the home Region' }),
  /** The environments (suffixes) in this account: their buckets get S3 data events. */
  environments: z
    .array(
      z
        .string({ error: 'must be an environment name' })
        .regex(SUFFIX_PATTERN, { error: 'is not an environment name' }),
      { error: 'must be a list of environment names' },
    )
    .min(1, { error: 'is empty; name the environments deployed in this account' })
    .refine((l) => new Set(l).size === l.length, { error: 'lists an environment twice' }),
  keyAdministratorArns: z
    .array(
      z.string({ error: 'must be a string' }).regex(IAM_PRINCIPAL_ARN, {
        error: 'is not an IAM role or user ARN',
      }),
      { error: 'must be a list of IAM role or user ARNs' },
    )
    .min(1, { error: 'is empty; name the roles that administer the baseline keys' }),
  /** Days audit logs (trail, session logs) are kept; at least 365. @default 400 */
  auditLogRetentionDays: z
    .number({ error: 'must be a number of days' })
    .refine((v) => (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(v), {
      error: `is not a retention CloudWatch Logs accepts (${CLOUDWATCH_RETENTION_DAYS.join(', ')})`,
    })
    .refine((v) => v >= MIN_AUDIT_RETENTION_DAYS, {
      error: `is under ${MIN_AUDIT_RETENTION_DAYS} days (PCI DSS 10.5.1)`,
    })
    .optional(),
  /**
   * `create` (default): the stack creates the AWS Config service-linked role. `exists`: the
   * account has it already (CreateServiceLinkedRole then fails with "has been taken"), and
   * the recorder uses it by its fixed name.
   */
  configServiceLinkedRole: z
    .enum(['create', 'exists'], { error: 'must be "create" or "exists"' })
    .optional(),
  /**
   * Deploy identities for CI (docs/ci.md): the OIDC provider, a permissions boundary, and a
   * plan and an apply role per listed environment. @default none
   */
  ci: ciSettings.optional(),
});

export const ACCOUNT_FIELD_EXAMPLES: Readonly<Record<string, string>> = {
  accountId: '"123456789012"',
  homeRegion: '"us-east-1"',
  regions: '{ "us-east-1": { "findingsEnvironment": "prod" } }',
  environments: '["prod", "staging"]',
  keyAdministratorArns: KEY_ADMINISTRATORS_EXAMPLE,
  auditLogRetentionDays: '400',
  configServiceLinkedRole: '"exists"',
  name: '"main" (config/accounts/main.json)',
  ci: CI_EXAMPLE,
};

/** The CI settings of an account, validated; the roles' inputs are derived at synthesis. */
export interface AccountCiConfig {
  readonly provider: 'github';
  /** `owner/name`. */
  readonly repository: string;
  readonly branch: string;
  readonly environments: readonly string[];
}

export interface AccountRegionConfig {
  readonly region: string;
  readonly home: boolean;
  readonly findingsEnvironment: string;
  readonly sessionPreferences: 'create' | 'import';
}

/** The validated baseline of one account. */
export interface AccountBaselineConfig {
  readonly name: string;
  readonly accountId: string;
  readonly homeRegion: string;
  /** Home Region first, then the others in file order. */
  readonly regions: readonly AccountRegionConfig[];
  readonly environments: readonly string[];
  readonly keyAdministratorArns: readonly string[];
  readonly auditLogRetentionDays: number;
  readonly configServiceLinkedRole: 'create' | 'exists';
  /** Deploy identities for CI; absent when the file has no `ci`. */
  readonly ci?: AccountCiConfig;
  /** The conformance pack templates, read from the repository. */
  readonly conformancePacks: { readonly includingGlobal: string; readonly excludingGlobal: string };
}

function problem(field: string, value: unknown, rule: string): ConfigProblem {
  return { field, value, rule, example: ACCOUNT_FIELD_EXAMPLES[field.split('.')[0]!] ?? '' };
}

/** The path of account `name`'s file under `projectRoot`. */
export function accountConfigPath(projectRoot: string, name: string): string {
  return join(projectRoot, ACCOUNT_CONFIG_DIR, `${name}.json`);
}

/**
 * Reads and validates `config/accounts/<name>.json`, with every problem at once
 * (`ConfigError`, naming the field, the value, the rule and an example).
 */
export function loadAccountBaseline(
  projectRoot: string,
  name: string,
  readFile: FileReader = (path) => readFileSync(path, 'utf8'),
): AccountBaselineConfig {
  const path = accountConfigPath(projectRoot, name);
  const problems: ConfigProblem[] = [];
  if (!SUFFIX_PATTERN.test(name) || name.length > MAX_ACCOUNT_NAME_LENGTH) {
    throw new ConfigError([
      problem(
        'name',
        name,
        `is not an account name (lowercase letters, digits and single hyphens, starting with a letter, at most ${MAX_ACCOUNT_NAME_LENGTH} characters)`,
      ),
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([
      {
        field: path,
        value: name,
        rule: code ? `cannot be read (${code})` : `is not valid JSON (${(error as Error).message})`,
        example: '{ "accountId": "123456789012", "homeRegion": "us-east-1", ... }',
      },
    ]);
  }
  const parsed = accountFileSchema.safeParse(raw);
  if (!parsed.success) {
    const known = Object.keys(accountFileSchema.shape);
    throw new ConfigError(
      parsed.error.issues.flatMap((issue) => {
        if (issue.code === 'unrecognized_keys') {
          let parent: unknown = raw;
          for (const step of issue.path) parent = (parent as Record<PropertyKey, unknown>)?.[step];
          const nested = issue.path.length > 0;
          return issue.keys.map((key) => ({
            field: [...issue.path.map(String), key].join('.'),
            value: (parent as Record<string, unknown>)[key],
            rule: nested
              ? `is not a key of ${issue.path.map(String).join('.')}`
              : `is not a key of an account file; known keys: ${known.filter((k) => k !== '$schema').join(', ')}`,
            example: nested
              ? (ACCOUNT_FIELD_EXAMPLES[String(issue.path[0])] ?? '')
              : '{ "accountId": "123456789012", "homeRegion": "us-east-1", ... }',
          }));
        }
        const field = issue.path.map(String).join('.') || path;
        let value: unknown = raw;
        for (const step of issue.path) value = (value as Record<PropertyKey, unknown>)?.[step];
        return problem(field, value, issue.message);
      }),
    );
  }
  const file = parsed.data;
  const regionNames = Object.keys(file.regions);
  for (const region of regionNames) {
    if (!isKnownRegion(region))
      problems.push(
        problem(`regions.${region}`, region, 'is not an AWS Region this project knows'),
      );
    const findings = file.regions[region]!.findingsEnvironment;
    if (!file.environments.includes(findings))
      problems.push(
        problem(
          `regions.${region}.findingsEnvironment`,
          findings,
          `is not one of environments (${file.environments.join(', ')})`,
        ),
      );
  }
  if (!regionNames.includes(file.homeRegion))
    problems.push(
      problem(
        'homeRegion',
        file.homeRegion,
        'is not one of regions (the trail and IAM live there)',
      ),
    );
  const codes = regionNames.map(regionCode);
  if (new Set(codes).size !== codes.length)
    problems.push(problem('regions', regionNames, 'has two Regions with the same short code'));
  for (const arn of file.keyAdministratorArns) {
    if (arn.split(':')[4] !== file.accountId)
      problems.push(
        problem('keyAdministratorArns', arn, `is not in account ${file.accountId} (accountId)`),
      );
  }
  for (const environment of file.ci?.environments ?? []) {
    if (!file.environments.includes(environment))
      problems.push(
        problem(
          'ci.environments',
          environment,
          `is not one of environments (${file.environments.join(', ')}): CI roles are made in the account that holds the environment`,
        ),
      );
  }
  const packs = {
    includingGlobal: readPack(projectRoot, 'includingGlobal', readFile, problems),
    excludingGlobal: readPack(projectRoot, 'excludingGlobal', readFile, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);

  const ordered = [file.homeRegion, ...regionNames.filter((r) => r !== file.homeRegion)];
  return {
    name,
    accountId: file.accountId,
    homeRegion: file.homeRegion,
    regions: ordered.map((region) => ({
      region,
      home: region === file.homeRegion,
      findingsEnvironment: file.regions[region]!.findingsEnvironment,
      sessionPreferences: file.regions[region]!.sessionPreferences ?? 'create',
    })),
    environments: file.environments,
    keyAdministratorArns: file.keyAdministratorArns,
    auditLogRetentionDays: file.auditLogRetentionDays ?? 400,
    configServiceLinkedRole: file.configServiceLinkedRole ?? 'create',
    ...(file.ci
      ? {
          ci: {
            provider: 'github' as const,
            repository: file.ci.github.repository,
            branch: file.ci.github.branch ?? 'main',
            environments: file.ci.environments,
          },
        }
      : {}),
    conformancePacks: packs,
  };
}

function readPack(
  projectRoot: string,
  which: keyof typeof CONFORMANCE_PACK_FILES,
  readFile: FileReader,
  problems: ConfigProblem[],
): string {
  const path = join(projectRoot, CONFORMANCE_PACK_DIR, CONFORMANCE_PACK_FILES[which]);
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    problems.push({
      field: path,
      value: which,
      rule: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'read error'}); it ships with the repository`,
      example: 'restore it from git (vendor/aws-config-rules/README.md)',
    });
    return '';
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > CONFORMANCE_PACK_INLINE_LIMIT_BYTES)
    problems.push({
      field: path,
      value: `${bytes} bytes`,
      rule: `is over the ${CONFORMANCE_PACK_INLINE_LIMIT_BYTES}-byte inline TemplateBody limit of PutConformancePack`,
      example: 'the upstream file unchanged (45,953 bytes), or a template in S3 (template_s3_uri)',
    });
  return text;
}

/** The resolved declaration an environment stack records (`account_baseline` local). */
export type AccountBaselineRef =
  | {
      readonly provider: 'project';
      readonly account: string;
      readonly accountId: string;
      readonly regions: readonly string[];
      /** The environments whose buckets the baseline's trail records. */
      readonly environments: readonly string[];
    }
  | { readonly provider: 'organisation'; readonly statement: string };

/**
 * Checks an environment's `accountBaseline` against the account file it names: the file
 * exists and is valid, covers the environment's Region, its account is one the environment
 * may deploy to, and it lists the environment (so the trail records its buckets). The file is
 * looked for beside the environment file (`<dir>/accounts/<name>.json`), then under
 * `<cwd>/config/accounts/`.
 */
export function resolveAccountBaselineRef(
  input: AccountBaselineRefInput | undefined,
  environment: {
    readonly suffix: string;
    readonly profile: string;
    readonly region: string | undefined;
    readonly allowedAccountIds: readonly string[] | undefined;
    readonly configFile: string | undefined;
  },
  readFile: FileReader = (path) => readFileSync(path, 'utf8'),
): {
  value: AccountBaselineRef | undefined;
  problems: ConfigProblem[];
  /** The account's CI boundary, when its file's `ci.environments` lists this environment. */
  permissionsBoundaryArn?: string;
} {
  if (!input) return { value: undefined, problems: [] };
  if ('providedBy' in input)
    return { value: { provider: 'organisation', statement: input.statement }, problems: [] };
  const field = 'accountBaseline.account';
  const candidates = [
    ...(environment.configFile
      ? [join(dirname(environment.configFile), 'accounts', `${input.account}.json`)]
      : []),
    join(process.cwd(), ACCOUNT_CONFIG_DIR, `${input.account}.json`),
  ];
  let file: z.infer<typeof accountFileSchema> | undefined;
  let reason = 'does not name a file in config/accounts/';
  for (const path of candidates) {
    let text: string;
    try {
      text = readFile(path);
    } catch {
      continue;
    }
    let parsed: ReturnType<typeof accountFileSchema.safeParse>;
    try {
      parsed = accountFileSchema.safeParse(JSON.parse(text));
    } catch (error) {
      reason = `names ${path}, which is not valid JSON (${(error as Error).message})`;
      break;
    }
    if (parsed.success) file = parsed.data;
    else
      reason = `names ${path}, which is invalid (npm run synth -- --account ${input.account} lists why)`;
    break;
  }
  const problem = (rule: string): ConfigProblem => ({
    field,
    value: input.account,
    rule,
    example: ACCOUNT_BASELINE_REF_EXAMPLE,
  });
  if (!file) return { value: undefined, problems: [problem(reason)] };
  const problems: ConfigProblem[] = [];
  const regions = Object.keys(file.regions);
  if (environment.region && !regions.includes(environment.region))
    problems.push(
      problem(`covers ${regions.join(', ')}, not this environment's Region ${environment.region}`),
    );
  if (environment.allowedAccountIds && !environment.allowedAccountIds.includes(file.accountId))
    problems.push(problem(`is account ${file.accountId}, which allowedAccountIds does not list`));
  return {
    // Whether the file lists this environment (so the trail records its buckets) is the
    // gate's to say (PAY-ACCT-003), after an ephemeral environment has been refused or named.
    value: {
      provider: 'project',
      account: input.account,
      accountId: file.accountId,
      regions,
      environments: file.environments,
    },
    problems,
    ...(file.ci?.environments.includes(environment.suffix)
      ? { permissionsBoundaryArn: ciBoundaryArn(partitionOf(file.homeRegion), file.accountId) }
      : {}),
  };
}
