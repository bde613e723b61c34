import { existsSync, renameSync, rmSync } from 'node:fs';
import { buildApp } from './app';
import { ConfigError } from './config/errors';
import { loadConfig } from './config/load';

/**
 * Entry point of `npm run synth`: validate the configuration from the environment, then
 * synthesize into a staging folder and move it into place, so a failure leaves no partial
 * output. Under the cdktn CLI (which sets CDKTF_OUTDIR) it writes where the CLI says.
 */
function main(): number {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }

  const cliOutdir = process.env.CDKTF_OUTDIR;
  const outdir = cliOutdir ?? 'cdktf.out';
  const staging = cliOutdir ? cliOutdir : `${outdir}.staging-${process.pid}`;
  try {
    const { app, stack } = buildApp(config, staging);
    app.synth();
    if (!cliOutdir) {
      rmSync(outdir, { recursive: true, force: true });
      renameSync(staging, outdir);
    }
    process.stdout.write(
      `Synthesized ${stack.node.id} (profile ${config.profile}, ${config.region}) to ${outdir}/stacks/${stack.node.id}/cdk.tf.json\n`,
    );
    return 0;
  } catch (error) {
    if (!cliOutdir && existsSync(staging)) rmSync(staging, { recursive: true, force: true });
    process.stderr.write(`Synthesis failed: ${(error as Error).message}\nNothing was written.\n`);
    return 1;
  }
}

process.exitCode = main();
