/**
 * Where a generated report came from: when, from which commit, by which gate version. The
 * auditor reading `docs/compliance.md` needs it; the test comparing that file with the gate's
 * output takes it from the committed file, so a new commit or day does not fail it.
 */
import { spawnSync } from 'node:child_process';

export interface Provenance {
  /** UTC time of generation, to the minute: `2026-12-01 20:40 UTC`. */
  readonly generatedAt: string;
  /** The commit checked out (`git rev-parse --short=12 HEAD`), `+ uncommitted changes` when the tree was dirty, or `unknown`. */
  readonly commit: string;
  readonly gateVersion: string;
}

function git(cwd: string, args: readonly string[]): string | undefined {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

export function currentProvenance(cwd: string, gateVersion: string, now = new Date()): Provenance {
  const head = git(cwd, ['rev-parse', '--short=12', 'HEAD']);
  const dirty = head !== undefined && (git(cwd, ['status', '--porcelain']) ?? '') !== '';
  return {
    generatedAt: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    commit: head === undefined ? 'unknown' : dirty ? `${head} + uncommitted changes` : head,
    gateVersion,
  };
}

const LINE = /^Generated (.+?) from commit (.+?) by [^ ]+ (\S+)\.$/m;

/** The provenance line as the markdown report writes it. */
export function provenanceLine(p: Provenance, toolName: string): string {
  return `Generated ${p.generatedAt} from commit ${p.commit} by ${toolName} ${p.gateVersion}.`;
}

/** Reads the provenance back from a report (undefined when it has none). */
export function parseProvenance(markdown: string): Provenance | undefined {
  const m = LINE.exec(markdown);
  return m ? { generatedAt: m[1]!, commit: m[2]!, gateVersion: m[3]! } : undefined;
}
