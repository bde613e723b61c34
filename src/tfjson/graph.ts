/**
 * Loads Terraform JSON (`cdk.tf.json`, or any `*.tf.json`-shaped object) into a graph of
 * blocks with addresses (`aws_s3_bucket.Assets_Bucket_B348DC00`, `data.aws_partition.p`,
 * `var.x`, `local.y`, `module.z`) and the reference edges between them, read by parsing
 * every `${...}` expression. Never imports a construct: the gate checks any Terraform JSON.
 */
import type { Reference } from './expressions';
import { ENVIRONMENT_TAG, PROFILE_TAG } from './markers';
import {
  ExpressionSyntaxError,
  hasTemplateSequence,
  parseTemplate,
  referencesIn,
} from './expressions';
import { InputProblem } from '../errors/problems';

/**
 * `ephemeral`: Terraform 1.10+ ephemeral resources, never stored in state, referenced as
 * `ephemeral.<type>.<name>` (developer.hashicorp.com/terraform/language/ephemeral).
 */
export type BlockKind =
  | 'resource'
  | 'data'
  | 'ephemeral'
  | 'variable'
  | 'local'
  | 'module'
  | 'output';

/** A value of the JSON: attribute name -> value. */
export type Attrs = Record<string, unknown>;

export interface Block {
  readonly kind: BlockKind;
  /** Resource, data source or ephemeral resource type; '' for the other kinds. */
  readonly type: string;
  readonly name: string;
  /**
   * `type.name`, `data.type.name`, `ephemeral.type.name`, `var.name`, `local.name`,
   * `module.name`, `output.name`.
   */
  readonly address: string;
  readonly attrs: Attrs;
  /** The construct path CDK Terrain records in `//.metadata.path`, if any. */
  readonly constructPath: string | undefined;
}

/** One reference from an attribute of a block to another block. */
export interface Edge {
  readonly from: string;
  /** Dotted attribute path inside `from`, e.g. `policy` or `route.0.gateway_id`. */
  readonly attribute: string;
  /** Address the reference resolves to (block address) or would resolve to. */
  readonly to: string;
  /** The whole reference as written, e.g. `aws_vpc.v.id`. */
  readonly reference: string;
  readonly resolved: boolean;
}

export interface ExpressionProblem {
  readonly from: string;
  readonly attribute: string;
  readonly message: string;
}

export interface StackGraph {
  /** Stack name (the folder under `stacks/`, or the `//.metadata.stackName`). */
  readonly name: string;
  /** File the stack was read from, for reports. */
  readonly file: string;
  readonly blocks: ReadonlyMap<string, Block>;
  readonly edges: readonly Edge[];
  readonly expressionProblems: readonly ExpressionProblem[];
  /** The default (unaliased) AWS provider block, if the stack has one. */
  readonly awsProvider: Attrs | undefined;
  /** Provider `default_tags` of the default AWS provider. */
  readonly defaultTags: Readonly<Record<string, string>>;
  /** `region` of the default AWS provider, when it is a literal. */
  readonly region: string | undefined;
  /** `prod` when the stack is a production stack; see `stackProfile`. */
  readonly profile: string | undefined;
  /** The raw `terraform` block. */
  readonly terraform: Attrs;
  resources(type: string): Block[];
  block(address: string): Block | undefined;
  /** Edges leaving `from`, optionally only from attribute paths starting with `attribute`. */
  refsFrom(from: string, attribute?: string): Edge[];
  /** Edges arriving at `to`. */
  refsTo(to: string): Edge[];
}

/** Names that never denote a block in an expression. */
const NON_BLOCK_ROOTS = new Set(['count', 'each', 'self', 'path', 'terraform']);

/** Resolves the first steps of a reference to the address of the block it names. */
export function blockAddressOf(path: readonly string[]): string | undefined {
  const [root, a, b] = path;
  if (root === undefined || NON_BLOCK_ROOTS.has(root)) return undefined;
  switch (root) {
    case 'data':
    case 'ephemeral':
      return a !== undefined && b !== undefined ? `${root}.${a}.${b}` : `${root}.?`;
    case 'var':
      return a !== undefined ? `var.${a}` : 'var.?';
    case 'local':
      return a !== undefined ? `local.${a}` : 'local.?';
    case 'module':
      return a !== undefined ? `module.${a}` : 'module.?';
    default:
      return a !== undefined ? `${root}.${a}` : root;
  }
}

const parseCache = new Map<string, Reference[] | ExpressionSyntaxError>();

/** Forgets parsed expressions (the benchmark measures cold parsing with it). */
export function clearParseCache(): void {
  parseCache.clear();
}

/** References in one string, parsed once per distinct string. */
export function referencesOf(value: string): Reference[] | ExpressionSyntaxError {
  const cached = parseCache.get(value);
  if (cached) return cached;
  let result: Reference[] | ExpressionSyntaxError;
  try {
    result = referencesIn(parseTemplate(value));
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    result = error;
  }
  if (parseCache.size > 50_000) parseCache.clear();
  parseCache.set(value, result);
  return result;
}

/** Thrown for JSON that is not Terraform JSON at all (top level not an object, etc.). */
export class InputError extends InputProblem {}

/**
 * Builds the graph of one Terraform JSON document. `name` defaults to the stack name in
 * the CDK Terrain metadata.
 */
export function buildGraph(json: unknown, file: string, name?: string): StackGraph {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new InputError(`${file}: top level is not a JSON object`);
  }
  const doc = json as Attrs;
  const meta = (doc['//'] as { metadata?: { stackName?: unknown } } | undefined)?.metadata;
  const stackName = name ?? (typeof meta?.stackName === 'string' ? meta.stackName : file);

  const blocks = new Map<string, Block>();
  const add = (kind: BlockKind, type: string, blockName: string, address: string, v: unknown) => {
    const attrs = isObject(v) ? v : { value: v };
    const path = (attrs['//'] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
    blocks.set(address, {
      kind,
      type,
      name: blockName,
      address,
      attrs,
      constructPath: typeof path === 'string' ? path : undefined,
    });
  };
  for (const [kind, prefix] of [
    ['resource', ''],
    ['data', 'data.'],
    ['ephemeral', 'ephemeral.'],
  ] as const) {
    const section = doc[kind];
    if (section === undefined) continue;
    if (!isObject(section)) throw new InputError(`${file}: "${kind}" is not an object`);
    for (const [type, byName] of Object.entries(section)) {
      if (!isObject(byName)) throw new InputError(`${file}: ${kind} "${type}" is not an object`);
      for (const [n, body] of Object.entries(byName)) {
        add(kind, type, n, `${prefix}${type}.${n}`, body);
      }
    }
  }
  for (const [kind, section, prefix] of [
    ['variable', 'variable', 'var.'],
    ['module', 'module', 'module.'],
    ['output', 'output', 'output.'],
  ] as const) {
    const s = doc[section];
    if (isObject(s))
      for (const [n, body] of Object.entries(s)) add(kind, '', n, `${prefix}${n}`, body);
  }
  // `locals` may be an object or (in hand-merged JSON) an array of objects.
  const locals = doc['locals'];
  for (const obj of Array.isArray(locals) ? locals : [locals]) {
    if (isObject(obj))
      for (const [n, v] of Object.entries(obj)) add('local', '', n, `local.${n}`, v);
  }

  const edges: Edge[] = [];
  const problems: ExpressionProblem[] = [];
  const visit = (from: string, attribute: string, value: unknown) => {
    if (typeof value === 'string') {
      if (!hasTemplateSequence(value)) return;
      const refs = referencesOf(value);
      if (refs instanceof ExpressionSyntaxError) {
        problems.push({ from, attribute, message: refs.message });
        return;
      }
      for (const ref of refs) {
        const to = blockAddressOf(ref.path);
        if (to === undefined) continue;
        const resolvable = blocks.get(to);
        edges.push({
          from,
          attribute,
          to,
          reference: ref.path.join('.'),
          resolved: resolvable !== undefined && resolvable.kind !== 'output',
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(from, attribute ? `${attribute}.${i}` : String(i), v));
    } else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (k === '//') continue;
        visit(from, attribute ? `${attribute}.${k}` : k, v);
      }
    }
  };
  for (const block of blocks.values()) {
    visit(block.address, '', block.attrs);
    // Meta-arguments holding bare references (no `${}`): depends_on and
    // lifecycle.replace_triggered_by. A dangling one fails at plan time like any other.
    const lifecycle = block.attrs['lifecycle'];
    const bare: Array<[string, unknown]> = [
      ['depends_on', block.attrs['depends_on']],
      [
        'lifecycle.replace_triggered_by',
        isObject(lifecycle) ? lifecycle['replace_triggered_by'] : undefined,
      ],
    ];
    for (const [attribute, list] of bare) {
      if (!Array.isArray(list)) continue;
      list.forEach((item, i) => {
        // Templated entries were already visited with the other attributes.
        if (typeof item !== 'string' || hasTemplateSequence(item)) return;
        visit(block.address, `${attribute}.${i}`, `\${${item}}`);
      });
    }
  }
  // Provider and terraform blocks may reference variables and data too.
  if (doc['provider'] !== undefined) visit('provider', '', doc['provider']);

  const byType = new Map<string, Block[]>();
  for (const b of blocks.values()) {
    if (b.kind !== 'resource') continue;
    const list = byType.get(b.type) ?? [];
    list.push(b);
    byType.set(b.type, list);
  }
  const fromIndex = groupBy(edges, (e) => e.from);
  const toIndex = groupBy(edges, (e) => e.to);
  const awsProvider = defaultAwsProvider(doc['provider']);
  const defaultTags = providerDefaultTags(awsProvider);

  return {
    name: stackName,
    file,
    blocks,
    edges,
    expressionProblems: problems,
    awsProvider,
    defaultTags,
    region: providerRegion(awsProvider),
    profile: stackProfile(defaultTags, stackName),
    terraform: isObject(doc['terraform']) ? doc['terraform'] : {},
    resources: (type) => byType.get(type) ?? [],
    block: (address) => blocks.get(address),
    refsFrom: (from, attribute) =>
      (fromIndex.get(from) ?? []).filter(
        (e) =>
          attribute === undefined ||
          e.attribute === attribute ||
          e.attribute.startsWith(`${attribute}.`),
      ),
    refsTo: (to) => toIndex.get(to) ?? [],
  };
}

/**
 * The stack's profile, from the provider's default tags: the `Profile` tag when present
 * (the project's marker), otherwise `prod` when the `Environment` tag is `prod` or starts
 * with `prod-` (the default suffix of the prod profile), otherwise `prod` when the stack
 * is named like one (`payment-prod`, `payment-prod-eu`), so that stripping the tags does not
 * switch the prod-only rules off; otherwise undefined (not prod).
 */
export function stackProfile(
  tags: Readonly<Record<string, string>>,
  stackName = '',
): string | undefined {
  if (tags[PROFILE_TAG]) return tags[PROFILE_TAG];
  const env = tags[ENVIRONMENT_TAG];
  if (env === 'prod' || env?.startsWith('prod-')) return 'prod';
  if (/(^|-)prod(-|$)/.test(stackName)) return 'prod';
  return undefined;
}

/** The default AWS provider's configuration: the one without an alias. */
function defaultAwsProvider(provider: unknown): Attrs | undefined {
  if (!isObject(provider)) return undefined;
  const aws = provider['aws'];
  const configs = Array.isArray(aws) ? aws : [aws];
  const main: unknown = configs.find((c) => isObject(c) && c['alias'] === undefined);
  return isObject(main) ? main : undefined;
}

function providerRegion(main: Attrs | undefined): string | undefined {
  const region = main?.['region'];
  return typeof region === 'string' && !hasTemplateSequence(region) ? region : undefined;
}

function providerDefaultTags(main: Attrs | undefined): Record<string, string> {
  if (!main) return {};
  const dt = main['default_tags'];
  const first = Array.isArray(dt) ? dt[0] : dt;
  const tags = isObject(first) ? first['tags'] : undefined;
  if (!isObject(tags)) return {};
  return Object.fromEntries(
    Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function isObject(v: unknown): v is Attrs {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// ---------------------------------------------------------------------------------------
// Attribute helpers for rules

/**
 * The value at a dotted path. Terraform JSON writes nested blocks either as an object or as
 * a one-element list; a path step that meets a list where it expects a name descends into
 * the first element.
 */
export function attr(attrs: Attrs, path: string): unknown {
  let cur: unknown = attrs;
  for (const step of path.split('.')) {
    if (Array.isArray(cur) && !/^[0-9]+$/.test(step)) cur = cur[0];
    if (Array.isArray(cur)) cur = cur[Number(step)];
    else if (isObject(cur)) cur = cur[step];
    else return undefined;
  }
  return cur;
}

/** A nested block as a list of objects (whether written as an object or a list). */
export function blockList(value: unknown): Attrs[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** A list attribute as strings (a single string counts as a one-element list). */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Addresses of the blocks a value references (for example `bucket` -> the bucket). */
export function targetsOf(graph: StackGraph, from: Block, attribute: string): string[] {
  return graph.refsFrom(from.address, attribute).map((e) => e.to);
}

/** Blocks of `type` that `from` references in `attribute`, each once. */
export function referencedOfType(
  graph: StackGraph,
  from: Block,
  attribute: string,
  type: string,
): Block[] {
  const out: Block[] = [];
  for (const e of graph.refsFrom(from.address, attribute)) {
    const b = graph.block(e.to);
    if (b && b.type === type && !out.includes(b)) out.push(b);
  }
  return out;
}

/** Resources of `type` whose `attribute` (any attribute when omitted) references `target`. */
export function referrers(
  graph: StackGraph,
  target: Block,
  type: string,
  attribute?: string,
): Block[] {
  const out: Block[] = [];
  for (const e of graph.refsTo(target.address)) {
    if (
      attribute !== undefined &&
      e.attribute !== attribute &&
      !e.attribute.startsWith(`${attribute}.`)
    )
      continue;
    const b = graph.block(e.from);
    if (b && b.type === type && !out.includes(b)) out.push(b);
  }
  return out;
}

/** A short human name for a block in messages: its construct path, or its address. */
export function describe(block: Block): string {
  return block.constructPath ? `${block.address} (${block.constructPath})` : block.address;
}
