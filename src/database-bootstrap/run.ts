/**
 * `npm run db:bootstrap -- --env <name>`: creates the application's IAM-authenticated
 * database user and the named administrators by running the bootstrap SQL through the RDS Data
 * API (HTTPS to the RDS service, so no host in the VPC, no SSH, no inbound rule), as the master
 * user whose secret the Data API reads with the caller's (the bootstrap role's) permissions.
 *
 * Why the Data API: see docs/operations.md, "Bootstrap (once per cluster)". How the cluster is found: by
 * its name (the same naming module the stack uses) and `rds:DescribeDBClusters`, which returns
 * its ARN, its master secret and whether the Data API is on; the operator needs no Terraform
 * state or `terraform output`, only the bootstrap role.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeDBClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';
import { usesDataApi } from '../config/database';
import { resolveEnvironments } from '../config/environments';
import type { BootstrapStatement } from './sql';
import { bootstrapStatements } from './sql';
import { DeployError } from '../deploy/errors';
import { Naming } from '../naming/naming';
import { stackName } from '../stacks/payment-stack';

/** Where every run's log goes, one file per run (git-ignored, never overwritten). */
export const BOOTSTRAP_LOG_DIR = join('logs', 'db-bootstrap');

/** A paused (0 ACU) dev cluster answers DatabaseResumingException until it is up. */
const RESUMING = 'DatabaseResumingException';
const RESUME_ATTEMPTS = 6;
const RESUME_WAIT_MS = 10_000;

export interface BootstrapOptions {
  readonly environment: string;
  readonly dryRun: boolean;
}

export interface BootstrapClients {
  readonly rds: Pick<RDSClient, 'send'>;
  readonly rdsData: Pick<RDSDataClient, 'send'>;
}

export function awsClients(region: string): BootstrapClients {
  return { rds: new RDSClient({ region }), rdsData: new RDSDataClient({ region }) };
}

export interface BootstrapIo {
  readonly projectRoot: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  /** Clients for a Region (tests pass clients whose sends are mocked). */
  readonly clients?: (region: string) => BootstrapClients;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface BootstrapResult {
  readonly statements: number;
  /** The run's log file, relative to the project root. */
  readonly logFile: string;
}

/** Runs (or, with `--dry-run`, prints) every bootstrap statement once, in order. */
export async function runBootstrap(
  options: BootstrapOptions,
  io: BootstrapIo,
): Promise<BootstrapResult> {
  // An unknown environment or an invalid file is an InputProblem (exit 2).
  const [resolved] = resolveEnvironments({
    projectRoot: io.projectRoot,
    env: io.env,
    names: [options.environment],
    all: false,
  }).environments;
  const config = resolved!.config;
  const { database, region, suffix } = config;
  const stack = stackName(suffix);
  if (!usesDataApi(database)) {
    throw new DeployError(
      `${stack}: database.bootstrapPrincipalArns is not configured, so the stack has no RDS Data API and no bootstrap role. Add it to the config file (Example: "bootstrapPrincipalArns": ["arn:aws:iam::123456789012:role/payments-db-bootstrap"]), then npm run plan and npm run deploy.`,
    );
  }
  const statements = bootstrapStatements(database);
  const clusterIdentifier = new Naming(suffix, region).name('aurora', 'rdsIdentifier');

  const now = io.now ?? (() => new Date());
  const logFile = join(
    BOOTSTRAP_LOG_DIR,
    `${stack}-${now().toISOString().replace(/[:.]/g, '-')}${options.dryRun ? '-dry-run' : ''}.log`,
  );
  mkdirSync(join(io.projectRoot, BOOTSTRAP_LOG_DIR), { recursive: true });
  // Append only: a second run in the same millisecond adds to the file, never replaces it.
  const log = (line: string, toStdout = true) => {
    appendFileSync(join(io.projectRoot, logFile), `${now().toISOString()} ${line}\n`);
    if (toStdout) io.stdout(`${line}\n`);
  };

  log(
    `db:bootstrap ${stack}: ${database.engine} cluster ${clusterIdentifier} in ${region}, database ${database.databaseName}, ${statements.length} statements${options.dryRun ? ' (dry run: nothing is sent)' : ''}`,
  );
  log(`log file: ${logFile}`);
  if (options.dryRun) {
    statements.forEach((statement, index) => {
      log(`[${index + 1}/${statements.length}] would run: ${statement.purpose}`);
      log(indent(statement.sql));
    });
    log(`dry run: ${statements.length} statements printed, none sent`);
    return { statements: statements.length, logFile };
  }

  const clients = (io.clients ?? awsClients)(region);
  const target = await findCluster(clients, clusterIdentifier, database.engine, stack);
  log(
    `cluster ${target.clusterArn}; master secret ${target.secretArn} (its value is never logged)`,
  );
  const sleep = io.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (const [index, statement] of statements.entries()) {
    const step = `[${index + 1}/${statements.length}]`;
    log(`${step} ${statement.purpose}`);
    log(indent(statement.sql), false);
    try {
      await execute(clients, target, database.databaseName, statement, sleep, (m) => log(m));
    } catch (error) {
      const reason = describeError(error);
      log(`${step} FAILED: ${reason}`);
      throw new DeployError(
        `db:bootstrap ${stack}: statement ${index + 1} of ${statements.length} (${statement.purpose}) failed: ${reason}. ${index} statements ran before it; every statement is idempotent, so fix the cause and run npm run db:bootstrap -- --env ${options.environment} again. Log: ${logFile}`,
      );
    }
    log(`${step} done`);
  }
  log(
    `db:bootstrap ${stack}: all ${statements.length} statements ran; running it again leaves the same state`,
  );
  return { statements: statements.length, logFile };
}

interface ClusterTarget {
  readonly clusterArn: string;
  readonly secretArn: string;
}

async function findCluster(
  clients: BootstrapClients,
  identifier: string,
  engine: string,
  stack: string,
): Promise<ClusterTarget> {
  let cluster;
  try {
    const out = await clients.rds.send(
      new DescribeDBClustersCommand({ DBClusterIdentifier: identifier }),
    );
    cluster = out.DBClusters?.[0];
  } catch (error) {
    throw new DeployError(
      `db:bootstrap ${stack}: cannot describe cluster ${identifier}: ${describeError(error)}. Run it as the bootstrap role (output db_bootstrap_role_arn) after npm run deploy.`,
    );
  }
  if (!cluster?.DBClusterArn) {
    throw new DeployError(
      `db:bootstrap ${stack}: cluster ${identifier} does not exist; deploy the stack first`,
    );
  }
  if (cluster.Engine !== engine) {
    throw new DeployError(
      `db:bootstrap ${stack}: cluster ${identifier} runs ${cluster.Engine ?? 'an unknown engine'}, but the configuration says ${engine}`,
    );
  }
  if (cluster.HttpEndpointEnabled !== true) {
    throw new DeployError(
      `db:bootstrap ${stack}: the RDS Data API is not enabled on ${identifier}; apply the stack with database.bootstrapPrincipalArns configured (npm run plan, npm run deploy)`,
    );
  }
  const secretArn = cluster.MasterUserSecret?.SecretArn;
  if (!secretArn) {
    throw new DeployError(
      `db:bootstrap ${stack}: cluster ${identifier} has no RDS-managed master secret`,
    );
  }
  return { clusterArn: cluster.DBClusterArn, secretArn };
}

async function execute(
  clients: BootstrapClients,
  target: ClusterTarget,
  databaseName: string,
  statement: BootstrapStatement,
  sleep: (ms: number) => Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await clients.rdsData.send(
        new ExecuteStatementCommand({
          resourceArn: target.clusterArn,
          secretArn: target.secretArn,
          database: databaseName,
          sql: statement.sql,
        }),
      );
      return;
    } catch (error) {
      if ((error as { name?: string }).name !== RESUMING || attempt >= RESUME_ATTEMPTS) throw error;
      log(`  the cluster is resuming from auto-pause; trying again in ${RESUME_WAIT_MS / 1000} s`);
      await sleep(RESUME_WAIT_MS);
    }
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function indent(sql: string): string {
  return sql
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
