import { DATA_API_VERSIONS, dataApiRegionRule, supportsDataApi } from '../../../aws-facts/data-api';
import { DATABASE_ENGINES } from '../../../aws-facts/aurora-engines';
import type { DatabaseEngine } from '../../../aws-facts/aurora-engines';
import { isComputed, isTrue } from '../../rule';
import type { Violation } from '../../rule';
import { graphRule } from '../../rule';

/**
 * A cluster that turns on the RDS Data API (`enable_http_endpoint`) runs an engine version
 * and sits in a Region where AWS offers it (src/aws-facts/data-api.ts, from the Aurora User
 * Guide's table). Otherwise the apply fails after everything else was created, and
 * `npm run db:bootstrap` has nothing to talk to.
 */
export const rdsDataApiSupported = graphRule({
  id: 'PAY-RDS-020',
  title: 'A cluster with the RDS Data API runs an engine version and Region that offer it',
  severity: 'high',
  resourceTypes: ['aws_rds_cluster'],
  pci: ['6.3.3', '12.3.4'],
  equivalents: {},
  rationale:
    'The Data API is how the database is bootstrapped without a network path to it; a version or Region without it fails the apply part-way, and an administrator then reaches for a network path into the CDE instead.',
  remediation:
    'Use an engine version from AWS’s Data API table (Aurora MySQL 3.07+, PostgreSQL 16.1+, 17.4+, 18.3+) in a Region the table lists, or leave enable_http_endpoint off.',
  check(graph) {
    const out: Violation[] = [];
    for (const cluster of graph.resources('aws_rds_cluster')) {
      if (!isTrue(cluster.attrs['enable_http_endpoint'])) continue;
      const engine = cluster.attrs['engine'];
      const version = cluster.attrs['engine_version'];
      if (isComputed(engine) || isComputed(version)) {
        out.push({
          address: cluster.address,
          message:
            'engine or engine_version is computed at apply time, so Data API support cannot be checked',
          unknown: true,
        });
      } else if (!DATABASE_ENGINES.includes(engine as DatabaseEngine)) {
        out.push({
          address: cluster.address,
          message: `engine ${String(engine)} has no RDS Data API this project knows of`,
        });
      } else if (typeof version !== 'string') {
        out.push({
          address: cluster.address,
          message: `engine_version is not set: AWS picks a default that may lack the Data API (${DATA_API_VERSIONS[engine as DatabaseEngine]})`,
        });
      } else if (!supportsDataApi(engine as DatabaseEngine, version)) {
        out.push({
          address: cluster.address,
          message: `${String(engine)} ${version} has no RDS Data API (needs ${DATA_API_VERSIONS[engine as DatabaseEngine]})`,
        });
      }
      if (graph.region === undefined) {
        out.push({
          address: cluster.address,
          message: 'the provider Region is computed, so Data API availability cannot be checked',
          unknown: true,
        });
      } else {
        const problem = dataApiRegionRule(graph.region);
        if (problem) out.push({ address: cluster.address, message: `${graph.region} ${problem}` });
      }
    }
    return out;
  },
});
