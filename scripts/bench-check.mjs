// Times the compliance gate over every stack in a synthesized folder, excluding synthesis:
// read and parse the JSON, build the reference graphs, run every rule, apply suppressions
// and render the table. Prints the median of several runs (each with a cold expression
// cache). Usage: node scripts/bench-check.mjs [--dir cdktf.out] [--runs 15]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const dir = option('--dir', args[0] && !args[0].startsWith('--') ? args[0] : 'cdktf.out');
const runs = Number(option('--runs', '15'));
const suppressionsPath = 'compliance/suppressions.json';

const bundle = await build({
  entryPoints: ['src/compliance/api.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  write: false,
  packages: 'external',
  logLevel: 'warning',
});
// Written under dist/ (ignored) so that its dependencies resolve from node_modules.
mkdirSync('dist/compliance', { recursive: true });
const file = join(process.cwd(), 'dist', 'compliance', 'bench-api.cjs');
writeFileSync(file, bundle.outputFiles[0].text);
const gate = createRequire(file)(file);

const suppressionText = existsSync(suppressionsPath)
  ? readFileSync(suppressionsPath, 'utf8')
  : undefined;

function once() {
  gate.clearParseCache();
  const start = performance.now();
  const stacks = gate.loadStacks(dir);
  const report = gate.evaluate(
    stacks.map((s) => s.graph),
    gate.RULES,
    gate.parseSuppressions(suppressionsPath, suppressionText),
  );
  gate.renderTable(report, { colour: false, failOn: 'high' });
  return { ms: performance.now() - start, report, stacks };
}

let first;
try {
  first = once();
} catch (error) {
  console.error(`bench-check: ${error.message}`);
  process.exit(2);
}
const times = [];
for (let i = 0; i < runs; i++) times.push(once().ms);
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const resources = first.report.stacks.reduce((n, s) => n + s.resourceCount, 0);
console.log(
  `compliance gate: ${first.report.rules.length} rules over ${first.stacks.length} stack(s), ${resources} resources in ${dir}`,
);
console.log(
  `  median ${median.toFixed(1)} ms over ${runs} runs (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}; first run ${first.ms.toFixed(1)} ms); target < 300 ms`,
);
process.exitCode = median < 300 ? 0 : 1;
