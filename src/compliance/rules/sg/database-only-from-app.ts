import {
  attachmentsOf,
  COMPUTE_TYPES,
  DB_TYPES,
  groupsOf,
  LOAD_BALANCER_TYPES,
  securityGroupRules,
} from '../../../tfjson/aws';
import { graphRule } from '../../rule';
import type { Violation } from '../../rule';

/** Graph: the database accepts traffic only from the app tier's security group. */
export const sgDatabaseOnlyFromApp = graphRule({
  id: 'PAY-SG-009',
  title: 'Database is reachable only from the app tier security group',
  severity: 'critical',
  resourceTypes: DB_TYPES,
  pci: ['1.3.1', '1.4.4'],
  equivalents: {},
  rationale:
    'Cardholder data stores accept connections only from the systems that need them, never from CIDR ranges or the load balancer.',
  remediation:
    "Give the database group one ingress rule whose source is the app tier's security group, on the engine port.",
  check(graph) {
    const out: Violation[] = [];
    const dbGroups = new Set(
      DB_TYPES.flatMap((t) => graph.resources(t)).flatMap((db) => groupsOf(graph, db)),
    );
    for (const db of DB_TYPES.flatMap((t) => graph.resources(t))) {
      if (groupsOf(graph, db).length === 0) {
        out.push({
          address: db.address,
          message: 'database has no security group of its own (it would use the VPC default group)',
        });
      }
    }
    for (const r of securityGroupRules(graph)) {
      if (r.direction !== 'ingress' || !r.group || !dbGroups.has(r.group)) continue;
      if (r.cidrs.length > 0) {
        out.push({
          address: r.address,
          message: `database group accepts CIDR ${r.cidrs.join(', ')}`,
        });
        continue;
      }
      const peer = r.peerGroup ? graph.block(r.peerGroup) : undefined;
      const users = peer ? attachmentsOf(graph, peer) : [];
      const appOnly =
        users.length > 0 &&
        users.every((u) => COMPUTE_TYPES.includes(u.type)) &&
        !users.some((u) => LOAD_BALANCER_TYPES.includes(u.type) || DB_TYPES.includes(u.type));
      if (!appOnly) {
        out.push({
          address: r.address,
          message: `database group accepts ${r.peerGroup ?? 'an unknown source'}, which is not attached only to the app tier`,
        });
      }
    }
    return out;
  },
});
