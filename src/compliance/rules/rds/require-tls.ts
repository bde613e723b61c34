import { resourceRule } from '../../rule';
import { isMysql, isPostgres, parametersOf } from '../../checks/rds-parameters';

/** Connections to the database must use TLS (the engine default accepts clear text). */
export const rdsRequireTls = resourceRule({
  id: 'PAY-RDS-016',
  title: 'Database parameters refuse connections without TLS',
  severity: 'high',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  pci: ['2.2.7', '4.2.1'],
  equivalents: {},
  rationale:
    'MySQL and PostgreSQL accept unencrypted connections by default, so credentials and cardholder data could cross the network in clear text.',
  remediation:
    'In the cluster parameter group set require_secure_transport = ON (MySQL) or rds.force_ssl = 1 (PostgreSQL).',
  test(db, graph) {
    const params = parametersOf(db, graph);
    if (!params)
      return 'database uses the default parameter group, which accepts connections without TLS';
    if (isMysql(db)) {
      const v = params.get('require_secure_transport');
      return v === 'on' || v === '1' ? undefined : 'require_secure_transport is not ON';
    }
    if (isPostgres(db))
      return params.get('rds.force_ssl') === '1' ? undefined : 'rds.force_ssl is not 1';
    return undefined;
  },
});
