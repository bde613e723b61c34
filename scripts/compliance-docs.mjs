// Regenerates docs/compliance.md, the auditor's view, from the default environments
// (scripts/docs-environments.mjs), then runs the gate over all three with --format markdown.
// Usage: npm run check:docs (builds first).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, synthesizeDocsEnvironments } from './docs-environments.mjs';

const out = mkdtempSync(join(tmpdir(), 'compliance-docs-'));
let status = synthesizeDocsEnvironments(out);
const docs = ['--format', 'markdown', '--output', 'docs/compliance.md'];
if (status === 0) status = run(['dist/compliance/cli.js', '--dir', out, ...docs]);
rmSync(out, { recursive: true, force: true });
process.exitCode = status;
