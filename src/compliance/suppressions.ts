/**
 * Suppressions: reviewed, reasoned exceptions kept in one file (`compliance/suppressions.json`).
 * Each names a rule, a resource address (glob: `*` any characters, `?` one), a reason an
 * auditor accepts, and optionally an expiry date, the stacks it applies to (glob) and a
 * `when` guard: resources (type, and literal attribute values) of which one must exist in a
 * stack for the suppression to be active there. A guarded suppression that is active
 * somewhere must match; one active nowhere is reported as dormant.
 *
 * A suppression without a reason, for an unknown rule, past its expiry, or matching nothing
 * in the stacks where it is active is itself an error: exceptions cannot rot silently.
 */
import { z } from 'zod';
import type { StackGraph } from '../tfjson/graph';

export const MIN_REASON_LENGTH = 30;

const suppressionSchema = z
  .object({
    rule: z.string().regex(/^PAY-[A-Z0-9]+-\d{3}$/, 'is not a rule ID like PAY-S3-004'),
    resource: z.string().min(1, 'is empty'),
    reason: z
      .string({ error: 'is required: say why, in a sentence an auditor accepts' })
      .trim()
      .min(
        MIN_REASON_LENGTH,
        `is shorter than ${MIN_REASON_LENGTH} characters: say why, in a sentence an auditor accepts`,
      ),
    // A real day, not only the shape: 2027-13-01 would sort after every date and never expire.
    expires: z.iso.date({ error: 'is not a calendar date like 2027-06-30' }).optional(),
    stack: z.string().min(1).optional(),
    when: z
      .array(
        z
          .object({
            type: z.string().min(1),
            attributes: z
              .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
              .optional(),
          })
          .strict(),
      )
      .min(1)
      .optional(),
    /** Free text for reviewers (ticket, approver, removal condition). */
    note: z.string().optional(),
  })
  .strict();

const fileSchema = z
  .object({
    $comment: z.string().optional(),
    suppressions: z.array(z.unknown()),
  })
  .strict();

export type Suppression = z.infer<typeof suppressionSchema> & { readonly index: number };

export interface SuppressionFile {
  readonly path: string;
  readonly suppressions: readonly Suppression[];
  /** Problems found while reading (each one line). */
  readonly errors: readonly string[];
}

/** Parses the file's text; every problem is collected, none thrown. */
export function parseSuppressions(path: string, text: string | undefined): SuppressionFile {
  if (text === undefined) return { path, suppressions: [], errors: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      path,
      suppressions: [],
      errors: [`${path}: not valid JSON (${(error as Error).message})`],
    };
  }
  const file = fileSchema.safeParse(json);
  if (!file.success) {
    return {
      path,
      suppressions: [],
      errors: [
        `${path}: expected {"suppressions": [...]} (${file.error.issues.map((i) => i.message).join('; ')})`,
      ],
    };
  }
  const suppressions: Suppression[] = [];
  const errors: string[] = [];
  file.data.suppressions.forEach((raw, index) => {
    const parsed = suppressionSchema.safeParse(raw);
    if (parsed.success) suppressions.push({ ...parsed.data, index });
    else {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.') || '(entry)';
        errors.push(`${path}: suppression #${index + 1}${label(raw)}: ${field} ${issue.message}`);
      }
    }
  });
  return { path, suppressions, errors };
}

function label(raw: unknown): string {
  if (raw && typeof raw === 'object' && 'rule' in raw && 'resource' in raw) {
    const r = raw as { rule: unknown; resource: unknown };
    return ` (${String(r.rule)} on ${String(r.resource)})`;
  }
  return '';
}

/** Glob over addresses: `*` matches any run of characters, `?` exactly one. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

export function describeSuppression(s: Suppression): string {
  return `#${s.index + 1} ${s.rule} on ${s.resource}${s.stack ? ` in ${s.stack}` : ''}`;
}

export interface SuppressionMatcher {
  /** The suppression covering this finding, if any (the first in file order). */
  match(ruleId: string, graph: StackGraph, address: string): Suppression | undefined;
  /** Errors after all stacks were checked: expired, unknown rule, matched nothing. */
  finish(knownRules: ReadonlySet<string>, graphs: readonly StackGraph[]): string[];
}

/** True when the suppression's `when` guard holds in this stack (or it has none). */
export function guardHolds(s: Suppression, graph: StackGraph): boolean {
  if (!s.when) return true;
  return s.when.some((w) =>
    graph
      .resources(w.type)
      .some((b) => Object.entries(w.attributes ?? {}).every(([k, v]) => b.attrs[k] === v)),
  );
}

export function matcher(file: SuppressionFile, today: string): SuppressionMatcher {
  const compiled = file.suppressions.map((s) => ({
    s,
    resource: globToRegExp(s.resource),
    stack: s.stack ? globToRegExp(s.stack) : undefined,
  }));
  const used = new Set<number>();
  const activeIn = (c: (typeof compiled)[number], graph: StackGraph): boolean =>
    (!c.stack || c.stack.test(graph.name)) && guardHolds(c.s, graph);
  return {
    match(ruleId, graph, address) {
      for (const c of compiled) {
        if (c.s.rule !== ruleId || !c.resource.test(address) || !activeIn(c, graph)) continue;
        if (c.s.expires && c.s.expires < today) continue;
        used.add(c.s.index);
        return c.s;
      }
      return undefined;
    },
    finish(knownRules, graphs) {
      const errors: string[] = [];
      for (const c of compiled) {
        const where = `${file.path}: suppression ${describeSuppression(c.s)}`;
        if (!knownRules.has(c.s.rule)) {
          errors.push(`${where}: unknown rule ${c.s.rule}`);
          continue;
        }
        if (c.s.expires && c.s.expires < today) {
          errors.push(
            `${where}: expired on ${c.s.expires}; renew it with a new review or fix the finding`,
          );
          continue;
        }
        const active = graphs.some((g) => activeIn(c, g));
        if (active && !used.has(c.s.index)) {
          errors.push(`${where}: matches no finding in the stacks checked; remove it`);
        }
      }
      return errors;
    },
  };
}
