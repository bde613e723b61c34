/**
 * Every command of the project, as `npm run <name>` runs it: the one list the contract's
 * table-driven test walks, so a new command cannot skip `--help` or the exit-code policy.
 */
import type { Command } from '../contract';
import { bootstrapCommand } from './bootstrap';
import { makeCheckCommand } from './check';
import { configDocsCommand } from './config-docs';
import { costCommand } from './cost';
import { dbBootstrapCommand } from './db-bootstrap';
import { dbBootstrapSqlCommand } from './db-bootstrap-sql';
import { deployCommand, destroyCommand, planCommand } from './deploy';
import { deployPolicyCommand } from './deploy-policy';
import { diagramCommand } from './diagram';
import { envMigrateCommand } from './env-migrate';
import { ciIdentityCommand } from './ci-identity';
import { makeDiffCommand } from './diff';
import { driftCommand } from './drift';
import { outputsCommand } from './outputs';
import { rehearseCommand } from './rehearse';
import { resilienceCommand } from './resilience';
import { synthCommand } from './synth';
import { testTerraformCommand } from './test-terraform';
import { verifyCommand } from './verify';

/** Each command with the dependencies a test may replace. */
export function allCommands(dependencies: {
  readonly synthesize: Parameters<typeof makeCheckCommand>[0]['synthesize'];
  readonly synthesizeAtRef: Parameters<typeof makeDiffCommand>[0];
}): readonly Command[] {
  return [
    synthCommand,
    makeCheckCommand({ synthesize: dependencies.synthesize }),
    planCommand,
    deployCommand,
    destroyCommand,
    verifyCommand,
    outputsCommand,
    bootstrapCommand,
    costCommand,
    resilienceCommand,
    diagramCommand,
    makeDiffCommand(dependencies.synthesizeAtRef),
    dbBootstrapSqlCommand,
    dbBootstrapCommand,
    testTerraformCommand,
    rehearseCommand,
    envMigrateCommand,
    ciIdentityCommand,
    configDocsCommand,
    driftCommand,
    deployPolicyCommand,
  ];
}
