import { isInternetRoute, routeTablesOf, routesOf } from '../../../tfjson/aws';
import type { Block } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** R16: the DB subnet group uses only subnets without internet routes. */
export const rdsSubnetGroupIsolated = resourceRule({
  id: 'PAY-RDS-012',
  title: 'DB subnet group uses only isolated subnets',
  severity: 'critical',
  resourceTypes: ['aws_db_subnet_group'],
  pci: ['1.3.1', '1.4.4'],
  catalogue: 'R16',
  equivalents: { kics: ['2f737336'] },
  rationale:
    'A database placed in a subnet with an internet route can be made reachable with one setting.',
  remediation: 'List only the data-tier subnets in subnet_ids.',
  test(group, graph) {
    const subnets = graph
      .refsFrom(group.address, 'subnet_ids')
      .map((e) => graph.block(e.to))
      .filter((b): b is Block => b?.type === 'aws_subnet');
    if (subnets.length === 0) return 'subnet_ids references no aws_subnet of this stack';
    return subnets
      .filter((s) => routeTablesOf(graph, s).some((t) => routesOf(graph, t).some(isInternetRoute)))
      .map((s) => `${s.address} has a route to an internet or NAT gateway`);
  },
});
