import type { DatabaseEngine } from './aurora-engines';

/**
 * Where the RDS Data API (the HTTPS endpoint `npm run db:bootstrap` runs its SQL through) is
 * offered for Aurora Serverless v2 and provisioned clusters, and from which engine versions.
 *
 * Source: Amazon Aurora User Guide, "Supported Regions and Aurora DB engines for RDS Data API"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.Data_API.html),
 * the copy with the Aurora PostgreSQL 18 column, read 6 December 2026:
 * - Aurora PostgreSQL Serverless v2 and provisioned: 18.3 and higher, 17.4 and higher, 16.1
 *   and higher (older majors too, which this project does not accept); the PostgreSQL 18 cell
 *   reads "Version 18.3 and higher" in every row the copy shows;
 * - Aurora MySQL Serverless v2 and provisioned: version 3.07 and higher (older translations
 *   of the page still say "not supported" for MySQL: they predate the launch);
 * - Regions marked "Not available": Asia Pacific (Hyderabad), (Melbourne) and (New Zealand).
 * A major version the table has no column for (19 and later) is refused until it gets one.
 *
 * Only Regions whose row the stored copy of that table showed as available are listed; every
 * other Region is refused until someone checks its row and adds it here. A wrongly refused
 * Region costs an edit; a wrongly accepted one would fail the apply (`enable_http_endpoint`)
 * after everything else was created.
 */
export const DATA_API_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-southeast-3',
  'ap-southeast-5',
  'ap-northeast-2',
  'ap-northeast-3',
];

/** Regions the AWS table lists as "Not available" for the Data API, for a clearer message. */
export const DATA_API_UNAVAILABLE_REGIONS: readonly string[] = [
  'ap-south-2',
  'ap-southeast-4',
  'ap-southeast-6',
];

/** The first engine versions with the Data API, in words (for error messages). */
export const DATA_API_VERSIONS: Readonly<Record<DatabaseEngine, string>> = {
  'aurora-mysql': '8.0.mysql_aurora.3.07.0 or later',
  'aurora-postgresql': '16.1 or later within 16, 17.4 or later within 17, 18.3 or later within 18',
};

/** Whether an engine version (already matching the engine's pattern) offers the Data API. */
export function supportsDataApi(engine: DatabaseEngine, version: string): boolean {
  const numbers = (version.match(/\d+/g) ?? []).map(Number);
  if (engine === 'aurora-mysql') {
    const [, , major = 0, minor = 0] = numbers; // 8.0.mysql_aurora.3.MM.P
    return major > 3 || (major === 3 && minor >= 7);
  }
  const [major = 0, minor = 0] = numbers;
  const first = DATA_API_FIRST_POSTGRESQL_MINOR[major];
  return first !== undefined && minor >= first;
}

/**
 * Per Aurora PostgreSQL major version the table has a column for: the first minor version
 * with the Data API. A major without an entry (older ones this project refuses anyway, and
 * any newer than the table) has no Data API as far as this project knows.
 */
export const DATA_API_FIRST_POSTGRESQL_MINOR: Readonly<Record<number, number>> = {
  16: 1,
  17: 4,
  18: 3,
};

/** Why the Data API is not offered in `region`, or `undefined` when it is. */
export function dataApiRegionRule(region: string): string | undefined {
  if (DATA_API_REGIONS.includes(region)) return undefined;
  if (DATA_API_UNAVAILABLE_REGIONS.includes(region)) {
    return `is a Region where AWS does not offer the RDS Data API for Aurora ("Not available" in the Aurora User Guide's Data API table), which database.bootstrapPrincipalArns needs`;
  }
  return `is not a Region this project has verified the RDS Data API in (src/aws-facts/data-api.ts; verified: ${DATA_API_REGIONS.join(', ')}), which database.bootstrapPrincipalArns needs; check the Aurora User Guide's Data API table and add it`;
}
