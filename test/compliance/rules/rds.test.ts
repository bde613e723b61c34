/** The RDS rules (src/compliance/rules/rds/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import type { Json } from '../../fixtures/compliant-stack';
import { graphOf, mutated, res } from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

/** The compliant stack's cluster as Aurora PostgreSQL with these cluster parameters. */
const pg = (params: Json[]) =>
  graphOf(
    mutated((tf) => {
      res(tf, 'aws_rds_cluster', 'db')['engine'] = 'aurora-postgresql';
      res(tf, 'aws_rds_cluster_parameter_group', 'db')['parameter'] = params;
    }),
  );

describe('rule details an auditor relies on', () => {
  it('checks PostgreSQL parameters by their own names, and flags default parameter groups', () => {
    const good = pg([
      { name: 'rds.force_ssl', value: '1' },
      { name: 'log_statement', value: 'ddl' },
      { name: 'log_min_duration_statement', value: '1000' },
    ]);
    expect(byId('PAY-RDS-016').check(good)).toEqual([]);
    expect(byId('PAY-RDS-017').check(good)).toEqual([]);
    const bad = pg([
      { name: 'require_secure_transport', value: 'ON' },
      { name: 'log_statement', value: 'none' },
    ]);
    expect(byId('PAY-RDS-016').check(bad)[0]?.message).toMatch(/rds.force_ssl/);
    expect(byId('PAY-RDS-017').check(bad)[0]?.message).toMatch(
      /log_statement and log_min_duration_statement/,
    );
    const defaults = graphOf(
      mutated(
        (tf) => void delete res(tf, 'aws_rds_cluster', 'db')['db_cluster_parameter_group_name'],
      ),
    );
    expect(byId('PAY-RDS-016').check(defaults)[0]?.message).toMatch(/default parameter group/);
  });
});

describe('PAY-RDS-018 and PAY-RDS-019: snapshot key and audit events', () => {
  it('asks for a retained key only where a final snapshot is kept, and accepts an outside key', () => {
    const noSnapshot = mutated((tf) => {
      delete res(tf, 'aws_kms_key', 'key')['lifecycle'];
      res(tf, 'aws_rds_cluster', 'db')['skip_final_snapshot'] = true;
    });
    expect(byId('PAY-RDS-018').check(graphOf(noSnapshot))).toEqual([]);
    const outsideKey = mutated((tf) => {
      delete res(tf, 'aws_kms_key', 'key')['lifecycle'];
      res(tf, 'aws_rds_cluster', 'db')['kms_key_id'] =
        'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    });
    expect(byId('PAY-RDS-018').check(graphOf(outsideKey))).toEqual([]);
  });

  it('asks PostgreSQL in prod for connection logging and write auditing', () => {
    const good = pg([
      { name: 'log_connections', value: '1' },
      { name: 'pgaudit.log', value: 'ddl,role,write' },
    ]);
    expect(byId('PAY-RDS-019').check(good)).toEqual([]);
    const bad = pg([{ name: 'pgaudit.log', value: 'ddl,role' }]);
    expect(byId('PAY-RDS-019').check(bad)[0]?.message).toBe(
      'no log_connections = 1 and no pgaudit.log write',
    );
  });
});

describe('PAY-RDS-020: the Data API only where AWS offers it', () => {
  const cluster = (attrs: Json, region = 'us-east-1') =>
    graphOf(
      mutated((tf) => {
        Object.assign(res(tf, 'aws_rds_cluster', 'db'), { enable_http_endpoint: true, ...attrs });
        tf.provider.aws[0]!['region'] = region;
      }),
    );
  const check = (g: ReturnType<typeof cluster>) => byId('PAY-RDS-020').check(g);

  it('passes the versions of AWS’s table and ignores clusters without the Data API', () => {
    for (const [engine, version] of [
      ['aurora-postgresql', '16.1'],
      ['aurora-postgresql', '17.4'],
      ['aurora-postgresql', '18.3'],
      ['aurora-mysql', '8.0.mysql_aurora.3.07.0'],
    ]) {
      expect(check(cluster({ engine, engine_version: version })), version).toEqual([]);
    }
    const off = mutated((tf) => (res(tf, 'aws_rds_cluster', 'db')['engine_version'] = '18.0'));
    expect(check(graphOf(off))).toEqual([]);
  });

  it('fails a version before the table’s floor, a major it has no column for, and a missing version', () => {
    expect(check(cluster({ engine: 'aurora-postgresql', engine_version: '18.2' }))).toEqual([
      {
        address: 'aws_rds_cluster.db',
        message: expect.stringMatching(
          /aurora-postgresql 18\.2 has no RDS Data API \(needs .*18\.3 or later within 18\)/,
        ),
      },
    ]);
    expect(check(cluster({ engine: 'aurora-postgresql', engine_version: '19.0' }))).toHaveLength(1);
    expect(check(cluster({ engine: 'aurora-mysql' }))[0]?.message).toMatch(
      /engine_version is not set/,
    );
  });

  it('fails a Region AWS lists as not available, and reports a computed version as unknown', () => {
    const mysql = { engine: 'aurora-mysql', engine_version: '8.0.mysql_aurora.3.08.0' };
    expect(check(cluster(mysql, 'ap-south-2'))).toEqual([
      {
        address: 'aws_rds_cluster.db',
        message: expect.stringMatching(/^ap-south-2 is a Region where AWS does not offer/),
      },
    ]);
    expect(check(cluster({ engine: 'aurora-mysql', engine_version: '${var.version}' }))).toEqual([
      expect.objectContaining({ address: 'aws_rds_cluster.db', unknown: true }),
    ]);
  });
});
