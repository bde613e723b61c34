import type { Rule, RuleMeta } from '../rule';
import { resourceRule } from '../rule';
import type { Attrs, Block } from '../../tfjson/graph';
import { isObject } from '../../tfjson/graph';

/** The container definitions of a task definition (a JSON string in Terraform). */
export function containersOf(task: Block): { containers: Attrs[]; error?: string } {
  const raw = task.attrs['container_definitions'];
  if (Array.isArray(raw)) return { containers: raw.filter(isObject) };
  if (typeof raw !== 'string') return { containers: [], error: 'container_definitions is missing' };
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed)
      ? { containers: parsed.filter(isObject) }
      : { containers: [], error: 'container_definitions is not a JSON array' };
  } catch {
    return {
      containers: [],
      error: 'container_definitions is not JSON (computed definitions cannot be checked)',
    };
  }
}

export function containerName(c: Attrs): string {
  return typeof c['name'] === 'string' ? c['name'] : '?';
}

/** A rule over each container definition of every task definition (E5, E6, E9). */
export function containerRule(
  meta: RuleMeta & {
    /** True when the container breaks the rule. */
    readonly breaks: (container: Attrs) => boolean;
    /** What is wrong, after "container <name> ". */
    readonly problem: string;
  },
): Rule {
  const { breaks, problem, ...rest } = meta;
  return resourceRule({
    ...rest,
    test(task) {
      const { containers, error } = containersOf(task);
      if (error) return error;
      return containers.filter(breaks).map((c) => `container ${containerName(c)} ${problem}`);
    },
  });
}
