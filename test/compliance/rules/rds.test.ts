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
