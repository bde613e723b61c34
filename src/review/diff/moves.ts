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
const NAMING = [
  'bucket',
  'cluster_identifier',
  'identifier',
  'name',
  'alarm_name',
  'dashboard_name',
  'family',
  'role_name',
] as const;

export interface Move {
  readonly from: string;
  readonly to: string;
  readonly identity: string;
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

/** The identity of a resource: its type and literal name, or undefined when it has none. */
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

/** Moves between the removed resources (of `before`) and the added ones (of `after`). */
export function detectMoves(
  before: StackGraph | undefined,
  after: StackGraph | undefined,
  removed: readonly Block[],
  added: readonly Block[],
): { readonly moves: Move[]; readonly ambiguous: AmbiguousMove[] } {
  const moves: Move[] = [];
  const ambiguous: AmbiguousMove[] = [];
  if (!before || !after) return { moves, ambiguous };
  const groups = new Map<string, { from: string[]; to: string[] }>();
  const add = (graph: StackGraph, blocks: readonly Block[], side: 'from' | 'to') => {
    for (const b of blocks) {
      if (b.kind !== 'resource') continue;
      const identity = identityOf(graph, b);
      if (!identity) continue;
      const group = groups.get(identity) ?? { from: [], to: [] };
      group[side].push(b.address);
      groups.set(identity, group);
    }
  };
  add(before, removed, 'from');
  add(after, added, 'to');
  for (const [identity, group] of groups) {
    if (group.from.length === 0 || group.to.length === 0) continue;
    if (group.from.length === 1 && group.to.length === 1)
      moves.push({ from: group.from[0]!, to: group.to[0]!, identity });
    else ambiguous.push({ identity, from: group.from, to: group.to });
  }
  return { moves, ambiguous };
}

/** The Terraform JSON `moved` blocks for a set of moves (top-level `moved` of a stack). */
export function movedBlocks(moves: readonly Move[]): { from: string; to: string }[] {
  return moves.map((m) => ({ from: m.from, to: m.to }));
}
