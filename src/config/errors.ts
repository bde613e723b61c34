import { InputProblem } from '../errors/problems';
import type { Problem } from '../validation/problem';
import { formatProblem } from '../validation/problem';

/** One thing wrong with the configuration, in the words a user needs to fix it. */
export type ConfigProblem = Problem;

export { formatProblem };

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
