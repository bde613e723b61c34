/**
 * Compares two synths of a stack, both read by the gate's parser: resources added, removed
 * and changed (leaf attributes), policy documents statement by statement, security-group
 * rules, base64 values decoded, tags summarised, and replacement or destruction of the
 * resources in the reviewed replacement table.
 */
import type { SgRule } from '../../tfjson/aws';
import { isInternetCidr, securityGroupRules } from '../../tfjson/aws';
import type { Block, StackGraph } from '../../tfjson/graph';
import { isObject } from '../../tfjson/graph';
import type { Statement } from '../../tfjson/policy';
import { actionMatches, policyFromValue, wildcard } from '../../tfjson/policy';
import type { Refusal } from './cascade';
import { cascade } from './cascade';
import type { AmbiguousMove, Move } from './moves';
import { detectMoves } from './moves';
import type { ConditionalArgument } from './replacement';
import {
  conditionalArguments,
  forcingArguments,
  replacementEntry,
  zoneArguments,
} from './replacement';
import type { DiffLine } from './text-diff';
import { decodeBase64Text, hunks, lineDiff } from './text-diff';

export interface AttributeChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface TextChange {
  readonly address: string;
  readonly attribute: string;
  readonly lines: readonly DiffLine[];
}

export interface ChangedResource {
  readonly address: string;
  readonly type: string;
  readonly changes: readonly AttributeChange[];
  /** Changed arguments that force replacement (from the replacement table). */
  readonly forcesReplacement: readonly string[];
  /** Changed arguments that force replacement in some cases, each with its case. */
  readonly mayForceReplacement: readonly ConditionalArgument[];
}

export type StatementChange = '+' | '-';

export interface StatementRow {
  readonly change: StatementChange;
  readonly address: string;
  readonly attribute: string;
  readonly statement: Statement;
  /** Why this change grants more than before (empty when it does not widen). */
  readonly widened: readonly string[];
}

export interface RuleRow {
  readonly change: '+' | '-';
  readonly rule: SgRule;
  readonly group: string;
  readonly peer: string;
  readonly openToInternet: boolean;
}

export interface TagChange {
  readonly key: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
  /** `provider default_tags`, or the number of resources the change is on. */
  readonly where: string;
}

export interface Hazard {
  readonly address: string;
  readonly action: 'replace' | 'may replace' | 'destroy' | 'update (disrupted)';
  readonly arguments: readonly string[];
  readonly impact: string;
  readonly stateful: boolean;
  /** The replaced or destroyed resource this one references, when it is a consequence. */
  readonly cause?: string;
}

/** A subnet whose CIDR or AZ changes: everything in it moves or is rebuilt. */
export interface SubnetChange {
  readonly address: string;
  readonly argument: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface StackDiff {
  readonly stack: string;
  readonly added: readonly Block[];
  readonly removed: readonly Block[];
  readonly changed: readonly ChangedResource[];
  readonly statements: readonly StatementRow[];
  readonly rules: readonly RuleRow[];
  readonly texts: readonly TextChange[];
  readonly tags: readonly TagChange[];
  readonly hazards: readonly Hazard[];
  /** Changes AWS refuses although Terraform plans them (./cascade.ts). */
  readonly refusals: readonly Refusal[];
  readonly subnets: readonly SubnetChange[];
  /** Removed and added resources with the same identity (./moves.ts). */
  readonly moves: readonly Move[];
  readonly ambiguousMoves: readonly AmbiguousMove[];
}

/** Attributes compared elsewhere (tags), or metadata that says nothing about the resource. */
const IGNORED_ROOTS = new Set(['//', 'tags', 'tags_all']);

export function isEmptyDiff(d: StackDiff): boolean {
  return (
    d.added.length === 0 &&
    d.removed.length === 0 &&
    d.changed.length === 0 &&
    d.statements.length === 0 &&
    d.rules.length === 0 &&
    d.tags.length === 0
  );
}

/** Diff of one stack; a side is undefined when the stack exists only on the other. */
export function diffStacks(
  before: StackGraph | undefined,
  after: StackGraph | undefined,
): StackDiff {
  const b = blocksOf(before);
  const a = blocksOf(after);
  const added = [...a.values()].filter((x) => !b.has(x.address));
  const removed = [...b.values()].filter((x) => !a.has(x.address));
  const changed: ChangedResource[] = [];
  const statements: StatementRow[] = [];
  const texts: TextChange[] = [];
  const tagCounts = new Map<
    string,
    { key: string; before?: string; after?: string; count: number }
  >();

  for (const [address, x] of a) {
    const y = b.get(address);
    if (!y) {
      statements.push(...policyRows(after!, x, 'added'));
      continue;
    }
    const changes = leafChanges(y.attrs, x.attrs, '').filter(
      (c) => !IGNORED_ROOTS.has(c.path.split('.')[0]!),
    );
    // Policy documents and base64 text are shown decoded, not as one changed string.
    const shown: AttributeChange[] = [];
    for (const c of changes) {
      if (typeof c.before === 'string' && typeof c.after === 'string') {
        const pb = policyStatements(before!, c.before);
        const pa = policyStatements(after!, c.after);
        if (pb && pa) {
          statements.push(...statementRows(address, c.path, pb, pa));
          continue;
        }
        const tb = decodeBase64Text(c.before);
        const ta = decodeBase64Text(c.after);
        if (tb !== undefined && ta !== undefined) {
          texts.push({ address, attribute: c.path, lines: hunks(lineDiff(tb, ta)) });
          continue;
        }
      }
      shown.push(c);
    }
    const tagChanges = leafChanges(tagsOf(y), tagsOf(x), '');
    for (const t of tagChanges) {
      const k = JSON.stringify([t.path, t.before, t.after]);
      const entry = tagCounts.get(k) ?? {
        key: t.path,
        ...(typeof t.before === 'string' ? { before: t.before } : {}),
        ...(typeof t.after === 'string' ? { after: t.after } : {}),
        count: 0,
      };
      entry.count++;
      tagCounts.set(k, entry);
    }
    const paths = changes.map((c) => c.path);
    if (changes.length > 0 || tagChanges.length > 0) {
      // An AZ named another way (pinned by ID) replaces only if the AZ itself differs.
      const zones =
        x.kind === 'resource'
          ? zoneArguments(x.type, y.attrs, x.attrs)
          : { cleared: [], conditional: [] };
      const renamed = new Set([...zones.cleared, ...zones.conditional.map((z) => z.argument)]);
      changed.push({
        address,
        type: x.type,
        changes: shown,
        forcesReplacement:
          x.kind === 'resource'
            ? forcingArguments(x.type, paths).filter((a) => !renamed.has(a))
            : [],
        mayForceReplacement:
          x.kind === 'resource'
            ? [...conditionalArguments(x.type, paths, y.attrs, x.attrs), ...zones.conditional]
            : [],
      });
    }
  }
  for (const x of removed) statements.push(...policyRows(before!, x, 'removed'));

  const tags: TagChange[] = [
    ...leafChanges(before?.defaultTags ?? {}, after?.defaultTags ?? {}, '').map((t) => ({
      key: t.path,
      before: t.before as string | undefined,
      after: t.after as string | undefined,
      where: 'provider default_tags (every resource)',
    })),
    ...[...tagCounts.values()].map((t) => ({
      key: t.key,
      before: t.before,
      after: t.after,
      where: `${t.count} resource${t.count === 1 ? '' : 's'}`,
    })),
  ];

  const hazards: Hazard[] = [];
  const unreviewed = (type: string) => ({
    impact: `not in the replacement table (${type}): check \`npm run plan\``,
    stateful: false,
  });
  for (const c of changed) {
    const entry = replacementEntry(c.type);
    const holds = c.mayForceReplacement.filter((m) => m.holds);
    const may = c.mayForceReplacement.filter((m) => !m.holds);
    if (c.forcesReplacement.length > 0 || holds.length > 0)
      hazards.push({
        address: c.address,
        action: 'replace',
        arguments: [...c.forcesReplacement, ...holds.map((m) => `${m.argument} (${m.when})`)],
        impact: entry!.impact,
        stateful: entry!.stateful,
      });
    else if (may.length > 0)
      hazards.push({
        address: c.address,
        action: 'may replace',
        arguments: may.map((m) => `${m.argument} (${m.when})`),
        impact: entry!.impact,
        stateful: entry!.stateful,
      });
    else if (
      !entry &&
      c.type !== '' &&
      b.get(c.address)?.kind === 'resource' &&
      c.changes.length > 0
    )
      hazards.push({
        address: c.address,
        action: 'may replace',
        arguments: c.changes.map((ch) => ch.path.split('.')[0]!),
        ...unreviewed(c.type),
      });
  }
  for (const x of removed) {
    if (x.kind !== 'resource') continue;
    const entry = replacementEntry(x.type);
    hazards.push({
      address: x.address,
      action: 'destroy',
      arguments: [],
      ...(entry ? { impact: entry.impact, stateful: entry.stateful } : unreviewed(x.type)),
    });
  }
  const consequences = cascade(
    before,
    after,
    hazards
      .filter((h) => h.action === 'replace' || h.action === 'may replace')
      .map((h) => ({
        address: h.address,
        certain: h.action === 'replace',
        changed: changed.find((c) => c.address === h.address)?.changes.map((ch) => ch.path) ?? [],
      })),
    removed,
  );
  for (const h of consequences.hazards) {
    const type = a.get(h.address)!.type;
    // One row per disrupted resource, with every replaced resource it references.
    const earlier = hazards.findIndex((x) => x.address === h.address && x.action === h.action);
    if (h.action === 'update (disrupted)' && earlier >= 0) {
      const x = hazards[earlier]!;
      hazards[earlier] = {
        ...x,
        arguments: [...new Set([...x.arguments, h.argument])],
        cause: `${x.cause}, ${h.cause}`,
      };
      continue;
    }
    const entry = replacementEntry(type);
    hazards.push({
      address: h.address,
      action: h.action,
      arguments: [h.argument],
      cause: h.cause,
      ...(h.action === 'update (disrupted)'
        ? { impact: `updated in place to the new ${h.cause.split('.')[0]}`, stateful: false }
        : entry
          ? { impact: entry.impact, stateful: entry.stateful }
          : unreviewed(type)),
    });
  }
  const detected = detectMoves(before, after, removed, added);
  const order = ['replace', 'may replace', 'destroy', 'update (disrupted)'];
  hazards.sort((x, y) => order.indexOf(x.action) - order.indexOf(y.action));
  const subnets: SubnetChange[] = changed
    .filter((c) => c.type === 'aws_subnet')
    .flatMap((c) =>
      c.changes
        .filter((ch) =>
          ['cidr_block', 'availability_zone', 'availability_zone_id'].includes(ch.path),
        )
        .map((ch) => ({
          address: c.address,
          argument: ch.path,
          before: ch.before,
          after: ch.after,
        })),
    );

  return {
    stack: (after ?? before)!.name,
    added,
    removed,
    changed,
    statements,
    rules: ruleRows(before, after),
    texts,
    tags,
    hazards,
    refusals: consequences.refusals,
    subnets,
    moves: detected.moves,
    ambiguousMoves: detected.ambiguous,
  };
}

function blocksOf(graph: StackGraph | undefined): Map<string, Block> {
  const out = new Map<string, Block>();
  if (!graph) return out;
  for (const block of graph.blocks.values()) {
    if (block.kind === 'resource' || block.kind === 'data' || block.kind === 'output')
      out.set(block.address, block);
  }
  return out;
}

function tagsOf(block: Block): Record<string, unknown> {
  const tags = block.attrs['tags'];
  return isObject(tags) ? tags : {};
}

/** Leaf-level differences: dotted paths with their values on each side. */
export function leafChanges(before: unknown, after: unknown, path: string): AttributeChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => leafChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((v, i) => leafChanges(v, after[i], path ? `${path}.${i}` : String(i)));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, before, after }];
}

/** Statements of a value that is a policy document, or undefined when it is not one. */
function policyStatements(graph: StackGraph, value: string): readonly Statement[] | undefined {
  const trimmed = value.trim();
  const isDocument = trimmed.startsWith('{') && trimmed.includes('"Statement"');
  const isReference = /^\$\{data\.aws_iam_policy_document\.[^}]+\.json\}$/.test(trimmed);
  if (!isDocument && !isReference) return undefined;
  const result = policyFromValue(graph, value);
  return result.ok ? result.statements : undefined;
}

/** Statement rows of every policy attribute of a resource that exists on one side only. */
function policyRows(graph: StackGraph, block: Block, side: 'added' | 'removed'): StatementRow[] {
  const rows: StatementRow[] = [];
  for (const [attribute, value] of Object.entries(block.attrs)) {
    if (typeof value !== 'string') continue;
    const statements = policyStatements(graph, value);
    if (!statements) continue;
    rows.push(
      ...(side === 'added'
        ? statementRows(block.address, attribute, [], statements)
        : statementRows(block.address, attribute, statements, [])),
    );
  }
  return rows;
}

const key = (s: Statement) =>
  JSON.stringify([
    s.sid,
    s.effect,
    s.principals,
    s.notPrincipal,
    [...s.actions].sort(),
    [...s.notActions].sort(),
    [...s.resources].sort(),
    [...s.notResources].sort(),
    s.conditions,
  ]);

/** Added and removed statements of one policy, each added Allow checked for widening. */
export function statementRows(
  address: string,
  attribute: string,
  before: readonly Statement[],
  after: readonly Statement[],
): StatementRow[] {
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  const rows: StatementRow[] = [];
  for (const s of before) {
    if (afterKeys.has(key(s))) continue;
    // A Deny that goes away (and comes back no narrower) lets more through.
    const widened =
      s.effect === 'Deny' && !after.some((t) => t.effect === 'Deny' && covers(t, s))
        ? ['a Deny statement is removed']
        : [];
    rows.push({ change: '-', address, attribute, statement: s, widened });
  }
  for (const s of after) {
    if (beforeKeys.has(key(s))) continue;
    rows.push({
      change: '+',
      address,
      attribute,
      statement: s,
      widened: s.effect === 'Allow' ? wideningOf(s, before) : [],
    });
  }
  return rows;
}

/** What an Allow statement grants that no Allow statement of the previous policy granted. */
function wideningOf(s: Statement, before: readonly Statement[]): string[] {
  const allows = before.filter((b) => b.effect === 'Allow');
  if (s.notActions.length > 0 || s.notResources.length > 0 || s.notPrincipal)
    return ['uses NotAction, NotResource or NotPrincipal'];
  const candidates = allows.filter(
    (b) => b.notActions.length === 0 && b.notResources.length === 0 && !b.notPrincipal,
  );
  // Not widened only when one earlier statement grants all of it, under its conditions.
  const byActions = candidates.filter((b) =>
    s.actions.every((a) => b.actions.some((p) => actionMatches(p, a))),
  );
  const byResources = byActions.filter((b) =>
    s.resources.every((r) => b.resources.some((p) => patternCovers(p, r))),
  );
  const byPrincipals = byResources.filter((b) => principalsCover(b, s));
  if (byPrincipals.some((b) => conditionsNoWeaker(b, s))) return [];
  if (byActions.length === 0) {
    const uncovered = s.actions.filter(
      (a) => !candidates.some((b) => b.actions.some((p) => actionMatches(p, a))),
    );
    return [`new actions ${(uncovered.length > 0 ? uncovered : s.actions).join(', ')}`];
  }
  if (byResources.length === 0) return [`wider resources ${s.resources.join(', ')}`];
  if (byPrincipals.length === 0) return ['more principals'];
  return ['a narrowing condition is removed'];
}

/** True when statement `a` covers everything `b` covers (same or broader). */
function covers(a: Statement, b: Statement): boolean {
  return (
    b.actions.every((x) => a.actions.some((p) => actionMatches(p, x))) &&
    b.resources.every((r) => a.resources.some((p) => patternCovers(p, r)))
  );
}

function patternCovers(pattern: string, value: string): boolean {
  return pattern === value || wildcard(pattern).test(value);
}

function principalsCover(b: Statement, s: Statement): boolean {
  return Object.entries(s.principals).every(([type, ids]) =>
    ids.every(
      (id) =>
        (b.principals['*'] ?? []).includes('*') ||
        (b.principals[type] ?? []).some((p) => patternCovers(p, id)),
    ),
  );
}

/** True when `s` keeps every condition `b` had (it may add more). */
function conditionsNoWeaker(b: Statement, s: Statement): boolean {
  return Object.entries(b.conditions).every(([op, keys]) =>
    Object.entries(keys).every(
      ([k, values]) => JSON.stringify(s.conditions[op]?.[k]) === JSON.stringify(values),
    ),
  );
}

/** Security-group rules added and removed (a changed rule shows as both). */
function ruleRows(before: StackGraph | undefined, after: StackGraph | undefined): RuleRow[] {
  const describeRules = (graph: StackGraph | undefined) =>
    graph
      ? securityGroupRules(graph).map((rule) => {
          const group = groupName(graph, rule.group);
          const peer = rule.peerGroup
            ? groupName(graph, rule.peerGroup)
            : rule.cidrs.join(', ') || '-';
          const k = JSON.stringify([
            rule.address,
            group,
            rule.direction,
            rule.protocol,
            rule.fromPort,
            rule.toPort,
            peer,
            rule.description,
          ]);
          return { k, rule, group, peer };
        })
      : [];
  const b = describeRules(before);
  const a = describeRules(after);
  const bk = new Set(b.map((r) => r.k));
  const ak = new Set(a.map((r) => r.k));
  const row = (change: '+' | '-', r: (typeof a)[number]): RuleRow => ({
    change,
    rule: r.rule,
    group: r.group,
    peer: r.peer,
    openToInternet: r.rule.cidrs.some(isInternetCidr),
  });
  return [
    ...b.filter((r) => !ak.has(r.k)).map((r) => row('-', r)),
    ...a.filter((r) => !bk.has(r.k)).map((r) => row('+', r)),
  ];
}

/** A security group by its `name` (the physical name), else its address. */
function groupName(graph: StackGraph, address: string | undefined): string {
  if (!address) return '?';
  const name = graph.block(address)?.attrs['name'];
  return typeof name === 'string' && name !== '' ? name : address;
}
