import type { Attrs, Block } from '../graph';
import { isObject } from '../graph';

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
