/**
 * IAM-style policies read from the graph: a policy attribute is either a JSON string (with
 * `${...}` references inside its JSON strings, which stay as text) or a reference to a
 * `data.aws_iam_policy_document` block (`${data.aws_iam_policy_document.p.json}`), whose
 * `statement` blocks are read directly.
 */
import type { Attrs, Block, StackGraph } from './graph';
import { attr, blockList, isObject, stringList } from './graph';

export interface Statement {
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  /** Principal type -> identifiers; `{ '*': ['*'] }` for `"Principal": "*"`. */
  readonly principals: Readonly<Record<string, readonly string[]>>;
  readonly notPrincipal: boolean;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** Operator -> condition key -> values. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export type PolicyResult =
  | { readonly ok: true; readonly statements: readonly Statement[] }
  | { readonly ok: false; readonly reason: string };

const DOC_REF = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$/;

/** Reads the policy in `block.attrs[attribute]`; `undefined` when the attribute is absent. */
export function readPolicy(
  graph: StackGraph,
  block: Block,
  attribute = 'policy',
): PolicyResult | undefined {
  const value = attr(block.attrs, attribute);
  if (value === undefined || value === null || value === '') return undefined;
  return policyFromValue(graph, value);
}

export function policyFromValue(graph: StackGraph, value: unknown, depth = 0): PolicyResult {
  if (isObject(value)) return fromJsonObject(value);
  if (typeof value !== 'string') return { ok: false, reason: 'policy is not a string' };
  const docRef = DOC_REF.exec(value.trim());
  if (docRef) {
    const doc = graph.block(`data.aws_iam_policy_document.${docRef[1]}`);
    if (!doc) return { ok: false, reason: `${value} names a missing policy document` };
    // Statements merged in from source_policy_documents and override_policy_documents
    // (references to other documents or JSON strings) are part of the policy too.
    const merged: Statement[] = [];
    for (const attribute of ['source_policy_documents', 'override_policy_documents']) {
      for (const part of stringList(doc.attrs[attribute])) {
        if (depth > 10) return { ok: false, reason: `${attribute} nest too deeply` };
        const result = policyFromValue(graph, part, depth + 1);
        if (!result.ok) return { ok: false, reason: `${attribute}: ${result.reason}` };
        merged.push(...result.statements);
      }
    }
    return { ok: true, statements: [...merged, ...fromPolicyDocument(doc.attrs)] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { ok: false, reason: 'policy is not JSON (computed policies cannot be checked)' };
  }
  if (!isObject(parsed)) return { ok: false, reason: 'policy JSON is not an object' };
  return fromJsonObject(parsed);
}

function fromJsonObject(doc: Attrs): PolicyResult {
  const raw = doc['Statement'];
  const list = Array.isArray(raw) ? raw : [raw];
  const statements: Statement[] = [];
  for (const s of list) {
    if (!isObject(s)) return { ok: false, reason: 'a statement is not an object' };
    statements.push({
      sid: typeof s['Sid'] === 'string' ? s['Sid'] : undefined,
      effect: s['Effect'] === 'Deny' ? 'Deny' : 'Allow',
      principals: principalsOf(s['Principal'] ?? s['NotPrincipal']),
      notPrincipal: s['NotPrincipal'] !== undefined,
      actions: stringList(s['Action']),
      notActions: stringList(s['NotAction']),
      resources: stringList(s['Resource']),
      notResources: stringList(s['NotResource']),
      conditions: conditionsOf(s['Condition']),
    });
  }
  return { ok: true, statements };
}

function principalsOf(p: unknown): Record<string, string[]> {
  if (p === undefined) return {};
  if (typeof p === 'string') return { [p === '*' ? '*' : 'AWS']: [p] };
  if (!isObject(p)) return {};
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, stringList(v)]));
}

function conditionsOf(c: unknown): Record<string, Record<string, string[]>> {
  if (!isObject(c)) return {};
  const out: Record<string, Record<string, string[]>> = {};
  for (const [op, keys] of Object.entries(c)) {
    if (!isObject(keys)) continue;
    out[op] = Object.fromEntries(
      Object.entries(keys).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : [String(v)]]),
    );
  }
  return out;
}

/** Statements of an `aws_iam_policy_document` data source (Terraform attribute names). */
function fromPolicyDocument(doc: Attrs): Statement[] {
  return blockList(doc['statement']).map((s) => {
    const principals: Record<string, string[]> = {};
    const notPrincipals = blockList(s['not_principals']);
    for (const p of [...blockList(s['principals']), ...notPrincipals]) {
      const type = typeof p['type'] === 'string' ? p['type'] : 'AWS';
      const ids = stringList(p['identifiers']);
      principals[type === '*' ? '*' : type] = [...(principals[type] ?? []), ...ids];
    }
    const conditions: Record<string, Record<string, string[]>> = {};
    for (const c of blockList(s['condition'])) {
      const test = String(c['test']);
      conditions[test] = { ...conditions[test], [String(c['variable'])]: stringList(c['values']) };
    }
    return {
      sid: typeof s['sid'] === 'string' ? s['sid'] : undefined,
      effect: s['effect'] === 'Deny' ? 'Deny' : 'Allow',
      principals,
      notPrincipal: notPrincipals.length > 0,
      actions: stringList(s['actions']),
      notActions: stringList(s['not_actions']),
      resources: stringList(s['resources']),
      notResources: stringList(s['not_resources']),
      conditions,
    };
  });
}

/** True when the statement's principal is everyone (`*` or `{"AWS": "*"}`). */
export function isAnyPrincipal(s: Statement): boolean {
  return Object.values(s.principals).some((ids) => ids.includes('*'));
}

/** Condition keys that pin an anonymous principal to this account or organisation. */
const SCOPING_KEYS = [
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:principalorgid',
  'aws:principalaccount',
  'aws:sourcevpc',
  'aws:sourcevpce',
];

/**
 * Operators that narrow a scoping key to the listed values. Negated operators widen the
 * statement ("everyone except ..."), and `...IfExists` ones pass when the key is absent
 * (aws:SourceAccount is absent on direct calls by principals of other accounts).
 */
const NARROWING_OPERATORS = ['stringequals', 'stringlike', 'arnequals', 'arnlike'];

/** True when a condition restricts who the statement applies to. */
export function isScopedByCondition(s: Statement): boolean {
  return Object.entries(s.conditions).some(
    ([operator, keys]) =>
      // ForAllValues: is also true when the key is absent, so only plain and ForAnyValue:.
      NARROWING_OPERATORS.includes(operator.toLowerCase().replace(/^foranyvalue:/, '')) &&
      Object.entries(keys).some(
        ([k, values]) =>
          SCOPING_KEYS.includes(k.toLowerCase()) &&
          values.length > 0 &&
          values.every((v) => v !== '' && !/^[*?]+$/.test(v)),
      ),
  );
}

/** An `Allow` statement open to anyone, with no condition scoping it. */
export function isPublicAllow(s: Statement): boolean {
  return s.effect === 'Allow' && (isAnyPrincipal(s) || s.notPrincipal) && !isScopedByCondition(s);
}

/** Action patterns match case-insensitively, with `*` and `?` wildcards (IAM semantics). */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcard(pattern.toLowerCase()).test(action.toLowerCase());
}

export function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * Whether a Resource pattern matches an ARN as IAM matches it: `*` and `?` stand for any
 * characters within one colon-separated segment, and a `*` that ends a segment (or the
 * pattern) may also match across colons ("IAM JSON policy elements: Resource", using
 * wildcards in resource ARNs:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
 * Stricter than `wildcard`, which lets every `*` cross colons: use this one to show a
 * pattern does reach a resource, `wildcard` to show it cannot.
 */
export function resourceMatches(pattern: string, arn: string): boolean {
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') body += i + 1 === pattern.length || pattern[i + 1] === ':' ? '.*' : '[^:]*';
    else if (c === '?') body += '[^:]';
    else body += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${body}$`).test(arn);
}

/** True when the statement denies requests that do not use TLS. */
export function deniesInsecureTransport(s: Statement): boolean {
  if (s.effect !== 'Deny') return false;
  const bool = s.conditions['Bool'] ?? s.conditions['BoolIfExists'];
  return bool?.['aws:SecureTransport']?.some((v) => v === 'false') ?? false;
}

/**
 * Problems of resource policies that must not be public: one message per policy that
 * cannot be read and per Allow statement open to anyone. `what` names the policy.
 */
export function publicPolicyProblems(policies: readonly PolicyResult[], what: string): string[] {
  const out: string[] = [];
  for (const p of policies) {
    if (!p.ok) out.push(`${what} cannot be checked: ${p.reason}`);
    else {
      for (const s of p.statements.filter(isPublicAllow)) {
        out.push(`${what} statement ${s.sid ?? '(no Sid)'} allows any principal`);
      }
    }
  }
  return out;
}
