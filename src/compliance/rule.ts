/** What a rule is: metadata an auditor reads, plus a pure check over one stack's graph. */
import type { Block, StackGraph } from './graph';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Equivalent rule IDs in other tools (from `policy-catalogue.md`). */
export interface Equivalents {
  readonly checkov?: readonly string[];
  readonly trivy?: readonly string[];
  /** First 8 hex characters of the KICS query UUID. */
  readonly kics?: readonly string[];
  readonly securityHub?: readonly string[];
  readonly cdkNag?: readonly string[];
}

export interface RuleMeta {
  /** `PAY-<AREA>-<NNN>`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Resource types the rule looks at; `*` for every stack. */
  readonly resourceTypes: readonly string[];
  /** PCI DSS v4.0 requirement numbers. */
  readonly pci: readonly string[];
  readonly equivalents: Equivalents;
  /** Catalogue row(s) the rule implements (`S3`, `V1`; several joined by `/`: `L8/L9`). */
  readonly catalogue?: string;
  readonly rationale: string;
  readonly remediation: string;
  /**
   * The rule protects production only (deletion protection, final snapshots): outside prod
   * the engine does not run it and reports `n/a`, never `pass`. @default false
   */
  readonly prodOnly?: boolean;
}

/** A finding before the engine stamps it with the rule and the stack. */
export interface Violation {
  readonly address: string;
  readonly message: string;
}

export interface Rule extends RuleMeta {
  check(graph: StackGraph): Violation[];
}

/** A rule that looks at each resource of its types independently. */
export function resourceRule(
  meta: RuleMeta & {
    /** A message when `block` breaks the rule, or undefined when it complies. */
    readonly test: (block: Block, graph: StackGraph) => string | string[] | undefined;
  },
): Rule {
  const { test, ...rest } = meta;
  return {
    ...rest,
    check(graph) {
      const out: Violation[] = [];
      if (!inScope(meta, graph)) return out;
      for (const type of meta.resourceTypes) {
        for (const block of graph.resources(type)) {
          const result = test(block, graph);
          const messages = result === undefined ? [] : Array.isArray(result) ? result : [result];
          for (const message of messages) out.push({ address: block.address, message });
        }
      }
      return out;
    },
  };
}

/** A rule over the whole graph. */
export function graphRule(
  meta: RuleMeta & { readonly check: (g: StackGraph) => Violation[] },
): Rule {
  return meta;
}

/** True when the rule is meant for this stack at all (a prod-only rule outside prod is not). */
export function inScope(rule: RuleMeta, graph: StackGraph): boolean {
  return !rule.prodOnly || isProd(graph);
}

/** True when the rule looks at anything in this stack (for the "not applicable" status). */
export function appliesTo(rule: RuleMeta, graph: StackGraph): boolean {
  return (
    inScope(rule, graph) &&
    rule.resourceTypes.some((t) => t === '*' || graph.resources(t).length > 0)
  );
}

/** True when a value is literally `true` (booleans may also arrive as strings). */
export function isTrue(v: unknown): boolean {
  return v === true || v === 'true';
}

export function isFalse(v: unknown): boolean {
  return v === false || v === 'false';
}

/** A literal number, or undefined when absent or computed. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(v)) return Number(v);
  return undefined;
}

/** Is this stack production? */
export function isProd(graph: StackGraph): boolean {
  return graph.profile === 'prod';
}
