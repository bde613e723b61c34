/**
 * Default `max_connections` of an Aurora Serverless v2 instance, which AWS derives from the
 * cluster's maximum ACU (Aurora User Guide, "Maximum connections for Aurora Serverless v2";
 * for PostgreSQL also AWS re:Post "Working of max_connections for Aurora PostgreSQL
 * Serverless"). Values between rows take the row below, so alarm thresholds err low.
 */
export type AuroraEngine = 'aurora-mysql' | 'aurora-postgresql';

const MAX_CONNECTIONS_BY_MAX_ACU: Readonly<Record<AuroraEngine, ReadonlyArray<[number, number]>>> =
  {
    'aurora-mysql': [
      [1, 90],
      [4, 135],
      [8, 1000],
      [16, 2000],
      [32, 3000],
      [64, 4000],
      [128, 5000],
      [256, 6000],
    ],
    'aurora-postgresql': [
      [1, 189],
      [4, 823],
      [8, 1669],
      [16, 3360],
      [32, 5000],
    ],
  };

/** PostgreSQL caps max_connections at 2,000 when the minimum capacity is 0 or 0.5 ACU. */
const POSTGRESQL_LOW_MINIMUM_CAP = 2000;

export function auroraMaxConnections(
  engine: AuroraEngine,
  minCapacity: number,
  maxCapacity: number,
): number {
  const table = MAX_CONNECTIONS_BY_MAX_ACU[engine];
  let connections = table[0]![1];
  for (const [acu, value] of table) if (maxCapacity >= acu) connections = value;
  if (engine === 'aurora-postgresql' && minCapacity <= 0.5) {
    connections = Math.min(connections, POSTGRESQL_LOW_MINIMUM_CAP);
  }
  return connections;
}
