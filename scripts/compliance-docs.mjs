// Regenerates docs/compliance.md, the auditor's view, from the stacks a user can deploy:
// compliance/docs-config/stacks.json lists them (an environment, optionally a suffix and
// configuration on top of the environment's compliance/docs-config/<environment>.json, which
// holds what that environment needs to synthesize, such as prod's certificate). Each is
// synthesized exactly as `npm run synth` does into one temporary output folder, then the gate
// runs over all of them with --format markdown, stating the time, commit and gate version.
// Usage: npm run check:docs (builds first).
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from './docs-environments.mjs';

const docsConfig = join('compliance', 'docs-config');
const { stacks, accounts } = JSON.parse(readFileSync(join(docsConfig, 'stacks.json'), 'utf8'));
const out = mkdtempSync(join(tmpdir(), 'compliance-docs-'));
// A scratch project whose config/ holds one environment file per listed stack (the
// environment's committed settings, the entry's configuration on top, its profile and Region),
// synthesized as `npm run synth -- --env <name>` does, through the one resolver.
const project = join(out, 'project');
mkdirSync(join(project, 'config'), { recursive: true });
cpSync(join('compliance', 'suppressions.json'), join(project, 'compliance', 'suppressions.json'));
let status = 0;
for (const stack of stacks) {
  const base = join(docsConfig, `${stack.environment}.json`);
  const name = stack.suffix ?? stack.environment;
  const committed = join('config', `${stack.environment}.json`);
  const config = {
    ...(existsSync(committed) ? JSON.parse(readFileSync(committed, 'utf8')) : {}),
    ...(existsSync(base) ? JSON.parse(readFileSync(base, 'utf8')) : {}),
    ...stack.config,
    ...(name === stack.environment ? {} : { profile: stack.environment }),
    $schema: undefined,
  };
  writeFileSync(join(project, 'config', `${name}.json`), JSON.stringify(config));
  // Each synthesis prints its own gate report: shown only when it fails.
  status = run(
    [resolve('dist/cli/synth.js'), '--env', name],
    {
      ENVIRONMENT: undefined,
      ENVIRONMENT_SUFFIX: undefined,
      CONFIG_FILE: undefined,
      CDKTF_OUTDIR: join(out, 'out'),
    },
    true,
    project,
  );
  if (status !== 0) break;
}
// The committed account baselines (config/accounts/<name>.json), beside the environments.
for (const account of accounts ?? []) {
  if (status !== 0) break;
  status = run(
    ['dist/cli/synth.js', '--account', account],
    { CDKTF_OUTDIR: join(out, 'out') },
    true,
  );
}
if (status === 0)
  status = run([
    'dist/cli/check.js',
    ...['--dir', join(out, 'out'), '--format', 'markdown', '--output', 'docs/compliance.md'],
  ]);
rmSync(out, { recursive: true, force: true });
process.exitCode = status;
