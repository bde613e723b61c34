// Runs a bundled entry point in this process: `node scripts/run.mjs synth --all` is
// `node dist/cli/synth.js --all` after rebuilding dist/ if any input changed (scripts/build.mjs).
// One Node process for `npm run synth`: checking the inputs' hash costs milliseconds, a
// second process for the bundler or the gate a tenth of a second each.
import module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { ENTRY_POINTS, ensureBuilt } from './build.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!ENTRY_POINTS.includes(entry ?? '')) {
  console.error(`run: "${entry ?? ''}" is not an entry point (one of ${ENTRY_POINTS.join(', ')})`);
  process.exit(2);
}
await ensureBuilt();
// Node 22.1 and later keep compiled code on disk between runs (module.enableCompileCache);
// it saves part of loading cdktn and the provider classes. Older Node lacks it.
module.enableCompileCache?.();
// --debug: stack traces through the bundles' source maps (src/ files and lines). Off otherwise:
// reading the maps costs time, and only a defect's report needs them.
if (args.includes('--debug')) process.setSourceMapsEnabled(true);
const file = join(import.meta.dirname, '..', 'dist', 'cli', `${entry}.js`);
process.argv = [process.argv[0], file, ...args];
createRequire(file)(file);
