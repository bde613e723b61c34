/**
 * Line diff of two texts (longest common subsequence), for decoded user data and other
 * embedded documents. Inputs here are small (user data scripts), so the quadratic table is fine.
 */

export interface DiffLine {
  readonly op: ' ' | '+' | '-';
  readonly text: string;
}

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: '-', text: a[i++]! });
    else out.push({ op: '+', text: b[j++]! });
  }
  while (i < a.length) out.push({ op: '-', text: a[i++]! });
  while (j < b.length) out.push({ op: '+', text: b[j++]! });
  return out;
}

/** The changed lines with `context` unchanged lines around each change; gaps shown as `...`. */
export function hunks(lines: readonly DiffLine[], context = 2): DiffLine[] {
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++)
      keep[k] = true;
  });
  const out: DiffLine[] = [];
  let skipped = false;
  lines.forEach((l, i) => {
    if (keep[i]) {
      out.push(l);
      skipped = false;
    } else if (!skipped) {
      out.push({ op: ' ', text: '...' });
      skipped = true;
    }
  });
  return out;
}

/** Decodes base64 when the value is base64 of printable UTF-8 text; otherwise undefined. */
export function decodeBase64Text(value: string): string | undefined {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value))
    return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  // Printable text only: tabs, newlines and no replacement characters from invalid UTF-8.
  return /^[\t\n\r\x20-\x7E\u00A0-\uFFFC]*$/.test(text) ? text : undefined;
}
