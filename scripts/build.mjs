// Bundles the entry points with esbuild into dist/, only when an input changed: a SHA-256 of
// every file under src/, package.json, package-lock.json, tsconfig.json, this script and the
// Node version, kept in dist/.inputs-sha256. `node scripts/build.mjs` builds when stale,
// `--force` always. No type check here (that is `npm test`'s job), which keeps synthesis fast.
// Dependencies stay external: bundling them makes each run slightly faster but every build
// after an edit about 0.5 s slower, a net loss.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const ENTRY_POINTS = ['main', 'compliance/cli', 'outputs/cli', 'db-bootstrap-sql'];
const root = resolve(import.meta.dirname, '..');
const STAMP = join(root, 'dist', '.inputs-sha256');
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];

function filesUnder(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      return entry.isDirectory() ? filesUnder(path) : [path];
    });
}

/** The hash of everything a bundle depends on. */
export function inputsHash() {
  const hash = createHash('sha256');
  hash.update(`node ${process.version}\0entries ${ENTRY_POINTS.join(',')}\0`);
  for (const file of [...INPUT_FILES, ...filesUnder('src')]) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const outputs = () => ENTRY_POINTS.map((name) => join(root, 'dist', `${name}.js`));

/** Bundles every entry point, whatever the stamp says, and records the inputs' hash. */
export async function bundle(hash = inputsHash()) {
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS.map((name) => `src/${name}.ts`),
    outbase: 'src',
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    packages: 'external',
  });
  writeFileSync(STAMP, hash);
}

/** Bundles when an input changed since the last build (or dist/ lacks a bundle). */
export async function ensureBuilt() {
  const hash = inputsHash();
  const fresh =
    existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash && outputs().every(existsSync);
  if (!fresh) await bundle(hash);
  return !fresh;
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(import.meta.filename)) {
  const force = process.argv.includes('--force');
  const unknown = process.argv.slice(2).filter((arg) => arg !== '--force');
  if (unknown.length > 0) {
    console.error(
      `build: unknown argument ${unknown.join(' ')} (usage: node scripts/build.mjs [--force])`,
    );
    process.exit(2);
  }
  const built = force ? (await bundle(), true) : await ensureBuilt();
  console.log(
    built ? 'dist/ rebuilt' : `dist/ up to date (inputs unchanged: ${relative(root, STAMP)})`,
  );
}
