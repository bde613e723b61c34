/**
 * Aurora engine facts: the engines this project supports, their versions, ports, name limits,
 * audit events, auto-pause versions and Serverless v2 limits. AWS's numbers, not choices.
 */
export const DATABASE_ENGINES = ['aurora-mysql', 'aurora-postgresql'] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

export interface EngineFacts {
  /** Pinned at creation; automatic minor upgrades move it forward (see docs/operations.md, engine version policy). */
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
