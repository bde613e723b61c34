/**
 * One thing wrong with a value, in the words a reader needs to fix it, and the error a
 * construct throws when its props break a rule: the shape configuration validation
 * (`src/config/errors.ts`, `ConfigProblem`) and the constructs' guards share.
 */

/** One thing wrong, in the words a user needs to fix it. */
export interface Problem {
  /** Environment variable, config-file key path or prop, e.g. `AWS_REGION` or `tags.Team`. */
  readonly field: string;
  /** What was given; `undefined` when the field is missing. */
  readonly value: unknown;
  /** The rule broken, phrased to follow the value: `is outside 2-6`. */
  readonly rule: string;
  /** A valid value, written as the user would write it. */
  readonly example: string;
}

function show(value: unknown): string {
  if (value === undefined) return '(not set)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatProblem(problem: Problem): string {
  return `${problem.field}: ${show(problem.value)} ${problem.rule}. Example: ${problem.example}.`;
}

/**
 * A construct was given props that break a rule configuration validation also enforces (the
 * same check, see `limits.ts`, or the same AWS fact): a defect in the caller, reported with
 * the construct's path so the caller is found at once.
 */
export class InvalidPropsError extends Error {
  constructor(
    readonly constructPath: string,
    readonly problems: readonly Problem[],
  ) {
    const lines = problems.map((p) => `  ${formatProblem(p)}`);
    super([`Invalid props for construct ${constructPath}:`, ...lines].join('\n'));
    this.name = 'InvalidPropsError';
  }
}

/** Throws an `InvalidPropsError` naming `scope`'s path when there is any problem. */
export function assertValidProps(
  scope: { readonly node: { readonly path: string } },
  problems: readonly (Problem | undefined)[],
): void {
  const found = problems.filter((p): p is Problem => p !== undefined);
  if (found.length > 0) throw new InvalidPropsError(scope.node.path, found);
}
