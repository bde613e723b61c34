import { isInternetRoute, routeTablesOf, routesOf } from '../../../tfjson/aws';
import type { Block } from '../../../tfjson/graph';
import { graphRule } from '../../rule';
import type { Violation } from '../../rule';

/** Graph: the app tier runs in subnets that reach the internet only through NAT. */
export const vpcAppSubnetsPrivate = graphRule({
  id: 'PAY-VPC-006',
  title: 'App tier subnets have no direct route to an internet gateway',
  severity: 'high',
  resourceTypes: ['aws_autoscaling_group', 'aws_ecs_service', 'aws_instance'],
  pci: ['1.3.1', '1.4.1'],
  equivalents: { cdkNag: ['PCI.DSS.321-VPCNoUnrestrictedRouteToIGW'] },
  rationale:
    'Application hosts in a subnet routed to an internet gateway are one security-group mistake away from the internet.',
  remediation:
    'Place the Auto Scaling group, ECS service or instance in private subnets routed through NAT gateways.',
  check(graph) {
    const out: Violation[] = [];
    const subnetsOf = (b: Block) =>
      graph
        .refsFrom(b.address)
        .filter(
          (e) => /subnet|vpc_zone_identifier/.test(e.attribute) && e.to.startsWith('aws_subnet.'),
        )
        .map((e) => graph.block(e.to))
        .filter((s): s is Block => s !== undefined);
    for (const type of ['aws_autoscaling_group', 'aws_ecs_service', 'aws_instance']) {
      for (const app of graph.resources(type)) {
        for (const subnet of subnetsOf(app)) {
          for (const table of routeTablesOf(graph, subnet)) {
            const igw = routesOf(graph, table).filter(
              (r) => isInternetRoute(r) && r.via === 'gateway_id',
            );
            if (igw.length > 0) {
              out.push({
                address: app.address,
                message: `runs in ${subnet.address}, which routes to an internet gateway`,
              });
            }
          }
        }
      }
    }
    return out;
  },
});
