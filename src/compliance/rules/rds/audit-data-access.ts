import { resourceRule } from '../../rule';
import { isMysql, isPostgres, parametersOf } from '../../checks/rds-parameters';

const listOf = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');

/**
 * PCI DSS 10.2.1.1 asks for every individual access to cardholder data in the audit trail,
 * 10.2.1 for connections; DDL and privilege changes alone (PAY-RDS-017) do not show who read
 * or changed card data.
 */
export const rdsAuditDataAccess = resourceRule({
  id: 'PAY-RDS-019',
  title: 'Prod database audits connections and data access',
  severity: 'high',
  resourceTypes: ['aws_rds_cluster'],
  pci: ['10.2.1', '10.2.1.1'],
  equivalents: {},
  prodOnly: true,
  rationale:
    'Without connection and data-access events the audit trail cannot say who connected or who read or changed cardholder data.',
  remediation:
    'MySQL: server_audit_events with CONNECT and QUERY_DML (or QUERY). PostgreSQL: log_connections = 1 and pgaudit.log with write (or all); audit reads of cardholder tables through pgaudit.role.',
  test(db, graph) {
    const params = parametersOf(db, graph);
    if (!params) return 'database uses the default parameter group, which audits nothing';
    if (isMysql(db)) {
      const events = listOf(params.get('server_audit_events'));
      const missing = [
        ...(events.includes('connect') ? [] : ['CONNECT']),
        ...(events.includes('query_dml') || events.includes('query') ? [] : ['QUERY_DML']),
      ];
      return missing.length > 0 ? `server_audit_events lacks ${missing.join(' and ')}` : undefined;
    }
    if (isPostgres(db)) {
      const classes = listOf(params.get('pgaudit.log'));
      const missing = [
        ...(params.get('log_connections') === '1' ? [] : ['log_connections = 1']),
        ...(classes.includes('write') || classes.includes('all') ? [] : ['pgaudit.log write']),
      ];
      return missing.length > 0 ? `no ${missing.join(' and no ')}` : undefined;
    }
    return undefined;
  },
});
