/** Reading literal values out of Terraform JSON: a computed value is neither true nor false. */
import { hasTemplateSequence } from './expressions';

/** True when `value` is a string Terraform evaluates (it holds a `${...}` or `%{...}`). */
export function isComputed(value: unknown): value is string {
  return typeof value === 'string' && hasTemplateSequence(value);
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
