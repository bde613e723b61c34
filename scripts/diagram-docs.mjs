// Regenerates docs/architecture-<env>.svg and .md from the default environments
// (scripts/docs-environments.mjs). Usage: npm run diagram:docs (builds first).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, synthesizeDocsEnvironments } from './docs-environments.mjs';

const out = mkdtempSync(join(tmpdir(), 'diagram-docs-'));
let status = synthesizeDocsEnvironments(out);
if (status === 0) status = run(['dist/cli/diagram.js', '--dir', out, '--out', 'docs']);
rmSync(out, { recursive: true, force: true });
process.exitCode = status;
