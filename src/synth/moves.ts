/**
 * The committed moves file of a stack, `moves/<stack>.json`: resources whose address changed
 * (a renamed construct) and that Terraform must move in its state instead of destroying and
 * re-creating. Synthesis turns each entry into a top-level `moved` block of the stack's
 * Terraform JSON (https://developer.hashicorp.com/terraform/language/moved); `npm run diff --
 * --git <ref> --write-moves` records them (src/review/diff/moves.ts finds them).
 *
 * Entries stay: a `moved` block whose `from` the state never held is a no-op, so dev, staging
 * and prod can each be deployed whenever they are. A stack without a moves file synthesizes
 * exactly as before (no `moved` key at all).
 *
 * Checked before anything is written, each failure an input error naming the file, the entry
 * and the rule: `to` must be a resource the stack declares (or the `from` of a later entry,
 * a chain), `from` must not be declared any more (Terraform refuses a moved block whose source
 * is still in the configuration), both of one resource type, each address moved once.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/write-atomic';
import { InputProblem } from '../errors/problems';

/** Folder of the moves files, at the project root (not under config/: every *.json there is an environment). */
export const MOVES_DIR = 'moves';

export interface MoveEntry {
  readonly from: string;
  readonly to: string;
  /** What the two addresses share (`aws_s3_bucket bucket=...`), for the reviewer. */
  readonly identity?: string;
  /** Why it was recorded (how it was matched). */
  readonly reason?: string;
  /** When it was recorded, `YYYY-MM-DD`. */
  readonly recorded?: string;
}

export class MovesFileError extends InputProblem {}

const ADDRESS = /^[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*$/;
const KEYS = new Set(['from', 'to', 'identity', 'reason', 'recorded']);
const EXAMPLE =
  '{"moves": [{"from": "aws_s3_bucket.Assets_Bucket_B348DC00", "to": "aws_s3_bucket.Media_Bucket_0C1D2E3F", "identity": "aws_s3_bucket bucket=payment-assets-dev", "reason": "construct Assets renamed Media"}]}';

/** `moves/<stack>.json`, relative to the project root. */
export function movesFilePath(stack: string): string {
  return join(MOVES_DIR, `${stack}.json`);
}

/** The entries of a stack's moves file; none when it has no file. Throws MovesFileError. */
export function readMovesFile(projectRoot: string, stack: string): MoveEntry[] | undefined {
  const shown = movesFilePath(stack);
  const path = join(projectRoot, shown);
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MovesFileError(
      `${shown}: not valid JSON (${(error as Error).message}). Expected for example: ${EXAMPLE}`,
    );
  }
  return parseMoves(shown, parsed);
}

/** Checks the shape of a moves file: `{"moves": [{from, to, identity?, reason?, recorded?}]}`. */
export function parseMoves(file: string, parsed: unknown): MoveEntry[] {
  const moves =
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)['moves']
      : undefined;
  const extra =
    parsed !== null && typeof parsed === 'object'
      ? Object.keys(parsed).filter((k) => k !== 'moves')
      : [];
  if (!Array.isArray(moves) || extra.length > 0)
    throw new MovesFileError(
      `${file}: must be an object with one key, "moves", a list of entries${extra.length > 0 ? ` (unknown key ${extra.map((k) => `"${k}"`).join(', ')})` : ''}. Example: ${EXAMPLE}`,
    );
  const entries: MoveEntry[] = [];
  moves.forEach((raw: unknown, i) => {
    const where = `${file}: moves[${i}]`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw new MovesFileError(`${where} is not an object. Example: ${EXAMPLE}`);
    const entry = raw as Record<string, unknown>;
    const unknown = Object.keys(entry).filter((k) => !KEYS.has(k));
    if (unknown.length > 0)
      throw new MovesFileError(
        `${where}: unknown key ${unknown.map((k) => `"${k}"`).join(', ')}; an entry has from, to and optionally identity, reason, recorded. Example: ${EXAMPLE}`,
      );
    for (const key of ['from', 'to'] as const) {
      const value = entry[key];
      if (typeof value !== 'string' || !ADDRESS.test(value))
        throw new MovesFileError(
          `${where}: "${key}" ${JSON.stringify(value)} is not a resource address (type.name, for example aws_s3_bucket.Assets_Bucket_B348DC00). Example: ${EXAMPLE}`,
        );
    }
    for (const key of ['identity', 'reason', 'recorded'] as const) {
      if (entry[key] !== undefined && typeof entry[key] !== 'string')
        throw new MovesFileError(
          `${where}: "${key}" ${JSON.stringify(entry[key])} must be a string`,
        );
    }
    if (entry['recorded'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(entry['recorded'] as string))
      throw new MovesFileError(
        `${where}: "recorded" ${JSON.stringify(entry['recorded'])} must be a date YYYY-MM-DD, for example "2026-12-06"`,
      );
    entries.push(entry as unknown as MoveEntry);
  });
  return entries;
}

/** `aws_s3_bucket.X` -> `aws_s3_bucket`. */
function typeOf(address: string): string {
  return address.slice(0, address.indexOf('.'));
}

/**
 * The rules that hold between the entries and the stack's resources (`declared`: every
 * `type.name` the stack declares). Throws MovesFileError naming the first entry that breaks one.
 */
export function checkMoves(
  file: string,
  entries: readonly MoveEntry[],
  declared: ReadonlySet<string>,
): void {
  const froms = new Map<string, number>();
  const tos = new Map<string, number>();
  entries.forEach((e, i) => {
    const where = `${file}: moves[${i}] (from ${e.from} to ${e.to})`;
    const fail = (rule: string) => {
      throw new MovesFileError(`${where}: ${rule}`);
    };
    if (e.from === e.to) fail('"from" and "to" are the same address; remove the entry');
    if (typeOf(e.from) !== typeOf(e.to))
      fail(
        `"from" is a ${typeOf(e.from)} and "to" a ${typeOf(e.to)}; a move keeps the resource type (a different type is a new resource)`,
      );
    if (froms.has(e.from))
      fail(`${e.from} is already moved by moves[${froms.get(e.from)}]; an address moves once`);
    if (tos.has(e.to))
      fail(
        `moves[${tos.get(e.to)}] already moves a resource to ${e.to}; two resources cannot become one`,
      );
    froms.set(e.from, i);
    tos.set(e.to, i);
    if (declared.has(e.from))
      fail(
        `"from" ${e.from} is still a resource of the stack; Terraform refuses a moved block whose source is declared. Remove the entry if the resource came back under its old name`,
      );
  });
  entries.forEach((e, i) => {
    // A chain (A -> B, then B -> C) is allowed: Terraform follows it.
    if (!declared.has(e.to) && !froms.has(e.to))
      throw new MovesFileError(
        `${file}: moves[${i}] (from ${e.from} to ${e.to}): "to" ${e.to} is not a resource of the stack; a moved block must end at a resource the stack declares. Fix the address, or remove the entry if that resource was deleted on purpose`,
      );
  });
}

/** Every `type.name` of the `resource` section of a Terraform JSON document. */
export function declaredResources(doc: Record<string, unknown>): Set<string> {
  const section = doc['resource'];
  const declared = new Set<string>();
  if (section && typeof section === 'object')
    for (const [type, byName] of Object.entries(section as Record<string, unknown>))
      if (byName && typeof byName === 'object')
        for (const name of Object.keys(byName)) declared.add(`${type}.${name}`);
  return declared;
}

/**
 * The document with its moves file's `moved` blocks, or the same object untouched when the
 * stack has no moves file. Throws MovesFileError.
 */
export function withMovedBlocks(
  doc: Record<string, unknown>,
  projectRoot: string,
  stack: string,
): Record<string, unknown> {
  const entries = readMovesFile(projectRoot, stack);
  if (entries === undefined) return doc;
  checkMoves(movesFilePath(stack), entries, declaredResources(doc));
  if (entries.length === 0) return doc;
  return { ...doc, moved: entries.map((e) => ({ from: e.from, to: e.to })) };
}

/**
 * Adds the moves file's `moved` blocks to a synthesized stack file in place. Nothing is
 * rewritten when the stack has no moves file, so its bytes stay exactly cdktn's.
 */
export function applyMovesFile(
  projectRoot: string,
  stack: string,
  synthesizedFile: string,
): number {
  const doc = JSON.parse(readFileSync(synthesizedFile, 'utf8')) as Record<string, unknown>;
  const moved = withMovedBlocks(doc, projectRoot, stack);
  if (moved === doc) return 0;
  writeFileAtomic(synthesizedFile, JSON.stringify(moved, null, 2));
  return (moved['moved'] as unknown[]).length;
}

/**
 * Applies the moves file of each of `stacks` to its synthesized file in a staging folder
 * (`<staging>/stacks/<name>/cdk.tf.json`). Every synthesis that writes stacks (the
 * environments, src/synth/synthesize.ts; the account baseline, src/synth/account.ts; the
 * state bucket, src/deploy/bootstrap.ts) calls it between `app.synth()` and placing the
 * output, so a bad entry (MovesFileError) leaves the output folder as it was.
 */
export function applyMovesFiles(
  projectRoot: string,
  staging: string,
  stacks: readonly string[],
): void {
  for (const stack of stacks)
    applyMovesFile(projectRoot, stack, join(staging, 'stacks', stack, 'cdk.tf.json'));
}

/**
 * Adds `entries` to the stack's moves file (created if missing), skipping those it already
 * holds. Refuses (MovesFileError) an entry that contradicts one recorded: the same `from` to
 * another `to`, or another `from` to the same `to`. Returns the entries added.
 */
export function recordMoves(
  projectRoot: string,
  stack: string,
  entries: readonly MoveEntry[],
): MoveEntry[] {
  const existing = readMovesFile(projectRoot, stack) ?? [];
  const added: MoveEntry[] = [];
  for (const e of entries) {
    const same = existing.find((x) => x.from === e.from && x.to === e.to);
    if (same) continue;
    const clash = existing.find((x) => x.from === e.from || x.to === e.to);
    if (clash)
      throw new MovesFileError(
        `${movesFilePath(stack)}: already moves ${clash.from} to ${clash.to}; refusing to add ${e.from} to ${e.to}. Edit the file by hand if the earlier entry is wrong`,
      );
    added.push(e);
  }
  if (added.length === 0) return added;
  mkdirSync(join(projectRoot, MOVES_DIR), { recursive: true });
  writeFileAtomic(
    join(projectRoot, movesFilePath(stack)),
    `${JSON.stringify({ moves: [...existing, ...added] }, null, 2)}\n`,
  );
  return added;
}
