// Preloaded into every Node process of a benchmark run (through NODE_OPTIONS): appends the
// process's peak resident set size, in KiB, to the file named by BENCH_RSS_FILE.
const { appendFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
});
