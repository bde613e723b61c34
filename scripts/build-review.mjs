// Bundles the review tools (src/cli/diagram.ts, src/cli/diff.ts, and the PNG renderer
// src/review/diagram/png.ts for npm run diagram:png) into dist/
// with their npm packages left in node_modules. They stay out of scripts/build.mjs's shared
// dist/deps.js on purpose: Graphviz's WebAssembly would make that bundle, which every
// `npm run synth` loads, several megabytes larger. Usage: node scripts/build-review.mjs
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/diagram.ts', 'src/cli/diff.ts', 'src/review/diagram/png.ts'],
  outbase: 'src',
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  packages: 'external',
});
