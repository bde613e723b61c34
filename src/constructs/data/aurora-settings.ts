/**
 * What `AuroraCluster` is told about the database (engine, capacity, names, backups, who may
 * reach it), and the guard that checks those props against AWS's limits before anything is
 * created. Configuration validates the user's file with the same facts
 * (`src/aws-facts/aurora-engines.ts`); this guard makes the construct safe to reuse with values
 * from elsewhere, and reports a bad value as a defect of the caller (`InvalidPropsError`).
 */
import type { DatabaseEngine } from '../../aws-facts/aurora-engines';
import {
  AUTO_PAUSE_VERSIONS,
  ENGINES,
  isPerformanceInsightsRetention,
  MAX_ACU,
  MAX_BACKUP_RETENTION_DAYS,
  MAX_READERS,
  MIN_ACU,
  MIN_BACKUP_RETENTION_DAYS,
  RESERVED_DATABASE_NAMES,
  RESERVED_USERNAMES,
  supportsAutoPause,
} from '../../aws-facts/aurora-engines';
import type { Problem } from '../../validation/problem';

/** A named database administrator: an IAM-authenticated database user one principal may use. */
export interface DatabaseAdminUser {
  /** Database user name. */
  readonly name: string;
  /** The IAM role or user allowed to connect as `name`. */
  readonly principalArn: string;
}

export interface AuroraDatabaseSettings {
  readonly engine: DatabaseEngine;
  /** Pinned at creation; automatic minor upgrades move it forward. */
  readonly engineVersion: string;
  /** The engine's port (3306 or 5432). */
  readonly port: number;
  /** Serverless v2 capacity per instance, in 0.5 ACU steps; 0 pauses when idle. */
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Readers beside the writer, each in another AZ (1-15). */
  readonly readers: number;
  /** Days of automated backups (1-35). */
  readonly backupRetentionDays: number;
  readonly databaseName: string;
  readonly masterUsername: string;
  /** The one database user the application connects as, with IAM authentication. */
  readonly appUsername: string;
  readonly deletionProtection: boolean;
  /** Take a final snapshot on destroy; the data key is then kept. Comes from the profile. */
  readonly finalSnapshot: boolean;
  /** 7, a multiple of 31 up to 713, or 731; 465 or more turns on Database Insights advanced. */
  readonly performanceInsightsRetentionDays: number;
  /** Also log and export every statement (MySQL `general_log`). */
  readonly generalLog: boolean;
  /** What the engine audits: MySQL `server_audit_events`, or PostgreSQL `pgaudit.log` classes. */
  readonly auditEvents: readonly string[];
  /**
   * Who may assume the bootstrap role (RDS Data API with the master secret). Non-empty turns
   * the Data API on (`enable_http_endpoint`).
   */
  readonly bootstrapPrincipalArns: readonly string[];
  /** Who else may read the master secret, in an emergency (break-glass). */
  readonly breakGlassPrincipalArns: readonly string[];
}

/** The bootstrap path is wanted: the cluster enables the Data API and the bootstrap role. */
export function dataApiEnabled(settings: Pick<AuroraDatabaseSettings, 'bootstrapPrincipalArns'>) {
  return settings.bootstrapPrincipalArns.length > 0;
}

/** What breaks AWS's limits in `settings`, each named as the `database.<prop>` it is in. */
export function auroraSettingsProblems(settings: AuroraDatabaseSettings): Problem[] {
  const problems: Problem[] = [];
  const facts = ENGINES[settings.engine];
  const problem = (field: keyof AuroraDatabaseSettings, rule: string, example: string) =>
    problems.push({ field: `database.${field}`, value: settings[field], rule, example });

  if (!facts.versionPattern.test(settings.engineVersion))
    problem(
      'engineVersion',
      `${facts.versionRule} for ${settings.engine}`,
      `"${facts.defaultVersion}"`,
    );
  for (const field of ['minCapacity', 'maxCapacity'] as const) {
    const acu = settings[field];
    if (acu < MIN_ACU || acu > MAX_ACU)
      problem(field, `is outside ${MIN_ACU}-${MAX_ACU} ACUs`, '16');
    else if (!Number.isInteger(acu * 2)) problem(field, 'is not in 0.5 ACU steps', '0.5');
  }
  if (settings.minCapacity > settings.maxCapacity)
    problem('minCapacity', `is above maxCapacity (${settings.maxCapacity})`, '0.5');
  if (settings.minCapacity === 0 && !supportsAutoPause(settings.engine, settings.engineVersion))
    problem(
      'minCapacity',
      `needs an engine version with Aurora Serverless v2 auto-pause (${AUTO_PAUSE_VERSIONS[settings.engine]})`,
      '0.5',
    );
  if (!Number.isInteger(settings.readers) || settings.readers < 1 || settings.readers > MAX_READERS)
    problem('readers', `is outside 1-${MAX_READERS} (at least one reader in another AZ)`, '2');
  const retention = settings.backupRetentionDays;
  if (
    !Number.isInteger(retention) ||
    retention < MIN_BACKUP_RETENTION_DAYS ||
    retention > MAX_BACKUP_RETENTION_DAYS
  )
    problem(
      'backupRetentionDays',
      `is outside ${MIN_BACKUP_RETENTION_DAYS}-${MAX_BACKUP_RETENTION_DAYS}`,
      '35',
    );
  if (!isPerformanceInsightsRetention(settings.performanceInsightsRetentionDays))
    problem(
      'performanceInsightsRetentionDays',
      'is not a Performance Insights retention (7, a multiple of 31 up to 713, or 731)',
      '465',
    );
  const names: Array<[keyof AuroraDatabaseSettings, string, number, readonly string[], string]> = [
    [
      'masterUsername',
      settings.masterUsername,
      facts.maxMasterUsernameLength,
      RESERVED_USERNAMES,
      '"paymentsowner"',
    ],
    [
      'appUsername',
      settings.appUsername,
      facts.maxUsernameLength,
      RESERVED_USERNAMES,
      '"payments_app"',
    ],
    [
      'databaseName',
      settings.databaseName,
      facts.maxDatabaseNameLength,
      RESERVED_DATABASE_NAMES,
      '"payments"',
    ],
  ];
  for (const [field, name, max, reserved, example] of names) {
    if (reserved.includes(name.toLowerCase()))
      problem(
        field,
        `is a default or reserved name (${reserved.slice(0, 8).join(', ')}, ...)`,
        example,
      );
    else if (name.length > max)
      problem(
        field,
        `is longer than ${max} characters, the most ${settings.engine} accepts`,
        example,
      );
  }
  if (settings.appUsername.toLowerCase() === settings.masterUsername.toLowerCase())
    problem(
      'appUsername',
      'is the master user name; the application must connect as its own user',
      '"payments_app"',
    );
  return problems;
}
