/**
 * How reports name an Availability Zone: the AZ's name where the configuration fixes it
 * (a literal such as `eu-west-1a`), otherwise `AZ 1`, `AZ 2`, ... by the position in the
 * `aws_availability_zones` list the stack reads, which is only known at plan time.
 *
 * The architecture diagram names AZs by the same rule; when a shared module for it lands,
 * this function should defer to it.
 */

const LIST_INDEX = /^\$\{data\.aws_availability_zones\.[^.}]+\.names(?:\.|\[)(\d+)\]?\}$/;
const ELEMENT_INDEX = /^\$\{element\(data\.aws_availability_zones\.[^.}]+\.names,\s*(\d+)\)\}$/;
const LITERAL = /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/;

/**
 * The display name of an `availability_zone` value, or undefined when it is neither a literal
 * AZ name nor an index into the AZ list.
 */
export function availabilityZoneLabel(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (LITERAL.test(value)) return value;
  const index = LIST_INDEX.exec(value) ?? ELEMENT_INDEX.exec(value);
  return index ? `AZ ${Number(index[1]) + 1}` : undefined;
}

/** Sorts AZ labels: `AZ 2` before `AZ 10`, literal names alphabetically. */
export function compareAvailabilityZones(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
