// Renders each docs/architecture-<env>.svg to tmp/architecture-<env>.png with resvg, to look
// at the diagram as a person would (labels legible, nothing overlapping, tiers top to bottom)
// without a browser. Only the font the project ships (Arimo, @expo-google-fonts/arimo) is
// loaded, never the system's, so the PNG is the same on every machine.
// Usage: npm run diagram:png [-- --width 2400] (builds dist/review/diagram/png.js first)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const { renderPng } = createRequire(import.meta.url)('../dist/review/diagram/png.js');
const at = process.argv.indexOf('--width');
const width = at >= 0 ? Number(process.argv[at + 1]) : 2400;
if (!Number.isInteger(width) || width < 100) {
  console.error(
    `diagram:png: --width must be a whole number of pixels, at least 100 (got "${process.argv[at + 1]}"). Example: --width 2400`,
  );
  process.exit(2);
}
mkdirSync('tmp', { recursive: true });
for (const file of readdirSync('docs').filter((f) => /^architecture-.*\.svg$/.test(f))) {
  const started = performance.now();
  const result = renderPng(readFileSync(join('docs', file), 'utf8'), width);
  const out = join('tmp', file.replace(/\.svg$/, '.png'));
  writeFileSync(out, result.png);
  console.log(
    `${out}: ${result.width}x${result.height} px, ${Math.round(result.png.length / 1024)} KB, ${Math.round(performance.now() - started)} ms`,
  );
}
