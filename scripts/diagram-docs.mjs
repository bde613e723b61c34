// Regenerates docs/architecture-<env>.svg and .md from the default environments
// (scripts/docs-environments.mjs). Usage: npm run diagram:docs (builds first).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCS_ENVIRONMENTS, run, synthesizeDocsEnvironments } from './docs-environments.mjs';

const out = mkdtempSync(join(tmpdir(), 'diagram-docs-'));
let status = synthesizeDocsEnvironments(out, true);
for (const environment of DOCS_ENVIRONMENTS) {
  if (status !== 0) break;
  const dir = join(out, environment);
  status = run(['dist/review/diagram/cli.js', '--dir', dir, '--out', 'docs']);
}
rmSync(out, { recursive: true, force: true });
process.exitCode = status;
