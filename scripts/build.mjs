// Bundles the entry points with esbuild into dist/, only when an input changed: a SHA-256 of
// every file under src/, package.json, package-lock.json, tsconfig.json, this script and the
// Node version, kept in dist/.inputs-sha256. `node scripts/build.mjs` builds when stale,
// `--force` always. No type check here (that is `npm test`'s job), which keeps synthesis fast.
//
// Two kinds of bundle. Each entry point is a small app bundle (our code, rebuilt on every
// edit in tens of milliseconds); the npm packages it imports are bundled once into
// dist/deps.js, rebuilt only when the lock file, the Node version or the set of imported
// modules changes. Loading one bundled file instead of hundreds of node_modules files makes
// every run faster; rebundling the packages on every edit would cost about half a second.
// Each package module inside deps.js is initialized only when first required.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const ENTRY_POINTS = [
  'synth',
  'check',
  'outputs',
  'db-bootstrap-sql',
  'db-bootstrap',
  'cost',
  'resilience',
  'deploy',
  'bootstrap',
  'test-terraform',
  'verify',
  'rehearse',
  'env-migrate',
  'config-docs',
  'drift',
  'deploy-policy',
  'ci-identity',
];
// The AWS SDK, which only `npm run verify` and `npm run db:bootstrap` use, stays in node_modules: in dist/deps.js it
// would make the file every synthesis loads several times larger.
const UNBUNDLED = /^@aws-sdk\//;
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

const outputs = () => [
  DEPS,
  ...ENTRY_POINTS.map((name) => join(root, 'dist', 'cli', `${name}.js`)),
];
const DEPS = join(root, 'dist', 'deps.js');
const DEPS_STAMP = join(root, 'dist', '.deps-sha256');

/**
 * esbuild options for an app bundle at `outfile`: every npm package it imports comes from
 * dist/deps.js; the names imported are added to `packages`.
 */
export function appBundleOptions(outfile, packages) {
  const depsPath = relative(dirname(outfile), DEPS).split(sep).join('/');
  return {
    absWorkingDir: root,
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    // Linked source maps: with --debug, scripts/run.mjs turns them on, so a defect's stack
    // names src/ files and lines rather than positions in the bundle.
    sourcemap: 'linked',
    banner: {
      js: `var __packages = require(require("node:path").join(__dirname, ${JSON.stringify(depsPath)}));`,
    },
    plugins: [
      {
        name: 'packages-from-deps-bundle',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
            if (isBuiltin(args.path)) return undefined;
            if (UNBUNDLED.test(args.path)) return { path: args.path, external: true };
            packages.add(args.path);
            return { path: args.path, namespace: 'package' };
          });
          esbuild.onLoad({ filter: /.*/, namespace: 'package' }, (args) => ({
            contents: `module.exports = __packages(${JSON.stringify(args.path)});`,
            loader: 'js',
          }));
        },
      },
    ],
  };
}

/** Bundles the packages the app bundles import into dist/deps.js, unless it has them already. */
export async function bundlePackages(packages) {
  const names = [...packages].sort();
  const hash = createHash('sha256')
    .update(`node ${process.version}\0${names.join('\0')}\0`)
    .update(readFileSync(join(root, 'package-lock.json')))
    .update(readFileSync(join(root, 'scripts', 'build.mjs')))
    .digest('hex');
  if (existsSync(DEPS) && existsSync(DEPS_STAMP) && readFileSync(DEPS_STAMP, 'utf8') === hash)
    return;
  const { build } = await import('esbuild');
  const loaders = names.map((n) => `  ${JSON.stringify(n)}: () => require(${JSON.stringify(n)}),`);
  await build({
    absWorkingDir: root,
    stdin: {
      contents: [
        'const packages = {',
        ...loaders,
        '};',
        'module.exports = (name) => {',
        '  if (!packages[name]) throw new Error(`dist/deps.js lacks ${name}: run npm run build`);',
        '  return packages[name]();',
        '};',
      ].join('\n'),
      resolveDir: root,
      loader: 'js',
    },
    outfile: DEPS,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  writeFileSync(DEPS_STAMP, hash);
}

/** Bundles every entry point, whatever the stamp says, and records the inputs' hash. */
export async function bundle(hash = inputsHash()) {
  const { build } = await import('esbuild');
  const packages = new Set();
  await Promise.all(
    ENTRY_POINTS.map((name) =>
      build({
        ...appBundleOptions(join(root, 'dist', 'cli', `${name}.js`), packages),
        entryPoints: [`src/cli/${name}.ts`],
      }),
    ),
  );
  await bundlePackages(packages);
  writeFileSync(STAMP, hash);
}

/**
 * One build at a time: `dist.lock` beside dist/, made with mkdir (the protocol of
 * src/synth/lock.ts: owner.json names the holder; a holder whose process is gone left a stale
 * lock, which the next run removes). Two commands started together after a source change
 * would otherwise both write dist/, and one could load the other's half-written bundle.
 */
const BUILD_LOCK = join(root, 'dist.lock');
const BUILD_LOCK_TIMEOUT_MS = 300_000;

async function withBuildLock(fn) {
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      writeFileSync(
        join(BUILD_LOCK, 'owner.json'),
        JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }),
      );
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let owner;
    try {
      owner = JSON.parse(readFileSync(join(BUILD_LOCK, 'owner.json'), 'utf8'));
    } catch {
      owner = undefined;
    }
    let alive = true;
    if (owner?.host === hostname()) {
      try {
        process.kill(owner.pid, 0);
      } catch (error) {
        alive = error.code !== 'ESRCH';
      }
    }
    if (!alive) {
      rmSync(BUILD_LOCK, { recursive: true, force: true });
      continue;
    }
    const who = owner ? `process ${owner.pid} (since ${owner.since})` : 'another build';
    if (Date.now() - started > BUILD_LOCK_TIMEOUT_MS)
      throw new Error(
        `dist/ is being rebuilt by ${who} for too long; if it is gone, remove ${BUILD_LOCK}`,
      );
    if (!told) process.stderr.write(`Waiting for ${who}, which is rebuilding dist/...\n`);
    told = true;
    await new Promise((done) => setTimeout(done, 100));
  }
  try {
    return await fn();
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

const isFresh = (hash) =>
  existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash && outputs().every(existsSync);

/** Bundles when an input changed since the last build (or dist/ lacks a bundle). */
export async function ensureBuilt() {
  const hash = inputsHash();
  if (isFresh(hash)) return false;
  // Checked again under the lock: another run may have built it while this one waited.
  return withBuildLock(async () => {
    if (isFresh(hash)) return false;
    rmSync(STAMP, { force: true });
    await bundle(hash);
    return true;
  });
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
  const built = force
    ? await withBuildLock(async () => (await bundle(), true))
    : await ensureBuilt();
  console.log(
    built ? 'dist/ rebuilt' : `dist/ up to date (inputs unchanged: ${relative(root, STAMP)})`,
  );
}
