/**
 * What a command writes, captured for a test: `out` and `err` collect every write of
 * `streams.stdout` and `streams.stderr`, which go into the command's io object.
 */
export function capturedOutput() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    streams: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) },
  };
}
