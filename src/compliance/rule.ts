/** What a rule is: metadata an auditor reads, plus a pure check over one stack's graph. */
import type { Block, StackGraph } from '../tfjson/graph';
import { attr } from '../tfjson/graph';
import { isComputed } from '../tfjson/values';

// The value helpers every rule uses, from the Terraform-JSON floor.
export { isComputed, isFalse, isTrue, num } from '../tfjson/values';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Equivalent rule IDs in other tools (from `docs/scanner-catalogue.md`). */
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
  /**
   * The value the rule needs is computed by Terraform at apply time (`${...}` where a
   * literal is expected), so the gate can neither pass nor fail it. @default false
   */
  readonly unknown?: true;
}

export interface Rule extends RuleMeta {
  /**
   * The findings on `graph`. `stacks` are every stack of the run (`graph` among them), for
   * the rules that compare environments (PAY-ACCT-002); the others ignore it.
   */
  check(graph: StackGraph, stacks?: readonly StackGraph[]): Violation[];
  /** The one attribute an `attributeRule` reads (dotted path). @default none */
  readonly attribute?: string;
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

/**
 * A rule about one attribute of each resource of its types, in the manner of Checkov's
 * `BaseResourceValueCheck`: the attribute's literal value complies or not; a value Terraform
 * computes at apply time is reported as unknown rather than passed or failed.
 */
export function attributeRule(
  meta: RuleMeta & {
    /** Dotted path, as `attr` reads it (`metadata_options.http_tokens`). */
    readonly attribute: string;
    /** True when the value complies; `undefined` when the attribute is absent. */
    readonly complies: (value: unknown) => boolean;
    /** What is wrong when the value does not comply. */
    readonly problem: string | ((value: unknown) => string);
    /**
     * A reference is itself the expected value (a key ARN where "set" is all that counts),
     * so computed values are tested by `complies` like literals. @default false
     */
    readonly acceptsReferences?: boolean;
    /** Only blocks for which this holds are checked. @default every block of the types */
    readonly appliesWhen?: (block: Block, graph: StackGraph) => boolean;
  },
): Rule {
  const { attribute, complies, problem, acceptsReferences, appliesWhen, ...rest } = meta;
  return {
    ...rest,
    attribute,
    check(graph) {
      const out: Violation[] = [];
      if (!inScope(rest, graph)) return out;
      for (const type of rest.resourceTypes) {
        for (const block of graph.resources(type)) {
          if (appliesWhen && !appliesWhen(block, graph)) continue;
          const value = attr(block.attrs, attribute);
          if (!acceptsReferences && isComputed(value)) {
            out.push({
              address: block.address,
              message: `${attribute} is computed at apply time (${value}), so it cannot be checked before deploy`,
              unknown: true,
            });
          } else if (!complies(value)) {
            out.push({
              address: block.address,
              message: typeof problem === 'string' ? problem : problem(value),
            });
          }
        }
      }
      return out;
    },
  };
}

/** A rule over the whole graph. */
export function graphRule(
  meta: RuleMeta & {
    readonly check: (g: StackGraph, stacks?: readonly StackGraph[]) => Violation[];
  },
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

/** Is this stack production? */
export function isProd(graph: StackGraph): boolean {
  return graph.profile === 'prod';
}
