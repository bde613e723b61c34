/**
 * How review tools name an Availability Zone. A subnet's `availability_zone` is either a
 * literal name the configuration fixed (`eu-west-1a`), or an element of the
 * `aws_availability_zones` data source (`${data.aws_availability_zones.z.names.1}`), whose
 * names are only known at plan time: those are called `AZ 1`, `AZ 2`, ... by position.
 * The diagram and the cost and AZ-loss analysis share this naming.
 */

const DATA_SOURCE_ELEMENT =
  /^\$\{data\.aws_availability_zones\.[A-Za-z0-9_-]+\.(?:names|zone_ids)\.?\[?(\d+)\]?\}$/;

/** The label for the AZ at `index` (0-based) of the data source: `AZ 1` for index 0. */
export function zoneLabelAt(index: number): string {
  return `AZ ${index + 1}`;
}

/**
 * The label of an `availability_zone` value: the literal name, `AZ n` for a data-source
 * element, or undefined when the value is neither (computed some other way, or absent).
 */
export function zoneLabel(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const element = DATA_SOURCE_ELEMENT.exec(value);
  if (element) return zoneLabelAt(Number(element[1]));
  return value.includes('${') ? undefined : value;
}

/** Orders labels as the zones are numbered: `AZ 2` before `AZ 10`, names alphabetically. */
export function compareZoneLabels(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
