import type { DatabaseEngine } from '../../aws-facts/aurora-engines';

/**
 * How a parameter change is applied. Static parameters only take `pending-reboot` (RDS rejects
 * `immediate` for them); dynamic ones apply at once.
 */
export type ApplyMethod = 'immediate' | 'pending-reboot';

export interface AuroraParameter {
  readonly name: string;
  readonly value: string;
  /** Whether the engine reads the parameter only at start-up. */
  readonly isStatic: boolean;
}

export interface AuroraParameterSet {
  /** DB cluster parameter group: settings shared by every instance. */
  readonly cluster: readonly AuroraParameter[];
  /** DB (instance) parameter group: settings AWS scopes per instance, e.g. MySQL slow-query logging. */
  readonly instance: readonly AuroraParameter[];
}

export interface AuroraParameterOptions {
  /** Statements slower than this are logged (MySQL slow-query log, PostgreSQL duration log). */
  readonly slowQueryMillis: number;
  /** MySQL: log every statement (`general_log`). */
  readonly generalLog: boolean;
  /** MySQL `server_audit_events`, or PostgreSQL `pgaudit.log` classes. */
  readonly auditEvents: readonly string[];
}

/**
 * The role whose privileges pgAudit's object audit logs (`pgaudit.role`): granting it SELECT on
 * a cardholder table logs every read of that table, without session-wide READ auditing. The
 * bootstrap creates it; AWS's pgAudit set-up names it the same
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Appendix.PostgreSQL.CommonDBATasks.pgaudit.html).
 */
export const PGAUDIT_OBJECT_ROLE = 'rds_pgaudit';

export function applyMethodOf(parameter: AuroraParameter): ApplyMethod {
  return parameter.isStatic ? 'pending-reboot' : 'immediate';
}

/**
 * The parameters that make each engine refuse clear-text connections and write the audit
 * trail PCI DSS requirement 10 asks for.
 *
 * Static or dynamic, per the AWS docs: MySQL `require_secure_transport` applies without a
 * reboot; `tls_version` is read at start-up; the server_audit_* and slow/general log settings
 * are dynamic. PostgreSQL `shared_preload_libraries` needs a reboot (the pgAudit set-up guide
 * reboots the writer after adding `pgaudit`); `rds.force_ssl`, `log_statement`,
 * `log_min_duration_statement` and `pgaudit.log` are dynamic.
 */
export function auroraParameters(
  engine: DatabaseEngine,
  options: AuroraParameterOptions,
): AuroraParameterSet {
  const dynamic = (name: string, value: string): AuroraParameter => ({
    name,
    value,
    isStatic: false,
  });
  const fixed = (name: string, value: string): AuroraParameter => ({ name, value, isStatic: true });
  if (engine === 'aurora-mysql') {
    return {
      cluster: [
        dynamic('require_secure_transport', 'ON'),
        fixed('tls_version', 'TLSv1.2,TLSv1.3'),
        dynamic('server_audit_logging', '1'),
        dynamic('server_audit_events', options.auditEvents.join(',')),
      ],
      // Slow-query and general logging are instance-level in Aurora MySQL.
      instance: [
        dynamic('slow_query_log', '1'),
        dynamic('long_query_time', String(options.slowQueryMillis / 1000)),
        dynamic('log_output', 'FILE'),
        ...(options.generalLog ? [dynamic('general_log', '1')] : []),
      ],
    };
  }
  return {
    cluster: [
      dynamic('rds.force_ssl', '1'),
      dynamic('log_statement', 'ddl'),
      dynamic('log_min_duration_statement', String(options.slowQueryMillis)),
      // Bind parameters stay out of statement logs (a slow query's DETAIL line would print a
      // PAN sent as a parameter); pgAudit leaves them out too (pgaudit.log_parameter off).
      dynamic('log_parameter_max_length', '0'),
      dynamic('log_connections', '1'),
      dynamic('log_disconnections', '1'),
      fixed('shared_preload_libraries', 'pg_stat_statements,pgaudit'),
      dynamic('pgaudit.log', options.auditEvents.join(',')),
      dynamic('pgaudit.log_parameter', '0'),
      dynamic('pgaudit.role', PGAUDIT_OBJECT_ROLE),
    ],
    // Nothing instance-specific yet; the group exists so one can be added without replacing
    // the instances' parameter group association later.
    instance: [],
  };
}
