/**
 * Resources whose address changed between two synths while their identity did not (a renamed
 * construct): the same type and the same naming argument (`bucket`, `identifier`, `name`, ...;
 * a KMS key by the alias that names it). Terraform would destroy the old address and create
 * the new one; a `moved` block (https://developer.hashicorp.com/terraform/language/modules/
 * develop/refactoring) makes it move the state instead. A match is made only when exactly one
 * removed and one added resource share an identity: anything else is reported as ambiguous,
 * never guessed.
 */
import type { Block, StackGraph } from '../../tfjson/graph';

/** Arguments that name a resource, in the order they are tried. */
export const NAMING = [
  'bucket',
  'cluster_identifier',
  'identifier',
  'name',
  'alarm_name',
  'dashboard_name',
  'family',
  'role_name',
] as const;

/** How a move was matched. */
export type MoveBasis = 'name' | 'parent' | 'construct path';

export interface Move {
  readonly from: string;
  readonly to: string;
  /** What both addresses share, for the reviewer (`aws_s3_bucket bucket=...`). */
  readonly identity: string;
  readonly basis: MoveBasis;
}

export interface AmbiguousMove {
  readonly identity: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
}

/**
 * True when a name is known before apply: literal, or built from data sources only (the
 * account ID in a bucket name). A name that reads another resource may change with it.
 */
function stableName(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  const expressions = value.match(/\$\{[^}]*\}/g) ?? [];
  return expressions.every((e) => /^\$\{data\.[A-Za-z0-9_.-]+\}$/.test(e));
}

/** The identity of a resource by its own name: its type and literal name, or undefined. */
export function identityOf(graph: StackGraph, block: Block): string | undefined {
  for (const argument of NAMING) {
    const value = block.attrs[argument];
    if (stableName(value)) return `${block.type} ${argument}=${value}`;
  }
  if (block.type === 'aws_kms_key') {
    // A key has no name: the alias that targets it names it.
    for (const edge of graph.refsTo(block.address)) {
      const alias = graph.block(edge.from);
      const name = alias?.type === 'aws_kms_alias' ? alias.attrs['name'] : undefined;
      if (typeof name === 'string' && !name.includes('${')) return `aws_kms_key alias=${name}`;
    }
  }
  return undefined;
}

/** A resource reference inside `${...}`: `type.name` (not data., var., local.). */
const REFERENCE = /(?<![\w.])([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?=[.[\s}),]|$)/g;
const NOT_RESOURCES = new Set([
  'data',
  'var',
  'local',
  'module',
  'each',
  'count',
  'path',
  'self',
  'terraform',
]);

interface Identity {
  /** What must be equal on both sides for a match. */
  readonly key: string;
  /** What the report shows. */
  readonly label: string;
  readonly basis: 'name' | 'parent';
}

/**
 * Identities of a graph's resources: their own name (`identityOf`), else, for a resource with
 * no name that belongs to named ones (a bucket's versioning, public access block, policy; a
 * key's policy; a security group's rules), its type and its whole configuration with each
 * reference to a named resource written as that resource's identity. Two such resources are
 * the same only when everything they set is the same.
 */
function identities(graph: StackGraph): (block: Block) => Identity | undefined {
  const memo = new Map<string, Identity | null | 'busy'>();
  const of = (block: Block): Identity | undefined => {
    const known = memo.get(block.address);
    if (known === 'busy') return undefined;
    if (known !== undefined) return known ?? undefined;
    memo.set(block.address, 'busy');
    const own = identityOf(graph, block);
    let result: Identity | undefined = own ? { key: own, label: own, basis: 'name' } : undefined;
    if (!result && block.kind === 'resource') {
      const parents: string[] = [];
      const rewrite = (text: string) =>
        text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
          const replaced = inner.replace(REFERENCE, (ref, type: string, name: string) => {
            if (NOT_RESOURCES.has(type)) return ref;
            const target = graph.block(`${type}.${name}`);
            const identity = target && target.kind === 'resource' ? of(target) : undefined;
            if (!identity) return ref;
            parents.push(identity.label);
            return `<${identity.key}>`;
          });
          return replaced === inner ? whole : `\${${replaced}}`;
        });
      const { '//': _meta, ...attrs } = block.attrs;
      void _meta;
      const canonical = JSON.stringify(attrs, (_key, value: unknown) =>
        typeof value === 'string' ? rewrite(value) : value,
      );
      if (parents.length > 0)
        result = {
          key: `${block.type} ${canonical}`,
          label: `${block.type} of ${[...new Set(parents)].join(', ')}`,
          basis: 'parent',
        };
    }
    memo.set(block.address, result ?? null);
    return result;
  };
  return of;
}

/** `a/b/c` split into segments. */
const segments = (path: string) => path.split('/');

/**
 * The construct renames a confirmed move shows: its two construct paths without their common
 * ending (`payment-dev/Assets/Bucket` -> `payment-dev/Media/Bucket` gives `payment-dev/Assets`
 * -> `payment-dev/Media`).
 */
function prefixRename(from: string, to: string): [string, string] | undefined {
  const a = segments(from);
  const b = segments(to);
  let common = 0;
  while (
    common < a.length &&
    common < b.length &&
    a[a.length - 1 - common] === b[b.length - 1 - common]
  )
    common++;
  if (common === 0 || common === a.length || common === b.length) return undefined;
  return [a.slice(0, a.length - common).join('/'), b.slice(0, b.length - common).join('/')];
}

/** Moves between the removed resources (of `before`) and the added ones (of `after`). */
export function detectMoves(
  before: StackGraph | undefined,
  after: StackGraph | undefined,
  removed: readonly Block[],
  added: readonly Block[],
): { readonly moves: Move[]; readonly ambiguous: AmbiguousMove[] } {
  const moves: Move[] = [];
  if (!before || !after) return { moves, ambiguous: [] };
  const beforeIdentity = identities(before);
  const afterIdentity = identities(after);
  const groups = new Map<
    string,
    { label: string; basis: Identity['basis']; from: Block[]; to: Block[] }
  >();
  const add = (
    identity: (b: Block) => Identity | undefined,
    blocks: readonly Block[],
    side: 'from' | 'to',
  ) => {
    for (const b of blocks) {
      if (b.kind !== 'resource') continue;
      const id = identity(b);
      if (!id) continue;
      const group = groups.get(id.key) ?? { label: id.label, basis: id.basis, from: [], to: [] };
      group[side].push(b);
      groups.set(id.key, group);
    }
  };
  add(beforeIdentity, removed, 'from');
  add(afterIdentity, added, 'to');
  const unresolved: { label: string; from: Block[]; to: Block[] }[] = [];
  for (const group of groups.values()) {
    if (group.from.length === 0 || group.to.length === 0) continue;
    if (group.from.length === 1 && group.to.length === 1)
      moves.push({
        from: group.from[0]!.address,
        to: group.to[0]!.address,
        identity: group.label,
        basis: group.basis,
      });
    else unresolved.push(group);
  }

  // What is left is matched by construct path, under the construct renames the matches above
  // confirm, when exactly one old prefix maps to exactly one new one.
  const byAddress = new Map([...removed, ...added].map((b) => [b.address, b]));
  const renames = new Map<string, Set<string>>();
  for (const m of moves) {
    const from = byAddress.get(m.from)?.constructPath;
    const to = byAddress.get(m.to)?.constructPath;
    const rename = from && to ? prefixRename(from, to) : undefined;
    if (rename) renames.set(rename[0], (renames.get(rename[0]) ?? new Set()).add(rename[1]));
  }
  const targets = new Map<string, Set<string>>();
  for (const [from, tos] of renames)
    for (const to of tos) targets.set(to, (targets.get(to) ?? new Set()).add(from));
  const matched = new Set(moves.flatMap((m) => [m.from, m.to]));
  const addedByPath = new Map<string, Block[]>();
  for (const b of added)
    if (b.kind === 'resource' && b.constructPath && !matched.has(b.address))
      addedByPath.set(`${b.type} ${b.constructPath}`, [
        ...(addedByPath.get(`${b.type} ${b.constructPath}`) ?? []),
        b,
      ]);
  for (const b of removed) {
    if (b.kind !== 'resource' || !b.constructPath || matched.has(b.address)) continue;
    const prefix = [...renames.keys()]
      .filter((p) => b.constructPath!.startsWith(`${p}/`))
      .sort((x, y) => y.length - x.length)[0];
    const to = prefix ? [...renames.get(prefix)!] : [];
    if (to.length !== 1 || targets.get(to[0]!)!.size !== 1) continue;
    const path = `${to[0]}${b.constructPath.slice(prefix!.length)}`;
    const candidates = addedByPath.get(`${b.type} ${path}`) ?? [];
    if (candidates.length !== 1) continue;
    moves.push({
      from: b.address,
      to: candidates[0]!.address,
      identity: `${b.type} at ${b.constructPath} -> ${path}`,
      basis: 'construct path',
    });
    matched.add(b.address).add(candidates[0]!.address);
  }
  const ambiguous: AmbiguousMove[] = [];
  for (const group of unresolved) {
    const from = group.from.filter((b) => !matched.has(b.address)).map((b) => b.address);
    const to = group.to.filter((b) => !matched.has(b.address)).map((b) => b.address);
    if (from.length > 0 && to.length > 0) ambiguous.push({ identity: group.label, from, to });
  }
  return { moves, ambiguous };
}

/** The Terraform JSON `moved` blocks for a set of moves (top-level `moved` of a stack). */
export function movedBlocks(moves: readonly Move[]): { from: string; to: string }[] {
  return moves.map((m) => ({ from: m.from, to: m.to }));
}
