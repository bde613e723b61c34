import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/stacks/app';
import { loadConfig } from '../../src/config/load';
import {
  bootstrapCommand,
  bootstrapSql,
  bootstrapStatements,
} from '../../src/database-bootstrap/sql';
import type { TerraformJson } from '../helpers/synth';
import { blocksOf, policyOf } from '../helpers/synth';

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

describe('named database administrators', () => {
  const admins = [
    { name: 'alice', principalArn: 'arn:aws:iam::123456789012:role/dba-alice' },
    { name: 'bob', principalArn: 'arn:aws:iam::123456789012:user/bob' },
  ];
  const config = loadConfig({ CONFIG_FILE: 'c.json' }, () =>
    JSON.stringify({ database: { adminUsers: admins } }),
  );
  const { stack } = buildApp(config, mkdtempSync(join(tmpdir(), 'payment-admins-')));
  const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
  const clusterId = stack.getLogicalId(stack.aurora.cluster);

  it('creates one policy per administrator: rds-db:connect as that user, for that principal only', () => {
    const policies = blocksOf(json, 'aws_iam_policy');
    expect(policies.map((p) => p.name).sort()).toEqual([
      'payment-db-admin-alice-dev',
      'payment-db-admin-bob-dev',
    ]);
    for (const admin of admins) {
      const policy = policies.find((p) => p.name === `payment-db-admin-${admin.name}-dev`)!;
      expect(policyOf(policy).Statement).toEqual([
        {
          Sid: 'ConnectAsNamedAdministrator',
          Effect: 'Allow',
          Action: 'rds-db:connect',
          Resource: expect.stringMatching(
            new RegExp(
              `dbuser:\\$\\{aws_rds_cluster\\.${clusterId}\\.cluster_resource_id\\}/${admin.name}$`,
            ),
          ),
          Condition: { ArnEquals: { 'aws:PrincipalArn': admin.principalArn } },
        },
      ]);
    }
    expect(Object.keys(json.output['db_admin_connect_policy_arns']!.value as object)).toEqual([
      'alice',
      'bob',
    ]);
  });

  it('creates each administrator as an IAM-authenticated user in the bootstrap SQL', () => {
    const sql = bootstrapSql(config.database);
    for (const admin of admins) {
      expect(sql).toContain(
        `CREATE USER IF NOT EXISTS '${admin.name}'@'%' IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS' REQUIRE SSL;`,
      );
      expect(sql).toContain(`GRANT ALL PRIVILEGES ON \`payments\`.* TO '${admin.name}'@'%';`);
    }
  });

  it('refuses an administrator named like the app user, a bad ARN and a name given twice', () => {
    const problems = (adminUsers: unknown) => {
      try {
        loadConfig({ CONFIG_FILE: 'c.json' }, () => JSON.stringify({ database: { adminUsers } }));
      } catch (error) {
        return (error as { problems: Array<{ field: string; rule: string }> }).problems;
      }
      return [];
    };
    expect(problems([{ name: 'payments_app', principalArn: admins[0]!.principalArn }])).toEqual([
      expect.objectContaining({
        field: 'database.adminUsers.0.name',
        rule: expect.stringMatching(/is the app or master user name/),
      }),
    ]);
    expect(problems([{ name: 'carol', principalArn: 'carol' }])[0]).toMatchObject({
      field: 'database.adminUsers.0.principalArn',
      rule: expect.stringMatching(/is not an IAM role or user ARN/),
    });
    expect(problems([admins[0], admins[0]])[0]?.rule).toBe('names an administrator twice');
    expect(
      blocksOf(
        JSON.parse(
          Testing.synth(
            buildApp(loadConfig({}), mkdtempSync(join(tmpdir(), 'payment-noadmins-'))).stack,
          ),
        ) as TerraformJson,
        'aws_iam_policy',
      ),
    ).toEqual([]);
  });
});

/*
 * The PostgreSQL bootstrap SQL against a real PostgreSQL 15 server started in a temporary
 * folder on a random port, run twice (it must be idempotent). RDS-only pieces have stand-ins:
 * `rds_iam` is a plain role, and the pgaudit extension (not installed here) is replaced by a
 * harmless statement; everything else runs as written.
 */
const BINARIES = ['initdb', 'pg_ctl', 'postgres', 'psql'];
const missing = BINARIES.filter((b) => spawnSync('which', [b]).status !== 0);
if (missing.length > 0) {
  console.warn(`SKIPPED PostgreSQL bootstrap test: ${missing.join(', ')} not on PATH`);
}

const ADMINS = [
  { name: 'alice', principalArn: 'arn:aws:iam::123456789012:role/dba-alice' },
  { name: 'bob', principalArn: 'arn:aws:iam::123456789012:role/dba-bob' },
];
const PGAUDIT = 'CREATE EXTENSION IF NOT EXISTS pgaudit;';

describe.skipIf(missing.length > 0)('PostgreSQL bootstrap SQL on a real server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'payment-pg-'));
  const port = String(20000 + Math.floor(Math.random() * 20000));
  // initdb refuses to run as root; the server then runs as the postgres user.
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (command: string, args: string[]) => {
    const [bin, ...rest] = [...asUser, command, ...args];
    return execFileSync(bin!, rest, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const psql = (args: string[]) =>
    run('psql', [
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      dir,
      '-p',
      port,
      '-U',
      'postgres',
      ...args,
    ]);
  const query = (sql: string) => psql(['-d', 'payments', '-At', '-c', sql]).trim();

  const sql = bootstrapSql({
    engine: 'aurora-postgresql',
    databaseName: 'payments',
    appUsername: 'payments_app',
    adminUsers: ADMINS,
  });
  const sqlFile = join(dir, 'bootstrap.sql');

  beforeAll(() => {
    if (asUser.length > 0) execFileSync('chown', ['postgres', dir]);
    run('initdb', [
      '-D',
      join(dir, 'data'),
      '-U',
      'postgres',
      '-A',
      'trust',
      '-N',
      '--no-instructions',
    ]);
    run('pg_ctl', [
      '-D',
      join(dir, 'data'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=''`,
      '-l',
      join(dir, 'server.log'),
      '-w',
      'start',
    ]);
    psql(['-d', 'postgres', '-c', 'CREATE DATABASE payments']);
    // Stand-in for the RDS role that lets a user authenticate with IAM tokens.
    query('CREATE ROLE rds_iam NOLOGIN');
    // A table from before the bootstrap (GRANT ... ON ALL TABLES) ...
    query('CREATE TABLE payments_before (id int)');
    expect(sql).toContain(PGAUDIT);
    writeFileSync(
      sqlFile,
      sql.replace(PGAUDIT, '-- pgaudit stand-in: not installed on this server'),
    );
    chmodSync(dir, 0o755);
    chmodSync(sqlFile, 0o644);
  }, 120_000);

  afterAll(() => {
    try {
      run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  /** Everything the bootstrap is meant to leave behind, as one comparable text. */
  const state = () =>
    query(`
      SELECT string_agg(line, ' | ' ORDER BY line) FROM (
        SELECT r.rolname || ' login=' || r.rolcanlogin || ' password=' || (r.rolpassword IS NOT NULL)
               || ' iam=' || pg_has_role(r.rolname, 'rds_iam', 'MEMBER') AS line
          FROM pg_authid r WHERE r.rolname IN ('payments_app', 'alice', 'bob', 'rds_pgaudit')
        UNION ALL
        SELECT 'ext ' || extname FROM pg_extension WHERE extname = 'pg_stat_statements'
        UNION ALL
        SELECT 'public create by PUBLIC=' || has_schema_privilege('public', 'public', 'CREATE')
      ) s`);

  it('creates IAM-only users, runs twice without error and leaves the same state', () => {
    psql(['-d', 'payments', '-f', sqlFile]);
    const first = state();
    psql(['-d', 'payments', '-f', sqlFile]);
    expect(state()).toBe(first);
    expect(first).toBe(
      [
        'alice login=true password=false iam=true',
        'bob login=true password=false iam=true',
        'ext pg_stat_statements',
        'payments_app login=true password=false iam=true',
        'public create by PUBLIC=false',
        'rds_pgaudit login=false password=false iam=false',
      ].join(' | '),
    );
  });

  it('runs statement by statement, as npm run db:bootstrap sends them over the Data API, twice', () => {
    const before = state();
    const statements = bootstrapStatements({
      engine: 'aurora-postgresql',
      databaseName: 'payments',
      appUsername: 'payments_app',
      adminUsers: ADMINS,
    }).filter((s) => s.sql !== PGAUDIT);
    for (let run = 0; run < 2; run++) {
      // One statement per request (ExecuteStatement), each on its own, in order: psql sends
      // each -c string to the server as a request of its own, and stops at the first error.
      psql(['-d', 'payments', ...statements.flatMap(({ sql }) => ['-c', sql])]);
      expect(state()).toBe(before);
    }
  });

  it('gives the app data rights on tables old and new, and no schema rights', () => {
    query('CREATE TABLE payments_after (id int)');
    const checks = ['payments_before', 'payments_after'].flatMap((table) => [
      ...['SELECT', 'INSERT', 'UPDATE', 'DELETE'].map(
        (p) => `has_table_privilege('payments_app', '${table}', '${p}')`,
      ),
      `NOT has_table_privilege('payments_app', '${table}', 'TRUNCATE')`,
    ]);
    checks.push(`NOT has_schema_privilege('payments_app', 'public', 'CREATE')`);
    expect(query(`SELECT ${checks.join(' AND ')}`)).toBe('t');
  });

  it('gives named administrators the payment database and schema, not superuser', () => {
    const checks = ['alice', 'bob'].flatMap((admin) => [
      `has_schema_privilege('${admin}', 'public', 'CREATE')`,
      `has_database_privilege('${admin}', 'payments', 'CREATE')`,
      `NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = '${admin}')`,
      `NOT pg_has_role('${admin}', 'rds_pgaudit', 'MEMBER')`,
    ]);
    expect(query(`SELECT ${checks.join(' AND ')}`)).toBe('t');
    // The failing case: a role the bootstrap never touched has none of this.
    query('CREATE ROLE mallory LOGIN');
    expect(query("SELECT has_schema_privilege('mallory', 'public', 'CREATE')")).toBe('f');
  });
});
