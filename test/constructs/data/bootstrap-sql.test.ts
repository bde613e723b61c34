import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load';
import { bootstrapCommand, bootstrapSql } from '../../../src/constructs/data/bootstrap-sql';

describe('bootstrap SQL', () => {
  const custom = { databaseName: 'ledger', appUsername: 'ledger_app' };
  const mysql = loadConfig({ CONFIG_FILE: 'c.json' }, () => JSON.stringify({ database: custom }));
  const postgres = loadConfig({ CONFIG_FILE: 'c.json' }, () =>
    JSON.stringify({ database: { ...custom, engine: 'aurora-postgresql' } }),
  );

  it('MySQL: creates the configured user for IAM tokens over TLS, with data rights on the configured database', () => {
    const sql = bootstrapSql(mysql.database);
    expect(sql).toContain(
      "CREATE USER IF NOT EXISTS 'ledger_app'@'%' IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS' REQUIRE SSL;",
    );
    expect(sql).toContain(
      "GRANT SELECT, INSERT, UPDATE, DELETE ON `ledger`.* TO 'ledger_app'@'%';",
    );
    expect(sql).not.toMatch(/payments|IDENTIFIED BY|ALL PRIVILEGES/);
  });

  it('PostgreSQL: creates pgaudit, and the configured user with rds_iam on the configured database', () => {
    const sql = bootstrapSql(postgres.database);
    expect(sql).toContain('CREATE EXTENSION IF NOT EXISTS pgaudit;');
    expect(sql).toContain(`CREATE ROLE "ledger_app" LOGIN;`);
    expect(sql).toContain('GRANT rds_iam TO "ledger_app";');
    expect(sql).toContain('GRANT CONNECT ON DATABASE "ledger" TO "ledger_app";');
    expect(sql).not.toMatch(/payments|PASSWORD|SUPERUSER/);
  });

  it('the operator command reads the master secret from Secrets Manager and verifies TLS', () => {
    const mysqlCommand = bootstrapCommand(mysql.database, 'cdktf.out/stacks/payment-dev');
    const pgCommand = bootstrapCommand(postgres.database, 'cdktf.out/stacks/payment-dev');
    for (const command of [mysqlCommand, pgCommand]) {
      expect(command).toContain(
        'aws secretsmanager get-secret-value --secret-id "$(terraform -chdir=cdktf.out/stacks/payment-dev output -raw db_master_secret_arn)"',
      );
      expect(command).toContain('npm run --silent db:bootstrap-sql > bootstrap.sql');
    }
    expect(mysqlCommand).toMatch(
      /mysql .*--ssl-mode=VERIFY_IDENTITY --ssl-ca=global-bundle\.pem ledger < bootstrap\.sql/s,
    );
    expect(pgCommand).toMatch(/PGSSLMODE=verify-full .*--dbname ledger/s);
  });

  it('refuses names that would need quoting (defence in depth behind validation)', () => {
    expect(() =>
      bootstrapSql({ engine: 'aurora-mysql', databaseName: 'x`; DROP', appUsername: 'a' }),
    ).toThrow(/Unsafe database name/);
  });
});
