import { resourceRule } from '../../rule';
import { isMysql, isPostgres, parametersOf } from '../../checks/rds-parameters';

/** R7: statements and administrative actions are logged by the engine. */
export const rdsAuditLogging = resourceRule({
  id: 'PAY-RDS-017',
  title: 'Database parameters turn on statement and audit logging',
  severity: 'medium',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  pci: ['10.2.1', '10.2.1.2', '10.2.1.5'],
  catalogue: 'R7',
  equivalents: { checkov: ['CKV2_AWS_27'] },
  rationale:
    'Exported log streams stay empty unless the engine logs: administrative actions and changes to accounts must reach the audit trail.',
  remediation:
    'PostgreSQL: set log_statement (ddl or all) and log_min_duration_statement; MySQL: set server_audit_logging = 1 and server_audit_events.',
  test(db, graph) {
    const params = parametersOf(db, graph);
    if (!params) return 'database uses the default parameter group, which does not log statements';
    if (isPostgres(db)) {
      const missing = [];
      const statement = params.get('log_statement');
      if (!statement || statement === 'none') missing.push('log_statement');
      const duration = params.get('log_min_duration_statement');
      if (duration === undefined || duration === '-1') missing.push('log_min_duration_statement');
      return missing.length > 0 ? `${missing.join(' and ')} not set` : undefined;
    }
    if (isMysql(db)) {
      if (params.get('server_audit_logging') !== '1') return 'server_audit_logging is not 1';
      return params.get('server_audit_events') ? undefined : 'server_audit_events is not set';
    }
    return undefined;
  },
});
