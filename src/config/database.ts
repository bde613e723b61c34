import { z } from 'zod';
import type { Resolved, ResolveContext } from './context';
import type { ConfigProblem } from './errors';
import { IAM_PRINCIPAL_ARN } from './key-administrators';
import type { ProfileName } from './profiles';
import type { DatabaseEngine } from '../aws-facts/aurora-engines';
import {
  AUDIT_EVENTS,
  AUTO_PAUSE_VERSIONS,
  DATABASE_ENGINES,
  ENGINES,
  MAX_ACU,
  MAX_BACKUP_RETENTION_DAYS,
  MAX_READERS,
  MIN_ACU,
  MIN_BACKUP_RETENTION_DAYS,
  RESERVED_DATABASE_NAMES,
  RESERVED_USERNAMES,
  isPerformanceInsightsRetention,
  supportsAutoPause,
} from '../aws-facts/aurora-engines';
import { DATA_API_VERSIONS, dataApiRegionRule, supportsDataApi } from '../aws-facts/data-api';

/**
 * The data tier's configuration: the `database` key of the config file, its defaults and the
 * rules that depend on the engine or the profile. `schema.ts` and `load.ts` call into here so
 * the shared files stay small.
 */

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

/** A list of IAM role or user ARNs, each once, at most 20 (as `keyAdministratorArns`). */
const principalArns = (what: string) =>
  z
    .array(
      z.string({ error: 'must be a string' }).regex(IAM_PRINCIPAL_ARN, {
        error: 'is not an IAM role or user ARN (arn:aws:iam::<12-digit account>:role/<name>)',
      }),
      { error: `must be a list of IAM role or user ARNs (${what})` },
    )
    .max(20, { error: `lists more than 20 ${what}` })
    .refine((list) => new Set(list).size === list.length, { error: 'lists an ARN twice' });

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
  bootstrapPrincipalArns: principalArns('bootstrap operators').optional(),
  breakGlassPrincipalArns: principalArns('break-glass principals').optional(),
  adminAccess: z
    .strictObject({
      enabled: z.boolean({ error: 'must be true or false' }).optional(),
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
  'database.bootstrapPrincipalArns': '["arn:aws:iam::123456789012:role/payments-db-bootstrap"]',
  'database.breakGlassPrincipalArns': '["arn:aws:iam::123456789012:role/payments-break-glass"]',
  'database.adminAccess': '{ "enabled": true }',
  'database.adminAccess.enabled': 'true',
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
  /**
   * Who may assume the bootstrap role that `npm run db:bootstrap` uses (RDS Data API with the
   * master secret). Non-empty turns the Data API on (`enable_http_endpoint`). @default none
   */
  readonly bootstrapPrincipalArns: readonly string[];
  /** Who else may read the master secret, in an emergency (break-glass). @default none */
  readonly breakGlassPrincipalArns: readonly string[];
  /**
   * An SSM-managed admin host for Session Manager port forwarding to the database, with a
   * database ingress rule from it. From the profile unless configured (off everywhere).
   */
  readonly adminAccess: boolean;
}

/** The bootstrap path is configured: the stack enables the Data API and the bootstrap role. */
export function usesDataApi(database: Pick<DatabaseConfig, 'bootstrapPrincipalArns'>): boolean {
  return database.bootstrapPrincipalArns.length > 0;
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
    bootstrapPrincipalArns: input.bootstrapPrincipalArns ?? [],
    breakGlassPrincipalArns: input.breakGlassPrincipalArns ?? [],
    adminAccess: input.adminAccess?.enabled ?? settings.databaseAdminAccess,
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
  // The Data API bootstrap needs a Region and an engine version where AWS offers the Data API.
  if (usesDataApi(database) && !context.reported('database.bootstrapPrincipalArns')) {
    const regionRule = context.region === undefined ? undefined : dataApiRegionRule(context.region);
    if (regionRule !== undefined) {
      problems.push({
        field: 'AWS_REGION',
        value: context.region,
        rule: regionRule,
        example: '"us-east-1" (or remove database.bootstrapPrincipalArns)',
      });
    }
    if (
      !context.reported('database.engine', 'database.engineVersion') &&
      facts.versionPattern.test(database.engineVersion) &&
      !supportsDataApi(engine, database.engineVersion)
    ) {
      problems.push({
        field: 'database.engineVersion',
        value: database.engineVersion,
        rule: `has no RDS Data API (${engine} needs ${DATA_API_VERSIONS[engine]}), which database.bootstrapPrincipalArns needs`,
        example: `"${facts.defaultVersion}"`,
      });
    }
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
    const resolved = (database as unknown as Record<string, unknown>)[key];
    // The file's `adminAccess: { enabled }` resolves to a boolean.
    const value = key === 'adminAccess' ? { enabled: resolved } : resolved;
    if (resolved === undefined || !ok(key)) continue;
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
