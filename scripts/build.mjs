// Bundles the entry points with esbuild. No type check here: that is `npm test`'s job, and
// keeping it out of the build keeps `npm run synth` fast. Dependencies stay external, so
// only the provider modules the app imports by deep path are loaded at run time.
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

const entryPoints = [
  'src/main.ts',
  'src/outputs/cli.ts',
  'src/db-bootstrap-sql.ts',
  'src/compliance/cli.ts',
].filter((p) => existsSync(p));

await build({
  entryPoints,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  sourcemap: 'linked',
  logLevel: 'warning',
  packages: 'external',
});
