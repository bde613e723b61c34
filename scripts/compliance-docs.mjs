// Regenerates docs/compliance.md, the auditor's view, from the stacks a user can deploy:
// compliance/docs-config/stacks.json lists them (an environment, optionally a suffix and
// configuration on top of the environment's compliance/docs-config/<environment>.json, which
// holds what that environment needs to synthesize, such as prod's certificate). Each is
// synthesized exactly as `npm run synth` does into one temporary output folder, then the gate
// runs over all of them with --format markdown, stating the time, commit and gate version.
// Usage: npm run check:docs (builds first).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './docs-environments.mjs';

const docsConfig = join('compliance', 'docs-config');
const { stacks, accounts } = JSON.parse(readFileSync(join(docsConfig, 'stacks.json'), 'utf8'));
const out = mkdtempSync(join(tmpdir(), 'compliance-docs-'));
let status = 0;
for (const [index, stack] of stacks.entries()) {
  const base = join(docsConfig, `${stack.environment}.json`);
  const config = {
    ...(existsSync(base) ? JSON.parse(readFileSync(base, 'utf8')) : {}),
    ...stack.config,
  };
  const file = join(out, `config-${index}.json`);
  writeFileSync(file, JSON.stringify(config));
  // Each synthesis prints its own gate report: shown only when it fails.
  status = run(
    ['dist/cli/synth.js'],
    {
      ENVIRONMENT: stack.environment,
      ENVIRONMENT_SUFFIX: stack.suffix ?? stack.environment,
      CDKTF_OUTDIR: join(out, 'out'),
      CONFIG_FILE: file,
    },
    true,
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
