import { z } from 'zod';
import type { Resolved, ResolveContext } from './context';
import type { ConfigProblem } from './errors';
import { IAM_PRINCIPAL_ARN } from './key-administrators';
import type { ProfileName } from './profiles';

/**
 * The data tier's configuration: the `database` key of the config file, its defaults and the
 * rules that depend on the engine or the profile. `schema.ts` and `load.ts` call into here so
 * the shared files stay small.
 */

export const DATABASE_ENGINES = ['aurora-mysql', 'aurora-postgresql'] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

export interface EngineFacts {
  /** Pinned at creation; automatic minor upgrades move it forward (see README, engine policy). */
  readonly defaultVersion: string;
  readonly port: number;
  /** The engine versions this project accepts, as a pattern and in words. */
  readonly versionPattern: RegExp;
  readonly versionRule: string;
  /** Longest master user name RDS accepts for the engine. */
  readonly maxMasterUsernameLength: number;
  /** Longest database user name the engine accepts. */
  readonly maxUsernameLength: number;
  readonly maxDatabaseNameLength: number;
  /** CloudWatch log exports, always on. */
  readonly logExports: readonly string[];
}

/**
 * Sources (checked November 2026): Aurora MySQL release notes, "Database engine updates for
 * Amazon Aurora MySQL version 3" (3.12.0, 2026-02-17, MySQL 8.0.44; Serverless v2 needs 3.02.0
 * or higher); the Aurora PostgreSQL 17.6 / 16.10 release announcement. Log types as listed by
 * aws-cdk-lib's cluster engine (MySQL: audit, error, general, slowquery, iam-db-auth-error;
 * PostgreSQL: postgresql, iam-db-auth-error).
 */
export const ENGINES: Readonly<Record<DatabaseEngine, EngineFacts>> = {
  'aurora-mysql': {
    defaultVersion: '8.0.mysql_aurora.3.12.0',
    port: 3306,
    // 3.02.0 is the first Aurora MySQL 3 release with Serverless v2.
    versionPattern: /^8\.0\.mysql_aurora\.3\.(0[2-9]|[1-9]\d)\.\d+$/,
    versionRule:
      'is not an Aurora MySQL 3 (MySQL 8.0-compatible) version with Serverless v2 (8.0.mysql_aurora.3.02.0 or later)',
    maxMasterUsernameLength: 16,
    maxUsernameLength: 32,
    maxDatabaseNameLength: 64,
    logExports: ['audit', 'error', 'slowquery', 'iam-db-auth-error'],
  },
  'aurora-postgresql': {
    defaultVersion: '17.6',
    port: 5432,
    versionPattern: /^(16|17)\.\d+$/,
    versionRule: 'is not an Aurora PostgreSQL 16 or 17 version (major.minor, e.g. 17.6)',
    maxMasterUsernameLength: 63,
    maxUsernameLength: 63,
    maxDatabaseNameLength: 63,
    logExports: ['postgresql', 'iam-db-auth-error'],
  },
};

/**
 * What each engine can audit. Aurora MySQL Advanced Auditing events
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Auditing.html):
 * QUERY_DML covers SELECT as well as INSERT, UPDATE and DELETE. pgAudit session classes
 * (`pgaudit.log`): READ is every SELECT and COPY; WRITE every INSERT, UPDATE, DELETE,
 * TRUNCATE and COPY into a table. `required` is what every environment audits; `prodData` the
 * data-access events prod cannot go without (one of them).
 */
export const AUDIT_EVENTS = {
  'aurora-mysql': {
    allowed: ['CONNECT', 'QUERY', 'QUERY_DCL', 'QUERY_DDL', 'QUERY_DML', 'TABLE'],
    required: ['CONNECT', 'QUERY_DCL', 'QUERY_DDL'],
    prodData: ['QUERY_DML', 'QUERY'],
  },
  'aurora-postgresql': {
    allowed: ['read', 'write', 'function', 'role', 'ddl', 'misc', 'misc_set', 'all'],
    required: ['ddl', 'role'],
    prodData: ['write', 'all'],
  },
} as const satisfies Record<
  DatabaseEngine,
  { allowed: readonly string[]; required: readonly string[]; prodData: readonly string[] }
>;

/**
 * First versions with a 0 ACU minimum (auto-pause). Sources: AWS Database Blog "Introducing
 * scaling to 0 capacity with Amazon Aurora Serverless v2" and the Aurora User Guide page
 * "Scaling to Zero ACUs with automatic pause and resume" (Aurora MySQL 3.08.0; Aurora
 * PostgreSQL 16.3 per the launch, 16.4 per a later AWS re:Post answer: the stricter one here).
 */
export const AUTO_PAUSE_VERSIONS: Readonly<Record<DatabaseEngine, string>> = {
  'aurora-mysql': '8.0.mysql_aurora.3.08.0 or later',
  'aurora-postgresql': '16.4 or later, or any 17.x',
};

export function supportsAutoPause(engine: DatabaseEngine, version: string): boolean {
  const numbers = (version.match(/\d+/g) ?? []).map(Number);
  if (engine === 'aurora-mysql') {
    const [, , major = 0, minor = 0] = numbers; // 8.0.mysql_aurora.3.MM.P
    return major > 3 || (major === 3 && minor >= 8);
  }
  const [major = 0, minor = 0] = numbers;
  return major > 16 || (major === 16 && minor >= 4);
}

/** Parameter group family of an engine version: `aurora-mysql8.0`, `aurora-postgresql17`. */
export function parameterGroupFamily(engine: DatabaseEngine, engineVersion: string): string {
  if (engine === 'aurora-mysql') return 'aurora-mysql8.0';
  return `aurora-postgresql${engineVersion.split('.')[0]}`;
}

/**
 * Names that look like a default or built-in account (RDS.24, KICS bca7cc4d) or that the
 * engines reserve. Compared case-insensitively.
 */
export const RESERVED_USERNAMES = [
  'admin',
  'administrator',
  'root',
  'postgres',
  'master',
  'masteruser',
  'rdsadmin',
  'rdsrepladmin',
  'rds_superuser',
  'rds_iam',
  'sa',
  'user',
  'dbadmin',
  'dbuser',
  'superuser',
  'sysadmin',
  'system',
  'guest',
  'test',
  'public',
  'mysql',
  'mysql.sys',
  'mysql.session',
] as const;

/** Databases every engine already has or reserves. */
export const RESERVED_DATABASE_NAMES = [
  'mysql',
  'sys',
  'information_schema',
  'performance_schema',
  'postgres',
  'template0',
  'template1',
  'rdsadmin',
] as const;

/** ACU range of Aurora Serverless v2 (recent engine versions), in 0.5 steps. */
export const MIN_ACU = 0;
export const MAX_ACU = 256;
export const MAX_READERS = 15;
export const MIN_BACKUP_RETENTION_DAYS = 1;
export const MAX_BACKUP_RETENTION_DAYS = 35;
/** Database Insights advanced mode needs at least this Performance Insights retention. */
export const ADVANCED_INSIGHTS_MIN_RETENTION_DAYS = 465;

/** Performance Insights retention: 7 (free tier), a multiple of 31 (1-23 months), or 731. */
export function isPerformanceInsightsRetention(days: number): boolean {
  return days === 7 || days === 731 || (days % 31 === 0 && days >= 31 && days <= 713);
}

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
const MASTER_USERNAME = /^[A-Za-z][A-Za-z0-9]*$/;

const capacity = (what: string) =>
  z
    .number({ error: `must be a number of ACUs` })
    .min(MIN_ACU, { error: `is outside ${MIN_ACU}-${MAX_ACU} ACUs` })
    .max(MAX_ACU, { error: `is outside ${MIN_ACU}-${MAX_ACU} ACUs` })
    .refine((v) => Number.isInteger(v * 2), { error: `is not in 0.5 ACU steps (${what})` });

const notReserved = <T extends z.ZodString>(schema: T, reserved: readonly string[]) =>
  schema.refine((v) => !reserved.includes(v.toLowerCase()), {
    error: `is a default or reserved name (${reserved.slice(0, 8).join(', ')}, ...)`,
  });

/** The `database` key of the config file; every key optional, unknown keys rejected. */
export const databaseSchema = z.strictObject({
  engine: z
    .enum(DATABASE_ENGINES, { error: `is not an engine (${DATABASE_ENGINES.join(', ')})` })
    .optional(),
  engineVersion: z.string({ error: 'must be a string' }).optional(),
  minCapacity: capacity('e.g. 0.5, 1, 1.5').optional(),
  maxCapacity: capacity('e.g. 4, 4.5, 64')
    .refine((v) => v >= 1, { error: 'is below 1 ACU, the smallest maximum' })
    .optional(),
  readers: z
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: `is outside 1-${MAX_READERS} (at least one reader in another AZ)` })
    .max(MAX_READERS, { error: `is outside 1-${MAX_READERS}` })
    .optional(),
  backupRetentionDays: z
    .number({ error: 'must be a whole number of days' })
    .int({ error: 'must be a whole number of days' })
    .min(MIN_BACKUP_RETENTION_DAYS, {
      error: `is outside ${MIN_BACKUP_RETENTION_DAYS}-${MAX_BACKUP_RETENTION_DAYS}`,
    })
    .max(MAX_BACKUP_RETENTION_DAYS, {
      error: `is outside ${MIN_BACKUP_RETENTION_DAYS}-${MAX_BACKUP_RETENTION_DAYS}`,
    })
    .optional(),
  databaseName: notReserved(
    z.string({ error: 'must be a string' }).regex(IDENTIFIER, {
      error: 'must be lowercase letters, digits or underscores, starting with a letter',
    }),
    RESERVED_DATABASE_NAMES,
  ).optional(),
  masterUsername: notReserved(
    z.string({ error: 'must be a string' }).regex(MASTER_USERNAME, {
      error:
        'must be letters or digits, starting with a letter (what RDS accepts for a master user)',
    }),
    RESERVED_USERNAMES,
  ).optional(),
  appUsername: notReserved(
    z.string({ error: 'must be a string' }).regex(IDENTIFIER, {
      error: 'must be lowercase letters, digits or underscores, starting with a letter',
    }),
    RESERVED_USERNAMES,
  ).optional(),
  deletionProtection: z.boolean({ error: 'must be true or false' }).optional(),
  performanceInsightsRetentionDays: z
    .number({ error: 'must be a number of days' })
    .refine(isPerformanceInsightsRetention, {
      error: 'is not a Performance Insights retention (7, a multiple of 31 up to 713, or 731)',
    })
    .optional(),
  generalLog: z.boolean({ error: 'must be true or false' }).optional(),
  adminUsers: z
    .array(
      z.strictObject({
        name: notReserved(
          z.string({ error: 'must be a string' }).regex(IDENTIFIER, {
            error: 'must be lowercase letters, digits or underscores, starting with a letter',
          }),
          RESERVED_USERNAMES,
        ),
        principalArn: z.string({ error: 'must be a string' }).regex(IAM_PRINCIPAL_ARN, {
          error: 'is not an IAM role or user ARN (arn:aws:iam::<12-digit account>:role/<name>)',
        }),
      }),
      { error: 'must be a list of { "name", "principalArn" } objects' },
    )
    .max(20, { error: 'lists more than 20 administrators' })
    .refine((list) => new Set(list.map((a) => a.name)).size === list.length, {
      error: 'names an administrator twice',
    })
    .optional(),
  auditEvents: z
    .array(z.string({ error: 'must be a string' }), {
      error: 'must be a list of audit events',
    })
    .min(1, { error: 'must list at least one audit event' })
    .refine((list) => new Set(list).size === list.length, { error: 'lists an event twice' })
    .optional(),
});
export type DatabaseFile = z.infer<typeof databaseSchema>;

export const DATABASE_FIELD_EXAMPLES: Readonly<Record<string, string>> = {
  database: '{ "engine": "aurora-postgresql", "readers": 2 }',
  'database.engine': '"aurora-mysql"',
  'database.engineVersion': `"${ENGINES['aurora-mysql'].defaultVersion}" or "${ENGINES['aurora-postgresql'].defaultVersion}"`,
  'database.minCapacity': '0.5',
  'database.maxCapacity': '16',
  'database.readers': '2',
  'database.backupRetentionDays': '35',
  'database.databaseName': '"payments"',
  'database.masterUsername': '"paymentsowner"',
  'database.appUsername': '"payments_app"',
  'database.deletionProtection': 'true',
  'database.performanceInsightsRetentionDays': '465',
  'database.generalLog': 'false',
  'database.adminUsers':
    '[{ "name": "alice", "principalArn": "arn:aws:iam::123456789012:role/dba-alice" }]',
  'database.auditEvents':
    '["CONNECT", "QUERY_DCL", "QUERY_DDL", "QUERY_DML"] (MySQL) or ["ddl", "role", "write"] (PostgreSQL)',
};

export const DATABASE_DEFAULTS = {
  engine: 'aurora-mysql',
  databaseName: 'payments',
  masterUsername: 'paymentsowner',
  appUsername: 'payments_app',
  generalLog: false,
} as const;

/** The validated data-tier configuration the stack builds from. */
export interface DatabaseConfig {
  readonly engine: DatabaseEngine;
  readonly engineVersion: string;
  readonly port: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly readers: number;
  readonly backupRetentionDays: number;
  readonly databaseName: string;
  readonly masterUsername: string;
  /** The one database user the application connects as, with IAM authentication. */
  readonly appUsername: string;
  readonly deletionProtection: boolean;
  /** Take a final snapshot on destroy (from the profile). */
  readonly finalSnapshot: boolean;
  readonly performanceInsightsRetentionDays: number;
  /** Also log and export every statement (MySQL `general_log`); off unless asked. */
  readonly generalLog: boolean;
  /**
   * What the engine audits: MySQL `server_audit_events`, or PostgreSQL `pgaudit.log` classes
   * (lowercase). From the profile unless configured.
   */
  readonly auditEvents: readonly string[];
  /**
   * Named database administrators (PCI DSS 8.2.1): each an IAM-authenticated database user that
   * only `principalArn` may connect as. @default none
   */
  readonly adminUsers: readonly DatabaseAdmin[];
}

export interface DatabaseAdmin {
  /** Database user name. */
  readonly name: string;
  /** The IAM role or user allowed to connect as `name`. */
  readonly principalArn: string;
}

/**
 * Applies the profile defaults to the `database` overrides and checks the rules that span
 * fields, the engine or the profile. A rule reading a field already reported is skipped
 * instead of reporting twice.
 */
export function resolveDatabase(
  context: ResolveContext,
  input: DatabaseFile,
): Resolved<DatabaseConfig> {
  const settings = context.defaults;
  const engine = input.engine ?? DATABASE_DEFAULTS.engine;
  const facts = ENGINES[engine];
  const database: DatabaseConfig = {
    engine,
    engineVersion: input.engineVersion ?? facts.defaultVersion,
    port: facts.port,
    minCapacity: input.minCapacity ?? settings.auroraMinCapacity,
    maxCapacity: input.maxCapacity ?? settings.auroraMaxCapacity,
    readers: input.readers ?? settings.auroraReaders,
    backupRetentionDays: input.backupRetentionDays ?? settings.backupRetentionDays,
    databaseName: input.databaseName ?? DATABASE_DEFAULTS.databaseName,
    masterUsername: input.masterUsername ?? DATABASE_DEFAULTS.masterUsername,
    appUsername: input.appUsername ?? DATABASE_DEFAULTS.appUsername,
    deletionProtection: input.deletionProtection ?? settings.deletionProtection,
    finalSnapshot: settings.finalSnapshot,
    performanceInsightsRetentionDays:
      input.performanceInsightsRetentionDays ?? settings.performanceInsightsRetentionDays,
    generalLog: input.generalLog ?? DATABASE_DEFAULTS.generalLog,
    auditEvents: input.auditEvents ?? settings.databaseAuditEvents[engine],
    adminUsers: input.adminUsers ?? [],
  };
  const problems = databaseRuleProblems(database, (fields) =>
    context.reported(...fields.map((f) => `database.${f}`)),
  );
  // Audit events depend on the profile (prod audits data access), so only configuration
  // checks them, and only when configured (the profile's defaults pass).
  if (
    !context.reported('database.engine', 'database.auditEvents') &&
    input.auditEvents !== undefined
  ) {
    problems.push(...auditEventProblems(context.profile, engine, input.auditEvents));
  }
  if (!context.reported('database.minCapacity') && database.minCapacity === 0) {
    if (context.profile !== 'dev') {
      problems.push({
        field: 'database.minCapacity',
        value: 0,
        rule: `is allowed only in the dev profile, not ${context.profile} (auto-pause makes the first connection wait for a resume)`,
        example: DATABASE_FIELD_EXAMPLES['database.minCapacity'] ?? '',
      });
    }
  }
  return { value: database, problems };
}

/**
 * The limits of a resolved data tier: each field's own rule (the `database` schema) and the
 * rules across fields. Configuration runs it with `skip` naming the fields already reported;
 * `AuroraCluster` runs all of it, so the construct and the config share one set of limits.
 */
export function databaseRuleProblems(
  database: DatabaseConfig,
  skip: (fields: readonly string[]) => boolean = () => false,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { engine } = database;
  const facts = ENGINES[engine];
  const ok = (...fields: string[]) => !skip(fields);
  const problem = (field: string, value: unknown, rule: string, example?: string) =>
    problems.push({
      field: `database.${field}`,
      value,
      rule,
      example:
        example ??
        DATABASE_FIELD_EXAMPLES[`database.${field}`] ??
        DATABASE_FIELD_EXAMPLES[`database.${field.split('.')[0]}`] ??
        '',
    });

  for (const [key, field] of Object.entries(databaseSchema.shape)) {
    const value = (database as unknown as Record<string, unknown>)[key];
    if (value === undefined || !ok(key)) continue;
    const result = field.safeParse(value);
    if (!result.success) problem(key, value, result.error.issues[0]?.message ?? 'is invalid');
  }
  if (ok('engine', 'engineVersion') && !facts.versionPattern.test(database.engineVersion)) {
    // The example is a version of the engine in use, not of the other one.
    problem(
      'engineVersion',
      database.engineVersion,
      `${facts.versionRule} for ${engine}`,
      `"${facts.defaultVersion}"`,
    );
  }
  if (ok('adminUsers', 'appUsername', 'masterUsername')) {
    database.adminUsers.forEach((admin, index) => {
      const taken = [database.appUsername, database.masterUsername].map((n) => n.toLowerCase());
      if (taken.includes(admin.name.toLowerCase())) {
        problem(
          `adminUsers.${index}.name`,
          admin.name,
          'is the app or master user name; each administrator needs a database user of their own',
        );
      } else if (ok('engine') && admin.name.length > facts.maxUsernameLength) {
        problem(
          `adminUsers.${index}.name`,
          admin.name,
          `is longer than ${facts.maxUsernameLength} characters, the most ${engine} accepts`,
        );
      }
    });
  }
  if (ok('minCapacity', 'maxCapacity') && database.minCapacity > database.maxCapacity) {
    problem('minCapacity', database.minCapacity, `is above maxCapacity (${database.maxCapacity})`);
  }
  if (
    ok('minCapacity', 'engine', 'engineVersion') &&
    database.minCapacity === 0 &&
    facts.versionPattern.test(database.engineVersion) &&
    !supportsAutoPause(engine, database.engineVersion)
  ) {
    problem(
      'minCapacity',
      0,
      `needs an engine version with Aurora Serverless v2 auto-pause (${AUTO_PAUSE_VERSIONS[engine]}), not ${database.engineVersion}`,
    );
  }
  const limits: Array<[keyof DatabaseConfig, number]> = [
    ['masterUsername', facts.maxMasterUsernameLength],
    ['appUsername', facts.maxUsernameLength],
    ['databaseName', facts.maxDatabaseNameLength],
  ];
  for (const [field, max] of limits) {
    const value = String(database[field]);
    if (ok('engine', field) && value.length > max) {
      problem(field, value, `is longer than ${max} characters, the most ${engine} accepts`);
    }
  }
  if (
    ok('masterUsername', 'appUsername') &&
    database.appUsername.toLowerCase() === database.masterUsername.toLowerCase()
  ) {
    problem(
      'appUsername',
      database.appUsername,
      'is the master user name; the application must connect as its own user',
    );
  }
  return problems;
}

/** What is wrong with configured audit events for the engine and profile. */
function auditEventProblems(
  profile: ProfileName,
  engine: DatabaseEngine,
  events: readonly string[],
): ConfigProblem[] {
  const facts = AUDIT_EVENTS[engine];
  const allowed: readonly string[] = facts.allowed;
  const example = JSON.stringify(PROFILES_AUDIT_EXAMPLE[engine]);
  const problem = (rule: string): ConfigProblem => ({
    field: 'database.auditEvents',
    value: events,
    rule,
    example,
  });
  const unknown = events.filter((e) => !allowed.includes(e));
  if (unknown.length > 0) {
    return [
      problem(
        `has events ${engine} does not audit (${unknown.join(', ')}); allowed: ${allowed.join(', ')}`,
      ),
    ];
  }
  const out: ConfigProblem[] = [];
  const missing = facts.required.filter((e) => !events.includes(e) && !events.includes('all'));
  if (missing.length > 0) {
    out.push(problem(`leaves out ${missing.join(', ')}, which every environment audits`));
  }
  const prodData: readonly string[] = facts.prodData;
  if (profile === 'prod' && !events.some((e) => prodData.includes(e))) {
    out.push(
      problem(
        `audits no data access, which prod requires (one of ${prodData.join(', ')}; PCI DSS 10.2.1.1)`,
      ),
    );
  }
  return out;
}

/** A valid audit-event list per engine, for error examples. */
const PROFILES_AUDIT_EXAMPLE: Readonly<Record<DatabaseEngine, readonly string[]>> = {
  'aurora-mysql': ['CONNECT', 'QUERY_DCL', 'QUERY_DDL', 'QUERY_DML'],
  'aurora-postgresql': ['ddl', 'role', 'write'],
};
