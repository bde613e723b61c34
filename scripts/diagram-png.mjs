// Renders each docs/architecture-<env>.svg to tmp/architecture-<env>.png with resvg, to look
// at the diagram as a person would (labels legible, nothing overlapping, tiers top to bottom)
// without a browser. Labels use Helvetica metrics: resvg falls back to Liberation Sans
// (metric-compatible; Debian package fonts-liberation) when the system has it.
// Usage: npm run diagram:png [-- --width 2400]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Resvg } from '@resvg/resvg-js';

const at = process.argv.indexOf('--width');
const width = at >= 0 ? Number(process.argv[at + 1]) : 2400;
mkdirSync('tmp', { recursive: true });
for (const file of readdirSync('docs').filter((f) => /^architecture-.*\.svg$/.test(f))) {
  const started = performance.now();
  const svg = new Resvg(readFileSync(join('docs', file), 'utf8'), {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' },
  });
  const png = svg.render().asPng();
  const out = join('tmp', file.replace(/\.svg$/, '.png'));
  writeFileSync(out, png);
  console.log(
    `${out}: ${svg.width}x${svg.height} px, ${Math.round(png.length / 1024)} KB, ${Math.round(performance.now() - started)} ms`,
  );
}
