/**
 * Maps a resource's construct path (CDK Terrain's `//.metadata.path`, e.g.
 * `payment-dev/LoadBalancer/Alb`) to the line of the project's TypeScript source that creates
 * it, so that SARIF results point at a file tracked in the repository rather than at the
 * git-ignored `cdktf.out`. The gate still imports no construct: it reads the source as text.
 *
 * Each construct id in the path is looked up among the `new X(this, 'Id', ...)` (and
 * `helper(this, 'Id', ...)`) calls of the file that defines the construct one level up; the
 * stack's own children are created in `src/stacks/`. A template-literal id
 * (`` `PrivateSubnet${az}` ``) matches as a pattern; when two creations fit (the EC2 and the
 * Fargate app tier are both `App`), the one under which more of the path resolves wins.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Finding } from './engine';
import type { LoadedStack } from '../tfjson/load';
import { lineOf } from '../tfjson/load';
import type { SarifLocator } from './reporters/sarif';

export interface SourceLocation {
  /** Path relative to the project root, with forward slashes. */
  readonly file: string;
  /** 1-based line of the creating call. */
  readonly line: number;
}

interface Creation extends SourceLocation {
  /** Class (after `new`) or helper function called. */
  readonly callee: string;
  readonly isNew: boolean;
  /** Matches the construct id; undefined when the id is not a literal (any id fits). */
  readonly id: RegExp | undefined;
}

/** `new X(this, 'Id'`, `helper(scope, \`Id${n}\``, `new X(this, id` ... */
const CREATION =
  /(new\s+)?\b([A-Za-z_$][\w$]*)\(\s*(?:this|scope)\s*,\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`[^`]*`|[A-Za-z_$][\w$.]*)\s*[,)]/g;
/** Calls that look like creations but are not (a construct passing its own scope up). */
const NOT_CALLEES = new Set(['super', 'if', 'for', 'while', 'switch', 'return']);
const CLASS = /\bexport\s+class\s+([A-Za-z_$][\w$]*)/g;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The id argument as a pattern: literal text exact, `${...}` any characters. */
function idPattern(literal: string, prefix: boolean): RegExp | undefined {
  const quote = literal[0];
  if (quote !== "'" && quote !== '"' && quote !== '`') return undefined;
  const body = literal.slice(1, -1);
  const source =
    quote === '`'
      ? body
          .split(/\$\{[^}]*\}/)
          .map(escape)
          .join('.*')
      : escape(body);
  // A helper derives further ids from the one it is given (`${id}Policy`).
  return new RegExp(`^${source}${prefix ? '.*' : ''}$`);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function typescriptFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f))
    .sort();
}

export interface SourceIndex {
  /**
   * Where the construct at `constructPath` is created, or undefined when unknown.
   * `providerClass` (see `providerClassOf`) tells the block's own call from its siblings'.
   */
  locate(constructPath: string, providerClass?: string): SourceLocation | undefined;
}

/**
 * The provider class CDK Terrain generates for a block type: the type without its provider
 * prefix for a resource (`aws_lb_listener` -> `LbListener`, `tls_private_key` ->
 * `PrivateKey`), `Data` and the whole type for a data source (`DataAwsAvailabilityZones`).
 */
export function providerClassOf(type: string, kind: 'resource' | 'data' = 'resource'): string {
  const words = type.split('_');
  const pascal = (list: readonly string[]) =>
    list.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return kind === 'data' ? `Data${pascal(words)}` : pascal(words.slice(1));
}

/**
 * Indexes the construct sources under `<root>/src` (the gate itself excluded). Without a
 * `src/stacks` folder nothing resolves: the gate then keeps pointing at the JSON.
 */
export function indexSources(root: string): SourceIndex {
  const files = typescriptFiles(join(root, 'src')).filter(
    (f) => !relative(root, f).replace(/\\/g, '/').startsWith('src/compliance/'),
  );
  const classFile = new Map<string, string>();
  const creations = new Map<string, Creation[]>();
  for (const path of files) {
    const file = relative(root, path).replace(/\\/g, '/');
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(CLASS)) classFile.set(m[1]!, file);
    const list: Creation[] = [];
    for (const m of text.matchAll(CREATION)) {
      const isNew = m[1] !== undefined;
      if (!isNew && NOT_CALLEES.has(m[2]!)) continue;
      list.push({
        file,
        line: lineAt(text, m.index),
        callee: m[2]!,
        isNew,
        id: idPattern(m[3]!, !isNew),
      });
    }
    creations.set(file, list);
  }
  const stackFiles = [...creations.keys()].filter((f) => f.startsWith('src/stacks/'));

  /** Literal ids first, then patterns (more literal text first), then non-literal ids. */
  const rank = (c: Creation) =>
    c.id === undefined
      ? 2_000
      : /[.][*]/.test(c.id.source)
        ? 1_000 - c.id.source.replace(/[.][*]/g, '').length
        : 0;

  const resolve = (
    ids: readonly string[],
    at: number,
    inFiles: readonly string[],
    leafClass: string | undefined,
  ): { location: SourceLocation; depth: number } | undefined => {
    const id = ids[at]!;
    let candidates = inFiles
      .flatMap((f) => creations.get(f) ?? [])
      .filter((c) => c.id === undefined || c.id.test(id))
      .sort((a, b) => rank(a) - rank(b));
    // The block itself: prefer the call of its provider class (`aws_iam_role_policy` is
    // `new IamRolePolicy`; some carry an `A` suffix) over creations whose id is not a literal.
    if (at === ids.length - 1 && leafClass !== undefined) {
      const own = candidates.filter((c) => c.callee.replace(/A$/, '') === leafClass);
      if (own.length > 0) candidates = own;
    }
    let best: { location: SourceLocation; depth: number } | undefined;
    for (const c of candidates) {
      const defining = c.isNew ? classFile.get(c.callee) : undefined;
      const below =
        defining !== undefined && at + 1 < ids.length
          ? resolve(ids, at + 1, [defining], leafClass)
          : undefined;
      const found = below
        ? { location: below.location, depth: below.depth + 1 }
        : { location: { file: c.file, line: c.line }, depth: 1 };
      if (!best || found.depth > best.depth) best = found;
      if (best.depth === ids.length - at) break;
    }
    return best;
  };

  return {
    locate(constructPath, providerClass) {
      // The first step is the stack's own id.
      const ids = constructPath.split('/').slice(1);
      if (ids.length === 0 || stackFiles.length === 0) return undefined;
      return resolve(ids, 0, stackFiles, providerClass)?.location;
    },
  };
}

/** Locates findings for SARIF: at their source when `sources` knows it, and in their JSON. */
export function sarifLocator(stacks: readonly LoadedStack[], sources: SourceIndex): SarifLocator {
  const byName = new Map(stacks.map((s) => [s.graph.name, s]));
  const blockOf = (f: Finding) => byName.get(f.stack)?.graph.block(f.address);
  return {
    json: (f) => ({ uri: f.file, line: lineOf(byName.get(f.stack)?.text ?? '', f.address) }),
    source: (f) => {
      const block = blockOf(f);
      if (!block?.constructPath) return undefined;
      const kind = block.kind === 'resource' || block.kind === 'data' ? block.kind : undefined;
      const at = sources.locate(block.constructPath, kind && providerClassOf(block.type, kind));
      return at && { uri: at.file, line: at.line };
    },
  };
}
