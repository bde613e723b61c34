// Regenerates docs/outputs.md, the one table of every Terraform output, from the synthesized
// stacks (src/outputs/docs.ts lists the configurations). Bundles that module with esbuild into
// a temporary folder (packages left in node_modules), runs it and writes the file.
// Usage: npm run outputs:docs
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const out = mkdtempSync(join(root, 'node_modules', '.outputs-docs-'));
try {
  const bundle = join(out, 'docs.cjs');
  await build({
    entryPoints: [join(root, 'src', 'outputs', 'docs.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    packages: 'external',
  });
  const { renderOutputsDocs, synthesizeOutputVariants } = createRequire(import.meta.url)(bundle);
  writeFileSync(
    join(root, 'docs', 'outputs.md'),
    renderOutputsDocs(synthesizeOutputVariants(root)),
  );
  console.log('Wrote docs/outputs.md');
} finally {
  rmSync(out, { recursive: true, force: true });
}
