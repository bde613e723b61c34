// Regenerates docs/cost.md and docs/resilience.md from the committed environments: synthesizes
// dev, staging and prod (scripts/docs-environments.mjs) into one temporary folder, then runs
// `npm run cost` (idle, small, medium and large) and `npm run resilience` over them. The price
// age is measured at the table's research date so that the documents do not change with the
// calendar. Usage: npm run cost:docs (builds first).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, synthesizeDocsEnvironments } from './docs-environments.mjs';

const out = mkdtempSync(join(tmpdir(), 'cost-docs-'));
let status = synthesizeDocsEnvironments(out);
if (status === 0)
  status = run(['dist/cli/cost.js', '--docs', '--dir', out, '--output', 'docs/cost.md']);
if (status === 0)
  status = run([
    'dist/cli/resilience.js',
    '--dir',
    out,
    '--format',
    'markdown',
    '--output',
    'docs/resilience.md',
  ]);
rmSync(out, { recursive: true, force: true });
process.exitCode = status;
