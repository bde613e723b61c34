import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktn';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app';
import { loadConfig } from '../../../src/config/load';
import { bootstrapCommand, bootstrapSql } from '../../../src/constructs/data/bootstrap-sql';
import type { TerraformJson } from '../../helpers/synth';
import { blocksOf, policyOf } from '../../helpers/synth';

describe('AuroraCluster.grantConnect', () => {
  // The stack grants database connect to the app tier's role (EC2 instance role by default).
  const config = loadConfig({}, () => '');
  const { stack } = buildApp(config, mkdtempSync(join(tmpdir(), 'payment-grant-')));
  const role = stack.appRole;
  const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
  const clusterId = stack.getLogicalId(stack.aurora.cluster);
  const roleId = stack.getLogicalId(role);
  const grants = blocksOf(json, 'aws_iam_role_policy').filter(
    (p) => p.role === `\${aws_iam_role.${roleId}.name}`,
  );

  it('attaches one inline policy to the role, allowing rds-db:connect and nothing else', () => {
    expect(grants).toHaveLength(1);
    const statements = policyOf(grants[0]!).Statement;
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Action: 'rds-db:connect' });
  });

  it('names only the app user, by the cluster resource ID (not its name)', () => {
    const resource = policyOf(grants[0]!).Statement[0]!.Resource;
    expect(resource).toMatch(
      new RegExp(
        `^arn:\\$\\{data\\.aws_partition\\.[^}]+\\}:rds-db:us-east-1:\\$\\{data\\.aws_caller_identity\\.[^}]+\\}:dbuser:\\$\\{aws_rds_cluster\\.${clusterId}\\.cluster_resource_id\\}/payments_app$`,
      ),
    );
    expect(resource).not.toContain('*');
    expect(resource).not.toContain('cluster_identifier');
  });
});

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
