import { dataSubnets, isInternetRoute, routeTablesOf, routesOf } from '../../../tfjson/aws';
import { graphRule } from '../../rule';
import type { Violation } from '../../rule';

/** Graph: the database tier's subnets have no route to an internet or NAT gateway. */
export const vpcDataSubnetsIsolated = graphRule({
  id: 'PAY-VPC-005',
  title: 'Database subnets have no route to an internet or NAT gateway',
  severity: 'critical',
  resourceTypes: ['aws_subnet', 'aws_db_subnet_group'],
  pci: ['1.3.1', '1.3.2', '1.4.4'],
  catalogue: 'V5',
  equivalents: {
    checkov: ['CKV2_AWS_35'],
    kics: ['2f737336'],
    cdkNag: ['PCI.DSS.321-VPCNoUnrestrictedRouteToIGW'],
  },
  rationale:
    'Stored cardholder data must not be reachable from, or able to reach, the internet: the data tier is isolated.',
  remediation:
    'Associate data subnets with a route table that has only local routes and gateway endpoints.',
  check(graph) {
    const out: Violation[] = [];
    for (const subnet of dataSubnets(graph)) {
      const tables = routeTablesOf(graph, subnet);
      if (tables.length === 0) {
        out.push({
          address: subnet.address,
          message:
            'data subnet has no explicit route table association (it would use the main route table)',
        });
      }
      for (const table of tables) {
        for (const route of routesOf(graph, table).filter(isInternetRoute)) {
          out.push({
            address: subnet.address,
            message: `data subnet routes ${route.destination || 'traffic'} to ${route.target ?? route.value} through ${table.address}`,
          });
        }
      }
    }
    return out;
  },
});
