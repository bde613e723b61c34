import { InputProblem } from '../errors/problems';

/** One thing wrong with the configuration, in the words a user needs to fix it. */
export interface ConfigProblem {
  /** Environment variable or config-file key path, e.g. `AWS_REGION` or `tags.Team`. */
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

export function formatProblem(problem: ConfigProblem): string {
  return `${problem.field}: ${show(problem.value)} ${problem.rule}. Example: ${problem.example}.`;
}

/** Every configuration problem found, reported together. */
export class ConfigError extends InputProblem {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(ConfigError.render(problems));
    this.name = 'ConfigError';
  }

  static render(problems: readonly ConfigProblem[]): string {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((p) => `  ${formatProblem(p)}`);
    return [`Invalid configuration (${count}):`, ...lines, 'Nothing was synthesized.'].join('\n');
  }
}

/**
 * A construct was given props that break a rule configuration validation also enforces (the
 * same check, see `src/config/checks.ts`): a defect in the caller, reported with the
 * construct's path so the caller is found at once.
 */
export class InvalidPropsError extends Error {
  constructor(
    readonly constructPath: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    const lines = problems.map((p) => `  ${formatProblem(p)}`);
    super([`Invalid props for construct ${constructPath}:`, ...lines].join('\n'));
    this.name = 'InvalidPropsError';
  }
}

/** Throws an `InvalidPropsError` naming `scope`'s path when there is any problem. */
export function assertValidProps(
  scope: { readonly node: { readonly path: string } },
  problems: readonly (ConfigProblem | undefined)[],
): void {
  const found = problems.filter((p): p is ConfigProblem => p !== undefined);
  if (found.length > 0) throw new InvalidPropsError(scope.node.path, found);
}
