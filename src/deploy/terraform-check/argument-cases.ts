/**
 * Every argument the stacks set, planned by the real provider: for each resource type the
 * variants synthesize and each argument path they set (`launch_template.id` for an argument
 * inside a block), one resource whose state holds the synthesized value and whose
 * configuration makes that one value unknown (the output of a `terraform_data` being created,
 * which is unknown until apply). Terraform asks the provider to plan it with `-refresh=false`:
 * an argument whose change forces a new resource shows in the plan's `replace_paths`, one
 * that updates in place does not. Validators skip unknown values, so one generic new value
 * works for every argument; conditional cases (an NLB's subnets) are planned with concrete
 * values by ./replacement.ts.
 *
 * References in the synthesized values (`${aws_subnet.x.id}`) become literal placeholders of
 * the shape the provider's validators accept, in state and configuration alike.
 */
import { isObject } from '../../tfjson/graph';
import { forcingArguments, replacementEntry, touches } from '../../review/diff/replacement';

/** The parts of `terraform providers schema -json` this module reads. */
export interface SchemaAttribute {
  readonly type?: unknown;
  readonly optional?: boolean;
  readonly required?: boolean;
  readonly computed?: boolean;
}
export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, SchemaAttribute>>;
  readonly block_types?: Readonly<
    Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock }>
  >;
}
export interface ResourceSchema {
  readonly version: number;
  readonly block: SchemaBlock;
}

export interface ArgumentCase {
  readonly type: string;
  /** Dotted path without list indices: `cidr_block`, `launch_template.id`. */
  readonly path: string;
  /** The configuration of the resource, the path's value replaced by an unknown. */
  readonly config: Record<string, unknown>;
  /** The state's attributes (the synthesized values, placeholders for references). */
  readonly state: Record<string, unknown>;
}

/** Meta-arguments and blocks that are not the resource's own arguments. */
const META = new Set([
  '//',
  'provider',
  'lifecycle',
  'depends_on',
  'count',
  'for_each',
  'timeouts',
  'tags',
  'tags_all',
]);

/** The unknown value per attribute type: a `terraform_data` output of that type. */
export const UNKNOWN_SOURCES: Readonly<Record<string, unknown>> = {
  string: 'unknown',
  number: 1,
  bool: true,
  list: ['unknown'],
  map: { unknown: 'unknown' },
};

function unknownKind(type: unknown): string | undefined {
  if (type === 'string' || type === 'number' || type === 'bool') return type;
  if (Array.isArray(type) && type[1] === 'string') {
    if (type[0] === 'list' || type[0] === 'set') return 'list';
    if (type[0] === 'map') return 'map';
  }
  return undefined;
}

const ID_PREFIX: Readonly<Record<string, string>> = {
  aws_subnet: 'subnet-0',
  aws_vpc: 'vpc-0',
  aws_security_group: 'sg-0',
  aws_nat_gateway: 'nat-0',
  aws_internet_gateway: 'igw-0',
  aws_route_table: 'rtb-0',
  aws_eip: 'eipalloc-0',
  aws_launch_template: 'lt-0',
  aws_vpc_endpoint: 'vpce-0',
};

/** Values of the data sources the stacks read for ARNs they build. */
const CONTEXT: readonly (readonly [RegExp, string])[] = [
  [/^data\.aws_partition\.[^.]+\.(partition|id)/, 'aws'],
  [/^data\.aws_partition\.[^.]+\.dns_suffix/, 'amazonaws.com'],
  [/^data\.aws_region\.[^.]+\.(name|id|region)/, 'eu-west-1'],
  [/^data\.aws_caller_identity\.[^.]+\.account_id/, '123456789012'],
];

/** A literal in place of one `${...}` expression, shaped for the attribute it sits in. */
function placeholder(expression: string, attribute: string, whole = true): string {
  const known = CONTEXT.find(([pattern]) => pattern.test(expression));
  if (known) return known[1];
  const ref = /^(?:data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)/.exec(expression);
  if (!whole && ref?.[3] !== 'arn') return 'placeholder';
  if (attribute === 'type' && expression.startsWith('each.')) return 'CNAME';
  const suffix = (ref?.[2] ?? 'x')
    .replace(/_[0-9A-F]{8}$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(-20);
  const attr = ref?.[3] ?? '';
  if (attr === 'arn' || (whole && /arn$/.test(attribute)) || attribute.endsWith('_arns'))
    return `arn:aws:${(ref?.[1] ?? 'aws_iam').split('_')[1]}:eu-west-1:123456789012:placeholder/${suffix}`;
  if (attr === 'id' && ref && ID_PREFIX[ref[1]!]) return `${ID_PREFIX[ref[1]!]}${suffix}`;
  if (attr === 'id' && ref?.[1] === 'aws_kms_key') return '11111111-1111-1111-1111-111111111111';
  if (attribute === 'availability_zone') return 'eu-west-1a';
  if (attribute === 'availability_zone_id') return 'euw1-az1';
  return `placeholder${suffix}`;
}

/** A synthesized value with every `${...}` replaced by a literal placeholder. */
export function literal(value: unknown, attribute: string, type?: unknown): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    const kind = unknownKind(type);
    if (kind === 'number') return 1;
    if (kind === 'bool') return true;
    if (kind === 'list' && /^\$\{[^}]*\}$/.test(value))
      return [placeholder(value.slice(2), attribute)];
    const whole = /^\$\{[^}]*\}$/.test(value);
    return value.replace(/\$\{([^}]*)\}/g, (_, e: string) => placeholder(e, attribute, whole));
  }
  if (Array.isArray(value)) return value.map((v) => literal(v, attribute));
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v, k)]));
  return value;
}

/** The configuration value of a block's arguments, shaped by the schema (blocks as lists). */
function shape(args: Record<string, unknown>, block: SchemaBlock): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    if (META.has(name)) continue;
    const attribute = block.attributes?.[name];
    if (attribute) {
      out[name] = literal(value, name, attribute.type);
      continue;
    }
    const nested = block.block_types?.[name];
    if (!nested) continue;
    const items = (Array.isArray(value) ? value : [value]).filter(isObject);
    const shaped = items.map((i) => shape(i, nested.block));
    out[name] = nested.nesting_mode === 'single' ? shaped[0] : shaped;
  }
  return out;
}

/** Every leaf argument path a resource sets (blocks descended, list indices dropped). */
export function argumentPaths(
  args: Record<string, unknown>,
  block: SchemaBlock,
  prefix = '',
): string[] {
  const paths: string[] = [];
  for (const [name, value] of Object.entries(args)) {
    if (META.has(name)) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    if (block.attributes?.[name]) paths.push(path);
    const nested = block.block_types?.[name];
    if (!nested) continue;
    for (const item of (Array.isArray(value) ? value : [value]).filter(isObject))
      paths.push(...argumentPaths(item, nested.block, path));
  }
  return [...new Set(paths)];
}

/** The schema attribute at a dotted path. */
function attributeAt(block: SchemaBlock, path: string): SchemaAttribute | undefined {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return block.attributes?.[head!];
  const nested = block.block_types?.[head!];
  return nested ? attributeAt(nested.block, rest.join('.')) : undefined;
}

/** True when a shaped configuration sets the dotted path. */
function has(config: unknown, path: string): boolean {
  const [head, ...rest] = path.split('.');
  if (!isObject(config) || !(head! in config)) return false;
  if (rest.length === 0) return true;
  const next = config[head!];
  return (Array.isArray(next) ? next : [next]).some((item) => has(item, rest.join('.')));
}

/** Sets the value at a dotted path, in the first item of each block that sets it. */
function setAt(config: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) {
    config[head!] = value;
    return;
  }
  const next = config[head!];
  const item = (Array.isArray(next) ? next : [next]).find((i) => has(i, rest.join('.')));
  if (isObject(item)) setAt(item, rest.join('.'), value);
}

/**
 * Concrete new values where an unknown one trips a `CustomizeDiff` check that needs the value
 * (the alarm's "one of statistic or extended_statistic").
 */
const CONCRETE: Readonly<Record<string, unknown>> = {
  'aws_cloudwatch_metric_alarm.statistic': 'Maximum',
  'aws_cloudwatch_metric_alarm.extended_statistic': 'p95',
};

/** The unknown expression for an attribute type, or undefined when none is provided. */
export function unknownFor(type: unknown): string | undefined {
  const kind = unknownKind(type);
  return kind ? `\${terraform_data.unknown_${kind}.output}` : undefined;
}

/**
 * One case per (type, argument path) over the synthesized stacks: the first resource that
 * sets the path is its base. Paths whose type has no generic unknown (a list of objects) are
 * returned as unplanned.
 */
export function argumentCases(
  stacks: readonly Record<string, unknown>[],
  schemas: Readonly<Record<string, ResourceSchema>>,
): { readonly cases: ArgumentCase[]; readonly unplanned: string[] } {
  const seen = new Set<string>();
  const cases: ArgumentCase[] = [];
  const unplanned: string[] = [];
  for (const json of stacks) {
    const resources = (json['resource'] ?? {}) as Record<string, Record<string, unknown>>;
    for (const [type, byName] of Object.entries(resources)) {
      const schema = schemas[type];
      for (const args of Object.values(byName).filter(isObject)) {
        if (!schema) {
          if (!seen.has(type)) unplanned.push(`${type} (its provider is not installed)`);
          seen.add(type);
          continue;
        }
        for (const path of argumentPaths(args, schema.block)) {
          const key = `${type}.${path}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const unknown = CONCRETE[key] ?? unknownFor(attributeAt(schema.block, path)?.type);
          if (unknown === undefined) {
            unplanned.push(`${key} (no generic unknown value for its type)`);
            continue;
          }
          const config = shape(args, schema.block);
          setAt(config, path, unknown);
          cases.push({ type, path, config, state: shape(args, schema.block) });
        }
      }
    }
  }
  return { cases, unplanned };
}

/** The resource name of a case. */
export function argumentCaseName(c: ArgumentCase): string {
  return `arg_${c.path.replace(/[^a-z0-9]/gi, '_')}`;
}

/** `["launch_template", 0, "id"]` -> `launch_template.id`. */
export function pathOf(replacePath: readonly unknown[]): string {
  return replacePath.filter((p) => typeof p === 'string').join('.');
}

/** True when a planned replace path and an argument path are the same or one holds the other. */
export function pathsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * The configuration's `resource` entries and the state's resources of the cases (and the
 * `terraform_data` unknowns they read), to merge into a workspace.
 */
export function argumentWorkspace(
  cases: readonly ArgumentCase[],
  providerAddress: string,
  schemaVersion: (type: string) => number,
): { readonly resource: Record<string, Record<string, unknown>>; readonly resources: object[] } {
  const resource: Record<string, Record<string, unknown>> = {
    terraform_data: Object.fromEntries(
      Object.entries(UNKNOWN_SOURCES).map(([kind, input]) => [`unknown_${kind}`, { input }]),
    ),
  };
  const resources: object[] = [];
  for (const c of cases) {
    const name = argumentCaseName(c);
    (resource[c.type] ??= {})[name] = c.config;
    resources.push({
      mode: 'managed',
      type: c.type,
      name,
      provider: providerAddress,
      instances: [
        {
          schema_version: schemaVersion(c.type),
          attributes: {
            id: `${name}-id`,
            arn: `arn:aws:example:eu-west-1:123456789012:${name}`,
            ...c.state,
          },
        },
      ],
    });
  }
  return { resource, resources };
}

interface PlannedChange {
  readonly address: string;
  readonly change: { readonly actions: readonly string[]; readonly replace_paths?: unknown[][] };
}

/** What the plan did with each case: `replace`, `update`, or another action list. */
export function argumentOutcomes(
  cases: readonly ArgumentCase[],
  plan: { readonly resource_changes?: readonly PlannedChange[] },
): Map<ArgumentCase, 'replace' | 'update' | string> {
  const byAddress = new Map((plan.resource_changes ?? []).map((r) => [r.address, r.change]));
  const out = new Map<ArgumentCase, string>();
  for (const c of cases) {
    const change = byAddress.get(`${c.type}.${argumentCaseName(c)}`);
    const replaced = (change?.replace_paths ?? []).some((p) => pathsOverlap(pathOf(p), c.path));
    out.set(
      c,
      replaced
        ? 'replace'
        : change && change.actions.includes('update')
          ? 'update'
          : (change?.actions.join('+') ?? 'absent'),
    );
  }
  return out;
}

/**
 * Each argument where the plan and the diff's table disagree: the plan replaced the resource
 * for an argument the table does not list, or updated in place one it lists. Arguments the
 * table lists as conditional are decided by the concrete cases of ./replacement.ts instead.
 */
export function argumentMismatches(
  cases: readonly ArgumentCase[],
  outcomes: ReadonlyMap<ArgumentCase, string>,
): string[] {
  const out: string[] = [];
  for (const c of cases) {
    const conditional = Object.keys(replacementEntry(c.type)?.conditional ?? {});
    if (conditional.some((a) => touches(a, c.path))) continue;
    const table = forcingArguments(c.type, [c.path]).length > 0 ? 'replace' : 'update';
    const plan = outcomes.get(c) ?? 'absent';
    const planned = plan === 'replace' ? 'replace' : plan === 'absent' ? 'absent' : 'update';
    if (planned !== table)
      out.push(
        `${c.type}.${c.path}: the table says ${table === 'replace' ? 'it forces a new resource' : 'it updates in place'}, the plan says ${plan}${replacementEntry(c.type) ? '' : ' (the type is not in the table)'}`,
      );
  }
  return out;
}
