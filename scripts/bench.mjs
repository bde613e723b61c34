// `npm run bench`: how long synthesis takes and how much memory it needs on this machine,
// side by side with the AWS CDK version of the same system (the peer).
//
// Rows, each the median wall time of BENCH_RUNS runs (default 7) and the peak RSS of any
// Node process of those runs (scripts/max-rss.cjs, preloaded through NODE_OPTIONS):
//   npm run synth, warm         nothing changed since the last build
//   npm run synth, after edit   a source file changed, so the bundle is rebuilt
//   npm run synth, fresh clone  no dist/ and no cdktf.out/
//   synthesis alone             one node process, no npm, no build check, no gate
//   AWS CDK peer, default       `node dist/main.js` of the peer (its template validation on)
//   AWS CDK peer, no validation the same with CDK_VALIDATION=false
// then the gate alone (scripts/bench-check.mjs, in process, median of 15) and the targets.
// Runs are interleaved (one of each row per round), so load on a shared machine falls on
// every row alike. Everything runs in a scratch copy of the project (node_modules linked):
// the project's own dist/, cdktf.out/ and sources are never touched.
//
// The peer is installed into a scratch folder, never into this project: BENCH_PEER_DIR
// (default /tmp/payment-cdk-peer), copied from BENCH_PEER_SOURCE (default
// ../shared/peers/aws-cdk) and built with `npm ci && npx tsc` the first time. Without a
// source the peer rows are skipped.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const root = resolve(import.meta.dirname, '..');
const preload = join(root, 'scripts', 'max-rss.cjs');
const peerSource = resolve(root, process.env.BENCH_PEER_SOURCE ?? '../shared/peers/aws-cdk');
const peerDir = process.env.BENCH_PEER_DIR ?? '/tmp/payment-cdk-peer';
const scratch = mkdtempSync(join(tmpdir(), 'payment-bench-'));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function sh(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  if (result.status !== 0) {
    console.error(`bench: ${command} ${args.join(' ')} failed in ${cwd}:\n${result.stderr}`);
    process.exit(1);
  }
}

// The project, copied: each row prepares it as its scenario needs.
const copy = join(scratch, 'project');
for (const path of [
  'src',
  'scripts',
  'compliance',
  'config',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'cdktf.json',
]) {
  if (existsSync(join(root, path))) cpSync(join(root, path), join(copy, path), { recursive: true });
}
symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
sh(process.execPath, ['scripts/build.mjs'], copy);

// Synthesis alone: the same function `npm run synth` calls, without the gate.
// Outside dist/, which the fresh-clone row deletes; deps.js is rebuilt by that row's run.
const synthOnly = join(copy, 'bench-synth-only.cjs');
// Bundled as the entry points are (scripts/build.mjs): packages from the copy's dist/deps.js.
const { appBundleOptions } = await import(join(copy, 'scripts', 'build.mjs'));
await build({
  ...appBundleOptions(synthOnly, new Set()),
  stdin: {
    contents: `const { runSynth } = require('../src/synth/command');
process.exitCode = runSynth({ all: false }, { cwd: process.cwd(), env: process.env,
  stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).code;`,
    resolveDir: copy,
    loader: 'ts',
  },
});

let peer = existsSync(join(peerDir, 'dist', 'main.js'));
if (!peer && existsSync(join(peerSource, 'package.json'))) {
  console.log(`installing the AWS CDK peer into ${peerDir} (once)...`);
  cpSync(peerSource, peerDir, { recursive: true });
  sh('npm', ['ci', '--no-audit', '--no-fund'], peerDir);
  sh('npx', ['--no-install', 'tsc'], peerDir);
  peer = true;
}

let edits = 0;
const rows = [
  { label: 'npm run synth, warm', command: 'npm', args: ['run', '--silent', 'synth'] },
  {
    label: 'npm run synth, after an edit',
    command: 'npm',
    args: ['run', '--silent', 'synth'],
    // A new comment in a source file: a real edit, so the content hash changes.
    before: () =>
      appendFileSync(join(copy, 'src', 'cli', 'synth.ts'), `// bench edit ${++edits}\n`),
  },
  {
    label: 'npm run synth, fresh clone',
    command: 'npm',
    args: ['run', '--silent', 'synth'],
    before: () => {
      rmSync(join(copy, 'dist'), { recursive: true, force: true });
      rmSync(join(copy, 'cdktf.out'), { recursive: true, force: true });
    },
  },
  { label: 'synthesis alone (node, no gate)', command: process.execPath, args: [synthOnly] },
];
if (peer) {
  const peerOut = join(scratch, 'peer-out');
  const peerRow = (label, env) => ({
    label,
    command: process.execPath,
    args: ['dist/main.js'],
    cwd: peerDir,
    env: { OUTDIR: peerOut, ...env },
    before: () => rmSync(peerOut, { recursive: true, force: true }),
  });
  rows.push(peerRow('AWS CDK peer, default synth', {}));
  rows.push(peerRow('AWS CDK peer, validation off', { CDK_VALIDATION: 'false' }));
}

function once(row) {
  row.before?.();
  const rssFile = join(scratch, `rss-${row.label.replace(/\W+/g, '-')}`);
  const start = process.hrtime.bigint();
  const result = spawnSync(row.command, row.args, {
    cwd: row.cwd ?? copy,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...row.env,
      NODE_OPTIONS: `--require ${preload}`,
      BENCH_RSS_FILE: rssFile,
    },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    console.error(`bench: ${row.label} failed:\n${result.stderr}${result.stdout.slice(-2000)}`);
    process.exit(1);
  }
  return ms;
}

console.log(
  `node ${process.version}, ${RUNS} rounds, rows interleaved; ${peer ? '' : 'no AWS CDK peer (skipped); '}medians\n`,
);
// Progress on standard error, a line per round (a full bench takes a minute or more).
const benchStart = process.hrtime.bigint();
const progress = (what) =>
  process.stderr.write(
    `bench: ${what} (${(Number(process.hrtime.bigint() - benchStart) / 1e9).toFixed(0)} s)\n`,
  );
// One warm-up round, not counted: the first runs fill the file cache.
for (const row of rows) once(row);
progress(`warm-up round done, ${rows.length} rows`);
const times = new Map(rows.map((row) => [row.label, []]));
for (let i = 0; i < RUNS; i++) {
  for (const row of rows) times.get(row.label).push(once(row));
  progress(`round ${i + 1} of ${RUNS} done`);
}

const results = {};
for (const row of rows) {
  const rssFile = join(scratch, `rss-${row.label.replace(/\W+/g, '-')}`);
  const peakKiB = existsSync(rssFile)
    ? Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number))
    : 0;
  const ms = median(times.get(row.label));
  results[row.label] = { ms, rssMB: peakKiB / 1024 };
  console.log(
    `${row.label.padEnd(34)} median ${String(Math.round(ms)).padStart(6)} ms   peak RSS ${String(Math.round(peakKiB / 1024)).padStart(4)} MB`,
  );
}

const gate = spawnSync(process.execPath, [join(copy, 'scripts', 'bench-check.mjs'), 'cdktf.out'], {
  cwd: copy,
  encoding: 'utf8',
});
process.stdout.write(`\n${gate.stdout}`);
if (gate.status !== 0) process.stderr.write(gate.stderr);

const warm = results['npm run synth, warm'].ms;
const alone = results['synthesis alone (node, no gate)'].ms;
const ours = rows.filter((r) => !r.label.startsWith('AWS CDK')).map((r) => results[r.label]);
const rss = Math.max(...ours.map((r) => r.rssMB));
const targets = [
  [`synthesis alone <= 300 ms`, alone <= 300, `${Math.round(alone)} ms`],
  [`peak RSS <= 150 MB`, rss <= 150, `${Math.round(rss)} MB`],
];
if (peer) {
  const peerDefault = results['AWS CDK peer, default synth'].ms;
  const peerFast = results['AWS CDK peer, validation off'].ms;
  targets.unshift(
    [
      `warm npm run synth <= 0.20x peer default`,
      warm <= 0.2 * peerDefault,
      `${(warm / peerDefault).toFixed(2)}x`,
    ],
    [
      `warm npm run synth < peer without validation`,
      warm < peerFast,
      `${(warm / peerFast).toFixed(2)}x`,
    ],
  );
}
console.log('\ntargets:');
for (const [name, met, value] of targets)
  console.log(`  ${met ? 'met ' : 'MISS'}  ${name.padEnd(46)} ${value}`);
rmSync(scratch, { recursive: true, force: true });
