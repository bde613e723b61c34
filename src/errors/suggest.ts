/** "Did you mean": the known word nearest to a typo, if it is near enough to be what was meant. */
export function closest(word: string, known: readonly string[]): string | undefined {
  // A word cut short (`p99Latency` for `p99LatencySeconds`) is far in edit distance.
  const lower = word.toLowerCase();
  const extended = known.filter((k) => lower.length >= 4 && k.toLowerCase().startsWith(lower));
  if (extended.length === 1) return extended[0];
  let best: { word: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { word: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.word : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}
