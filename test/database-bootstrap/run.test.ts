/**
 * `npm run db:bootstrap` against mocked RDS and RDS Data API clients: it finds the cluster by
 * name, sends every bootstrap statement once, in order, with the cluster's ARN and master
 * secret; a second run sends the same statements and ends the same way; an API error stops it
 * with a message naming the statement; every run appends to its own log file.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeDBClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { bootstrapStatements } from '../../src/database-bootstrap/sql';
import { DeployError } from '../../src/deploy/errors';
import { UsageProblem } from '../../src/errors/problems';
import { parseDbBootstrapArgs } from '../../src/cli/commands/db-bootstrap';
import type { BootstrapIo } from '../../src/database-bootstrap/run';
import { BOOTSTRAP_LOG_DIR, runBootstrap } from '../../src/database-bootstrap/run';

const rds = mockClient(RDSClient);
const rdsData = mockClient(RDSDataClient);
const CLUSTER_ARN = 'arn:aws:rds:us-east-1:123456789012:cluster:payment-aurora-dev';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!cluster-abc-123456';
const OPERATOR = 'arn:aws:iam::123456789012:role/payments-db-bootstrap';
const ADMINS = [{ name: 'alice', principalArn: 'arn:aws:iam::123456789012:role/dba-alice' }];

const roots: string[] = [];
function project(database: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'payment-db-bootstrap-'));
  roots.push(root);
  mkdirSync(join(root, 'config'));
  writeFileSync(
    join(root, 'config', 'dev.json'),
    JSON.stringify({ region: 'us-east-1', database }),
  );
  return root;
}
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function io(root: string, out: string[]): BootstrapIo {
  let tick = 0;
  return {
    projectRoot: root,
    env: {},
    stdout: (t) => out.push(t),
    clients: () => ({
      rds: new RDSClient({ region: 'us-east-1' }),
      rdsData: new RDSDataClient({ region: 'us-east-1' }),
    }),
    // A new millisecond for every call, so each run gets its own log file name.
    now: () => new Date(Date.UTC(2026, 11, 1, 23, 0, 0, tick++)),
    sleep: async () => undefined,
  };
}

function clusterIs(overrides: Record<string, unknown> = {}, engine = 'aurora-mysql') {
  rds.on(DescribeDBClustersCommand, { DBClusterIdentifier: 'payment-aurora-dev' }).resolves({
    DBClusters: [
      {
        DBClusterArn: CLUSTER_ARN,
        Engine: engine,
        HttpEndpointEnabled: true,
        MasterUserSecret: { SecretArn: SECRET_ARN },
        ...overrides,
      },
    ],
  });
}

const sent = () => rdsData.commandCalls(ExecuteStatementCommand).map((c) => c.args[0].input);

beforeEach(() => {
  rds.reset();
  rdsData.reset();
  rdsData.on(ExecuteStatementCommand).resolves({});
});

describe.each(['aurora-mysql', 'aurora-postgresql'] as const)('db:bootstrap on %s', (engine) => {
  const database = { engine, bootstrapPrincipalArns: [OPERATOR], adminUsers: ADMINS };
  const expected = bootstrapStatements({
    engine,
    databaseName: 'payments',
    appUsername: 'payments_app',
    adminUsers: ADMINS,
  });

  it('sends every statement once, in order, to this cluster with its master secret', async () => {
    clusterIs({}, engine);
    const out: string[] = [];
    const result = await runBootstrap(
      { environment: 'dev', dryRun: false },
      io(project(database), out),
    );
    expect(sent()).toEqual(
      expected.map((s) => ({
        resourceArn: CLUSTER_ARN,
        secretArn: SECRET_ARN,
        database: 'payments',
        sql: s.sql,
      })),
    );
    expect(result.statements).toBe(expected.length);
    expect(out.join('')).toContain(`[1/${expected.length}] ${expected[0]!.purpose}`);
  });

  it('a second run sends the same statements and ends the same way (idempotent SQL)', async () => {
    clusterIs({}, engine);
    const root = project(database);
    const first: string[] = [];
    await runBootstrap({ environment: 'dev', dryRun: false }, io(root, first));
    const once = sent();
    rdsData.resetHistory();
    const second: string[] = [];
    await runBootstrap({ environment: 'dev', dryRun: false }, io(root, second));
    expect(sent()).toEqual(once);
    expect(second.at(-1)).toBe(first.at(-1));
    expect(first.at(-1)).toMatch(/all \d+ statements ran; running it again leaves the same state/);
  });
});

describe('db:bootstrap failures', () => {
  const database = { bootstrapPrincipalArns: [OPERATOR] };

  it('stops at an API error and names the statement, the error and what to do', async () => {
    clusterIs();
    const denied = Object.assign(
      new Error('User is not authorized to perform rds-data:ExecuteStatement'),
      {
        name: 'AccessDeniedException',
      },
    );
    rdsData.on(ExecuteStatementCommand).resolvesOnce({}).rejects(denied);
    const error = await runBootstrap(
      { environment: 'dev', dryRun: false },
      io(project(database), []),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as Error).message).toMatch(
      /statement 2 of 2 \(grant SELECT, INSERT, UPDATE, DELETE on payments\.\* to 'payments_app'\) failed: AccessDeniedException: User is not authorized.*1 statements ran before it.*run npm run db:bootstrap -- --env dev again/,
    );
    expect(sent()).toHaveLength(2);
  });

  it('waits for a paused dev cluster to resume instead of failing', async () => {
    clusterIs();
    const resuming = Object.assign(new Error('resuming'), { name: 'DatabaseResumingException' });
    rdsData.on(ExecuteStatementCommand).rejectsOnce(resuming).resolves({});
    const out: string[] = [];
    await runBootstrap({ environment: 'dev', dryRun: false }, io(project(database), out));
    expect(out.join('')).toContain('resuming from auto-pause');
    expect(sent()).toHaveLength(3); // 2 statements, the first sent twice
  });

  it.each([
    [{ HttpEndpointEnabled: false }, /RDS Data API is not enabled/],
    [{ MasterUserSecret: undefined }, /no RDS-managed master secret/],
    [
      { Engine: 'aurora-postgresql' },
      /runs aurora-postgresql, but the configuration says aurora-mysql/,
    ],
  ])(
    'refuses a cluster that cannot be bootstrapped (%j) before sending anything',
    async (overrides, message) => {
      clusterIs(overrides);
      await expect(
        runBootstrap({ environment: 'dev', dryRun: false }, io(project(database), [])),
      ).rejects.toThrow(message);
      expect(sent()).toEqual([]);
    },
  );

  it('refuses a stack without database.bootstrapPrincipalArns, with an example', async () => {
    await expect(
      runBootstrap({ environment: 'dev', dryRun: false }, io(project({}), [])),
    ).rejects.toThrow(
      /bootstrapPrincipalArns is not configured.*Example: "bootstrapPrincipalArns"/,
    );
  });

  it('reports invalid configuration as validation does, not as a stack trace', async () => {
    const root = project({ bootstrapPrincipalArns: ['not-an-arn'] });
    await expect(runBootstrap({ environment: 'dev', dryRun: false }, io(root, []))).rejects.toThrow(
      /^Invalid environment file:\nconfig\/dev\.json:\n {2}database\.bootstrapPrincipalArns\.0: "not-an-arn" is not an IAM role or user ARN/,
    );
  });
});

describe('db:bootstrap --dry-run and the log', () => {
  const database = { bootstrapPrincipalArns: [OPERATOR] };

  it('prints every statement it would run and calls no AWS API', async () => {
    const out: string[] = [];
    await runBootstrap({ environment: 'dev', dryRun: true }, io(project(database), out));
    const text = out.join('');
    expect(text).toContain("[1/2] would run: create the application user 'payments_app'");
    expect(text).toContain(
      "CREATE USER IF NOT EXISTS 'payments_app'@'%' IDENTIFIED WITH AWSAuthenticationPlugin",
    );
    expect(rds.calls()).toEqual([]);
    expect(rdsData.calls()).toEqual([]);
  });

  it('writes one log file per run under logs/db-bootstrap, never replacing an earlier one', async () => {
    clusterIs();
    const root = project(database);
    const dir = join(root, BOOTSTRAP_LOG_DIR);
    await runBootstrap({ environment: 'dev', dryRun: false }, io(root, []));
    // A later run gets a file of its own.
    await runBootstrap(
      { environment: 'dev', dryRun: false },
      { ...io(root, []), now: () => new Date(Date.UTC(2026, 11, 2)) },
    );
    const files = readdirSync(dir).sort();
    expect(files).toEqual([
      expect.stringMatching(/^payment-dev-2026-12-01T23-00-00-000Z\.log$/),
      'payment-dev-2026-12-02T00-00-00-000Z.log',
    ]);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text).toContain('[2/2] done');
      expect(text).toContain('GRANT SELECT, INSERT, UPDATE, DELETE ON `payments`.*');
      // The secret's ARN is logged, never a value from it.
      expect(text).not.toMatch(/password/i);
    }
    // A run that lands on the same file name appends to it.
    const before = readFileSync(join(dir, files[0]!), 'utf8');
    await runBootstrap({ environment: 'dev', dryRun: false }, io(root, []));
    const after = readFileSync(join(dir, files[0]!), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);
  });
});

describe('db:bootstrap arguments', () => {
  it('takes --env and --dry-run, and the environment variables otherwise', () => {
    expect(parseDbBootstrapArgs(['--env', 'staging', '--dry-run'], {})).toEqual({
      environment: 'staging',
      dryRun: true,
    });
    expect(parseDbBootstrapArgs(['--env=pr123'], {})).toEqual({
      environment: 'pr123',
      dryRun: false,
    });
    expect(parseDbBootstrapArgs([], { ENVIRONMENT: 'prod' })).toEqual({
      environment: 'prod',
      dryRun: false,
    });
  });

  it.each([[['--env']], [['--env', 'Prod!']], [['--force']]])('refuses %j', (args) => {
    expect(() => parseDbBootstrapArgs(args, {})).toThrow(UsageProblem);
  });
});

describe('the MySQL bootstrap SQL (no MySQL server here: checked by structure)', () => {
  const statements = bootstrapStatements({
    engine: 'aurora-mysql',
    databaseName: 'payments',
    appUsername: 'payments_app',
    adminUsers: ADMINS,
  });

  it('is one statement per Data API call, each idempotent, IAM-only, TLS-only and scoped to the database', () => {
    for (const { sql } of statements) {
      // One statement: a single trailing semicolon and no comment.
      expect(
        sql
          .trim()
          .split(';')
          .filter((part) => part.trim() !== ''),
      ).toHaveLength(1);
      expect(sql.trim().endsWith(';')).toBe(true);
      expect(sql).not.toMatch(/--|\/\*/);
      expect(sql).toMatch(
        /^(CREATE USER IF NOT EXISTS '[a-z_]+'@'%' IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS' REQUIRE SSL;|GRANT [A-Z, ]+ ON `payments`\.\* TO '[a-z_]+'@'%';)$/,
      );
      expect(sql).not.toMatch(/IDENTIFIED BY|\*\.\*|WITH GRANT OPTION|DROP|SUPER/);
    }
    expect(statements.map((s) => s.sql.split(' ')[0])).toEqual([
      'CREATE',
      'GRANT',
      'CREATE',
      'GRANT',
    ]);
  });
});
