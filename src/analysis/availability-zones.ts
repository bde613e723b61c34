/**
 * How every report names an Availability Zone (the architecture diagram, the cost estimate and
 * the lose-one-AZ analysis). A subnet's `availability_zone` is either a literal name the
 * configuration fixed (`eu-west-1a`), or an element of the `aws_availability_zones` data
 * source, whose names are only known at plan time: those are `AZ 1`, `AZ 2`, ... by position.
 */

const LIST = String.raw`data\.aws_availability_zones\.[A-Za-z0-9_-]+\.(?:names|zone_ids)`;
/** `${data.aws_availability_zones.z.names.1}` or `...names[1]}`. */
const LIST_INDEX = new RegExp(String.raw`^\$\{${LIST}\.?\[?(\d+)\]?\}$`);
/** `${element(data.aws_availability_zones.z.names, 1)}`. */
const ELEMENT_INDEX = new RegExp(String.raw`^\$\{element\(${LIST},\s*(\d+)\)\}$`);

/** The label for the AZ at `index` (0-based) of the data source: `AZ 1` for index 0. */
export function zoneLabelAt(index: number): string {
  return `AZ ${index + 1}`;
}

/**
 * The label of an `availability_zone` (or `availability_zone_id`) value: the literal name,
 * `AZ n` for a data-source element, or undefined when the value is neither (computed some
 * other way, or absent).
 */
export function zoneLabel(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const index = LIST_INDEX.exec(value) ?? ELEMENT_INDEX.exec(value);
  if (index) return zoneLabelAt(Number(index[1]));
  return value.includes('${') ? undefined : value;
}

/** Orders labels as the zones are numbered: `AZ 2` before `AZ 10`, names alphabetically. */
export function compareZoneLabels(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
