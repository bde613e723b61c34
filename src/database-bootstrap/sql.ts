import type { DatabaseConfig } from '../config/database';
import { PGAUDIT_OBJECT_ROLE } from '../constructs/data/aurora-parameters';

/**
 * The SQL no Terraform resource can run: the application's IAM-authenticated database user
 * (and, for PostgreSQL, the pgAudit extension). An operator runs it once per cluster, as the
 * master user, over verified TLS (`bootstrapCommand`). Every statement is idempotent, so
 * running it twice is harmless.
 */

/** AWS's CA bundle for RDS server certificates (all Regions). */
export const RDS_CA_BUNDLE_URL =
  'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem';

/** Privileges the application user gets on its database: data, not schema. */
export const APP_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;

type BootstrapInput = Pick<DatabaseConfig, 'engine' | 'databaseName' | 'appUsername'> &
  Partial<Pick<DatabaseConfig, 'adminUsers'>>;

function assertIdentifier(value: string, what: string): string {
  // Configuration only lets these through; the check keeps the SQL safe if that ever changes.
  if (!/^[a-z][a-z0-9_]*$/.test(value)) throw new Error(`Unsafe ${what} for SQL: ${value}`);
  return value;
}

/**
 * One statement of the bootstrap: what it is for (logged by `npm run db:bootstrap`, never a
 * secret), the SQL itself, and the comment lines the printed script shows before it.
 */
export interface BootstrapStatement {
  readonly purpose: string;
  readonly sql: string;
  readonly heading?: readonly string[];
}

/**
 * PostgreSQL: a login role that authenticates with IAM tokens only (member of `rds_iam`, no
 * password), created once; running it again changes nothing.
 */
function postgresIamRole(user: string, who: string): BootstrapStatement[] {
  return [
    {
      purpose: `create ${who} "${user}" (login, no password) if missing`,
      sql: [
        `DO $$ BEGIN`,
        `  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${user}') THEN CREATE ROLE "${user}" LOGIN; END IF;`,
        `END $$;`,
      ].join('\n'),
    },
    {
      purpose: `let "${user}" authenticate with IAM tokens (rds_iam)`,
      sql: `GRANT rds_iam TO "${user}";`,
    },
  ];
}

/**
 * The bootstrap as separate statements, in order: the RDS Data API runs one statement per
 * call (`ExecuteStatement`), and `bootstrapSql` prints the same statements as one script.
 * Every statement is idempotent, so running all of them twice leaves the same state.
 */
export function bootstrapStatements(database: BootstrapInput): BootstrapStatement[] {
  const db = assertIdentifier(database.databaseName, 'database name');
  const user = assertIdentifier(database.appUsername, 'user name');
  const admins = (database.adminUsers ?? []).map((a) => assertIdentifier(a.name, 'admin name'));
  const privileges = APP_PRIVILEGES.join(', ');
  if (database.engine === 'aurora-mysql') {
    const iamUser = (name: string, who: string): BootstrapStatement => ({
      purpose: `create ${who} '${name}' (IAM authentication, TLS required) if missing`,
      sql: `CREATE USER IF NOT EXISTS '${name}'@'%' IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS' REQUIRE SSL;`,
    });
    return [
      {
        ...iamUser(user, 'the application user'),
        heading: [
          `Payment platform data tier bootstrap (Aurora MySQL). Run once as the master user, over TLS.`,
          `The application user authenticates with IAM tokens only (no password) and must use TLS.`,
        ],
      },
      {
        purpose: `grant ${privileges} on ${db}.* to '${user}'`,
        sql: `GRANT ${privileges} ON \`${db}\`.* TO '${user}'@'%';`,
      },
      ...admins.flatMap((admin, index): BootstrapStatement[] => [
        {
          ...iamUser(admin, 'administrator'),
          ...(index === 0
            ? {
                heading: [
                  `Named administrators (IAM tokens only, TLS): everything on the payment database, nothing server-wide.`,
                ],
              }
            : {}),
        },
        {
          purpose: `grant all privileges on ${db}.* to administrator '${admin}'`,
          sql: `GRANT ALL PRIVILEGES ON \`${db}\`.* TO '${admin}'@'%';`,
        },
      ]),
    ];
  }
  const [appRole, appIam] = postgresIamRole(user, 'the application user') as [
    BootstrapStatement,
    BootstrapStatement,
  ];
  return [
    {
      purpose: 'create extension pgaudit if missing',
      sql: `CREATE EXTENSION IF NOT EXISTS pgaudit;`,
      heading: [
        `Payment platform data tier bootstrap (Aurora PostgreSQL). Run once as the master user, over TLS.`,
        `pgaudit and pg_stat_statements are preloaded by the cluster parameter group; create them here.`,
      ],
    },
    {
      purpose: 'create extension pg_stat_statements if missing',
      sql: `CREATE EXTENSION IF NOT EXISTS pg_stat_statements;`,
    },
    {
      purpose: `create the pgAudit object-audit role ${PGAUDIT_OBJECT_ROLE} (no login) if missing`,
      sql: [
        `DO $$ BEGIN`,
        `  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PGAUDIT_OBJECT_ROLE}') THEN CREATE ROLE ${PGAUDIT_OBJECT_ROLE} NOLOGIN; END IF;`,
        `END $$;`,
      ].join('\n'),
      heading: [
        `pgAudit object auditing (pgaudit.role): GRANT SELECT on each cardholder table to ${PGAUDIT_OBJECT_ROLE}`,
        `and every read of it is logged. The role never logs in.`,
      ],
    },
    {
      ...appRole,
      heading: [`The application user authenticates with IAM tokens only (rds_iam, no password).`],
    },
    appIam,
    {
      purpose: 'revoke CREATE on schema public from PUBLIC',
      sql: `REVOKE CREATE ON SCHEMA public FROM PUBLIC;`,
    },
    {
      purpose: `grant CONNECT on database ${db} to "${user}"`,
      sql: `GRANT CONNECT ON DATABASE "${db}" TO "${user}";`,
    },
    {
      purpose: `grant USAGE on schema public to "${user}"`,
      sql: `GRANT USAGE ON SCHEMA public TO "${user}";`,
    },
    {
      purpose: `grant ${privileges} on every table in public to "${user}"`,
      sql: `GRANT ${privileges} ON ALL TABLES IN SCHEMA public TO "${user}";`,
    },
    {
      purpose: `grant ${privileges} on future tables in public to "${user}"`,
      sql: `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ${privileges} ON TABLES TO "${user}";`,
    },
    ...admins.flatMap((admin, index): BootstrapStatement[] => {
      const [role, iam] = postgresIamRole(admin, 'administrator') as [
        BootstrapStatement,
        BootstrapStatement,
      ];
      return [
        {
          ...role,
          ...(index === 0
            ? {
                heading: [
                  `Named administrators (IAM tokens only): own the schema work of the payment database, not the cluster.`,
                ],
              }
            : {}),
        },
        iam,
        {
          purpose: `grant all privileges on database ${db} to administrator "${admin}"`,
          sql: `GRANT ALL PRIVILEGES ON DATABASE "${db}" TO "${admin}";`,
        },
        {
          purpose: `grant all privileges on schema public to administrator "${admin}"`,
          sql: `GRANT ALL PRIVILEGES ON SCHEMA public TO "${admin}";`,
        },
        {
          purpose: `grant all privileges on every table in public to administrator "${admin}"`,
          sql: `GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO "${admin}";`,
        },
      ];
    }),
  ];
}

/** The bootstrap as one SQL script (`npm run db:bootstrap-sql`), the same statements in order. */
export function bootstrapSql(database: BootstrapInput): string {
  const lines = bootstrapStatements(database).flatMap((statement) => [
    ...(statement.heading ?? []).map((line) => `-- ${line}`),
    statement.sql,
  ]);
  return [...lines, ''].join('\n');
}

/**
 * The shell an operator runs once after the first apply, from the project root on a host that
 * reaches the data subnets: it writes the SQL for the current configuration, reads the
 * endpoint from the stack's outputs and the master secret from Secrets Manager (never from
 * Terraform), and runs the SQL through a client that verifies the server certificate.
 */
export function bootstrapCommand(
  database: Pick<DatabaseConfig, 'engine' | 'databaseName'>,
  stackDir: string,
): string {
  const output = (name: string) => `$(terraform -chdir=${stackDir} output -raw ${name})`;
  const common = [
    `npm run --silent db:bootstrap-sql > bootstrap.sql`,
    `curl -sSfo global-bundle.pem ${RDS_CA_BUNDLE_URL}`,
    `DB_HOST=${output('rds_cluster_endpoint')}`,
    `DB_PORT=${output('rds_cluster_port')}`,
    `SECRET=$(aws secretsmanager get-secret-value --secret-id "${output('db_master_secret_arn')}" --query SecretString --output text)`,
    `DB_USER=$(printf '%s' "$SECRET" | jq -r .username)`,
    `DB_PASSWORD=$(printf '%s' "$SECRET" | jq -r .password)`,
  ];
  if (database.engine === 'aurora-mysql') {
    return [
      ...common,
      `MYSQL_PWD="$DB_PASSWORD" mysql --host "$DB_HOST" --port "$DB_PORT" --user "$DB_USER" \\`,
      `  --ssl-mode=VERIFY_IDENTITY --ssl-ca=global-bundle.pem ${database.databaseName} < bootstrap.sql`,
    ].join('\n');
  }
  return [
    ...common,
    `PGPASSWORD="$DB_PASSWORD" PGSSLMODE=verify-full PGSSLROOTCERT=global-bundle.pem \\`,
    `  psql --host "$DB_HOST" --port "$DB_PORT" --username "$DB_USER" --dbname ${database.databaseName} \\`,
    `  -v ON_ERROR_STOP=1 -f bootstrap.sql`,
  ].join('\n');
}
