// `npm run bench`: how long synthesis takes and how much memory it needs, on this machine.
//   1. `npm run synth` end to end, exactly as a user runs it (bundle step included);
//   2. the synthesis alone (`node dist/main.js`) for dev, staging and prod;
//   3. the compliance gate over the synthesized stacks, when it exists.
// Each is run several times; the median wall time and the peak RSS of any Node process are
// printed. Targets: end to end < 1.5 s and < 300 MB; synthesis < 0.6 s; gate < 300 ms.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const root = resolve(import.meta.dirname, '..');
const preload = join(root, 'scripts', 'max-rss.cjs');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measure(label, command, args, env = {}, cwd = root) {
  const times = [];
  let peakKiB = 0;
  for (let i = 0; i < RUNS; i++) {
    const rssFile = join(mkdtempSync(join(tmpdir(), 'bench-')), 'rss');
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        ...env,
        NODE_OPTIONS: `--require ${preload}`,
        BENCH_RSS_FILE: rssFile,
      },
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) {
      console.error(`${label} failed:\n${result.stderr}`);
      process.exit(1);
    }
    times.push(ms);
    if (existsSync(rssFile)) {
      for (const line of readFileSync(rssFile, 'utf8').trim().split('\n')) {
        peakKiB = Math.max(peakKiB, Number(line));
      }
    }
  }
  const row = { label, medianMs: Math.round(median(times)), peakRssMB: Math.round(peakKiB / 1024) };
  console.log(
    `${label.padEnd(44)} median ${String(row.medianMs).padStart(5)} ms   peak RSS ${String(row.peakRssMB).padStart(4)} MB   (${RUNS} runs)`,
  );
  return row;
}

console.log(`node ${process.version}, ${RUNS} runs each\n`);
measure('npm run synth (end to end, default dev)', 'npm', ['run', '--silent', 'synth']);
const outdirs = {};
for (const profile of ['dev', 'staging', 'prod']) {
  const cwd = mkdtempSync(join(tmpdir(), `bench-${profile}-`));
  outdirs[profile] = cwd;
  const env = { ENVIRONMENT: profile };
  if (profile === 'prod') {
    // Prod refuses to synthesize without a real certificate: a stand-in ARN.
    const arn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0e5e4a57-c249-4249-aafc-3b40fcd541e9';
    writeFileSync(join(cwd, 'prod.json'), JSON.stringify({ certificate: { certificateArn: arn } }));
    env.CONFIG_FILE = join(cwd, 'prod.json');
  }
  measure(
    `synthesis only: ${profile}`,
    process.execPath,
    [join(root, 'dist', 'main.js')],
    env,
    cwd,
  );
}
const gate = join(root, 'scripts', 'bench-check.mjs');
if (existsSync(gate)) {
  const result = spawnSync(process.execPath, [gate, join(root, 'cdktf.out')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
for (const dir of Object.values(outdirs)) rmSync(dir, { recursive: true, force: true });
