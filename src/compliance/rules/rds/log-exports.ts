import { stringList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** R6: log types each engine must export to CloudWatch Logs. */
export const REQUIRED_LOG_EXPORTS: Record<string, readonly string[]> = {
  'aurora-postgresql': ['postgresql'],
  postgres: ['postgresql'],
  'aurora-mysql': ['audit', 'error', 'slowquery'],
  mysql: ['audit', 'error', 'slowquery'],
};

export const rdsLogExports = resourceRule({
  id: 'PAY-RDS-006',
  title: 'Database exports its logs to CloudWatch Logs',
  severity: 'medium',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  pci: ['10.2.1', '10.2.2'],
  catalogue: 'R6',
  equivalents: {
    checkov: ['CKV_AWS_324'],
    securityHub: ['RDS.37'],
    cdkNag: ['PCI.DSS.321-RDSLoggingEnabled'],
  },
  rationale:
    'Database audit and error logs are part of the audit trail of access to cardholder data.',
  remediation:
    'Set enabled_cloudwatch_logs_exports (aurora-postgresql: ["postgresql"]; aurora-mysql: ["audit", "error", "slowquery"]).',
  test(db) {
    const exported = stringList(db.attrs['enabled_cloudwatch_logs_exports']);
    const engine = typeof db.attrs['engine'] === 'string' ? db.attrs['engine'] : '';
    const required = REQUIRED_LOG_EXPORTS[engine] ?? [];
    if (exported.length === 0) return 'enabled_cloudwatch_logs_exports is empty';
    const missing = required.filter((r) => !exported.includes(r));
    return missing.length > 0
      ? `log exports miss ${missing.join(', ')} for engine ${engine}`
      : undefined;
  },
});
