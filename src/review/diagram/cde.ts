/**
 * The cardholder data environment (CDE) as the diagram draws it (PCI DSS v4.0.1 1.2.3: "an
 * accurate network diagram(s) ... shows all connections between the CDE and other networks";
 * 1.2.4: the data-flow diagram). What is in the CDE is decided once, by
 * `src/analysis/cde-boundary.ts`, which the auditor's report reads too, so the two cannot
 * disagree; this module only maps that boundary onto what the diagram draws:
 *
 * - each CDE service gets a role for its tag: the database `stores`, the app tier
 *   `processes`, the load balancer (it terminates TLS, so requests are in clear inside it) and
 *   the WAF web ACL that inspects them `transmit`; a database instance takes its cluster's;
 * - each connected-to or security-impacting service (NAT gateways, endpoints, keys, the flow
 *   log, the admin host) is tagged `connected`;
 * - two things the stack uses without a resource of its own are added as connected: the
 *   database's RDS-managed master user secret and the certificate of a listener of a CDE load
 *   balancer (its private key protects card data in transit);
 * - the CDE subnets and security groups are the boundary's.
 *
 * Sources: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html
 * (an HTTPS listener "uses a server certificate to terminate the front-end connection and
 * then decrypt requests"); the AWS Security Reference Architecture for PCI DSS, for workloads
 * "that store, process, or transmit cardholder data"
 * (https://docs.aws.amazon.com/prescriptive-guidance/latest/aws-security-reference-architecture-pci-data-security-standard-dss/introduction.html).
 */
import { cdeBoundary } from '../../analysis/cde-boundary';
import type { SgRule } from '../../tfjson/aws';
import { COMPUTE_TYPES, DB_TYPES, LISTENER_TYPES } from '../../tfjson/aws';
import type { Block, StackGraph } from '../../tfjson/graph';

export type CdeRole = 'stores' | 'processes' | 'transmits' | 'connected';

export interface CdeMember {
  readonly address: string;
  readonly role: CdeRole;
  /** Why it is in scope, in the boundary's words. */
  readonly reason: string;
}

export interface CdeBoundary {
  /** CDE services and connected ones (role `connected`). */
  readonly members: readonly CdeMember[];
  /** Subnet addresses in the CDE. */
  readonly subnets: readonly string[];
  /** Security group addresses in the CDE. */
  readonly securityGroups: readonly string[];
}

/** True for a member inside the CDE (not merely connected to it). */
export function inCde(member: CdeMember | undefined): boolean {
  return member !== undefined && member.role !== 'connected';
}

/** The CDE of one stack, from the shared boundary. */
export function cdeBoundaryOf(graph: StackGraph): CdeBoundary {
  const shared = cdeBoundary(graph);
  const members = new Map<string, CdeMember>();
  for (const service of shared.services) {
    const role: CdeRole =
      service.scope === 'connected'
        ? 'connected'
        : DB_TYPES.includes(service.type)
          ? 'stores'
          : COMPUTE_TYPES.includes(service.type)
            ? 'processes'
            : 'transmits';
    members.set(service.address, { address: service.address, role, reason: service.reason });
  }
  // A cluster's instances hold its data: the same role as the cluster.
  for (const instance of graph.resources('aws_rds_cluster_instance')) {
    const cluster = graph.refsFrom(instance.address, 'cluster_identifier')[0]?.to;
    const member = cluster ? members.get(cluster) : undefined;
    if (member && !members.has(instance.address))
      members.set(instance.address, { ...member, address: instance.address });
  }
  // The certificate of a listener on a CDE load balancer.
  for (const listener of LISTENER_TYPES.flatMap((t) => graph.resources(t))) {
    const lb = graph.refsFrom(listener.address, 'load_balancer_arn')[0]?.to;
    if (!lb || !inCde(members.get(lb))) continue;
    for (const e of graph.refsFrom(listener.address, 'certificate_arn')) {
      const cert = certificateBlock(graph, e.to);
      if (cert && !members.has(cert.address))
        members.set(cert.address, {
          address: cert.address,
          role: 'connected',
          reason: CERTIFICATE_REASON,
        });
    }
  }
  return {
    members: [...members.values()],
    subnets: shared.subnets.filter((s) => s.scope === 'cde').map((s) => s.address),
    securityGroups: shared.securityGroups.filter((g) => g.scope === 'cde').map((g) => g.address),
  };
}

/** Why a CDE load balancer's certificate is connected (also for a certificate used by ARN). */
export const CERTIFICATE_REASON = 'its private key protects card data in transit';
/** Why the RDS-managed master user secret is connected. */
export const MASTER_SECRET_REASON = 'the database master credentials (RDS-managed)';

/** The app resource and what defines it (launch template, task definition). */
export function appParts(graph: StackGraph, app: Block): Block[] {
  const parts = [app];
  for (const attribute of ['launch_template', 'mixed_instances_policy', 'task_definition']) {
    for (const e of graph.refsFrom(app.address, attribute)) {
      const b = graph.block(e.to);
      if (
        b &&
        (b.type === 'aws_launch_template' || b.type === 'aws_ecs_task_definition') &&
        !parts.includes(b)
      )
        parts.push(b);
    }
  }
  return parts;
}

/** The certificate behind a listener's `certificate_arn` (through a DNS validation). */
export function certificateBlock(graph: StackGraph, address: string): Block | undefined {
  const block = graph.block(address);
  if (block?.type === 'aws_acm_certificate_validation') {
    const cert = graph.refsFrom(block.address, 'certificate_arn')[0]?.to;
    return cert ? graph.block(cert) : block;
  }
  return block?.type === 'aws_acm_certificate' ? block : undefined;
}

/** Ingress rules of `groups` whose source is one of `peers`. */
export function peerIngress(
  rules: readonly SgRule[],
  groups: readonly string[],
  peers: readonly string[],
): SgRule[] {
  return rules.filter(
    (r) =>
      r.direction === 'ingress' &&
      r.group !== undefined &&
      groups.includes(r.group) &&
      r.peerGroup !== undefined &&
      peers.includes(r.peerGroup),
  );
}
