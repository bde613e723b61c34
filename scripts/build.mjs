// Bundles entry points with esbuild: `node scripts/build.mjs main compliance/cli` builds
// src/main.ts and src/compliance/cli.ts into dist/. No type check here (that is `npm test`'s
// job), which keeps `npm run synth` fast. Dependencies stay external: bundling the provider
// classes makes each run slightly faster but the build three times slower, a net loss.
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

const names = process.argv.slice(2);
const entryPoints = (names.length > 0 ? names : ['main']).map((name) => `src/${name}.ts`);
const missing = entryPoints.filter((path) => !existsSync(path));
if (missing.length > 0) {
  console.error(`No such entry point: ${missing.join(', ')}`);
  process.exit(1);
}

await build({
  entryPoints,
  outbase: 'src',
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  packages: 'external',
});
