/**
 * The cardholder data environment (CDE) the diagram draws, computed from one stack's graph.
 * PCI DSS v4.0.1 requirement 1.2.3 asks for a network diagram and 1.2.4 for a data-flow
 * diagram that show the CDE; this module decides what is in it, the renderers only draw it.
 *
 * The rule, applied to the references and security-group rules in the JSON:
 * 1. Stores: the database (an Aurora cluster and its instances, or an RDS instance) and its
 *    DB subnet group.
 * 2. Processors: each app group (Auto Scaling group with its launch template, or ECS service
 *    with its task definition) whose security groups an ingress rule of a store's groups
 *    admits: it reads and writes cardholder data.
 * 3. Transmitters: each load balancer with an HTTPS or TLS listener that forwards to a
 *    processor's target group: it terminates TLS, so it handles cardholder data in clear text;
 *    and the WAF web ACL associated with it, which inspects those decrypted requests.
 * 4. Secrets and keys: the database's master user secret (RDS-managed, or a Secrets Manager
 *    secret the stack creates), the TLS certificate of a transmitter's listener, and every
 *    KMS key a member above references in a key argument (storage, secret, volume, image).
 * 5. Subnets: every subnet a member has a network interface in (load balancer `subnets`,
 *    app `vpc_zone_identifier` / `network_configuration.subnets`, DB subnet group), plus the
 *    data-tier subnets. A subnet holding a CDE member is a CDE segment: everything else in it
 *    (a NAT gateway in a public subnet) shares the segment and is drawn inside it.
 * 6. Security groups: the groups attached to a member.
 *
 * Sources: PCI DSS v4.0.1 1.2.3 ("an accurate network diagram(s) ... shows all connections
 * between the CDE and other networks") and 1.2.4 (data flows); the AWS Security Reference
 * Architecture for PCI DSS, for workloads "that store, process, or transmit cardholder data"
 * (https://docs.aws.amazon.com/prescriptive-guidance/latest/aws-security-reference-architecture-pci-data-security-standard-dss/introduction.html);
 * an HTTPS listener "uses a server certificate to terminate the front-end connection and then
 * decrypt requests from clients before sending them to the targets"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html).
 *
 * Everything else the diagram draws that exchanges traffic, logs or keys with a member
 * (internet gateway, NAT gateways, endpoints, log buckets, ECR, the alarm topic, the
 * account's detective controls) is connected-to or security-impacting: in scope for the
 * assessment, outside the CDE.
 *
 * The auditor's report will compute the same boundary in `src/analysis/cde-boundary.ts`;
 * when it lands, `cdeBoundaryOf` here becomes a call to it (the shape below is what the
 * diagram needs from it: members with a reason, subnets, security groups).
 */
import {
  groupsOf,
  dataSubnets,
  LISTENER_TYPES,
  LOAD_BALANCER_TYPES,
  securityGroupRules,
} from '../../tfjson/aws';
import type { SgRule } from '../../tfjson/aws';
import type { Block, StackGraph } from '../../tfjson/graph';

export type CdeRole = 'stores' | 'processes' | 'transmits' | 'protects';

export interface CdeMember {
  readonly address: string;
  readonly role: CdeRole;
  /** Why it is in the CDE, in a sentence fragment: `stores cardholder data`. */
  readonly reason: string;
}

export interface CdeBoundary {
  readonly members: readonly CdeMember[];
  /** Subnet addresses in the CDE. */
  readonly subnets: readonly string[];
  /** Security group addresses attached to members. */
  readonly securityGroups: readonly string[];
  /** The RDS-managed master user secret (no resource of its own): the cluster that owns it. */
  readonly managedSecretOf: readonly string[];
}

const APP_TYPES = ['aws_autoscaling_group', 'aws_ecs_service'];
/** Attributes that name a KMS key protecting the member's data. */
const KEY_ATTRIBUTE = /(^|\.)(kms_key_id|kms_key_arn|master_user_secret_kms_key_id|kms_key)$/;

/** The CDE of one stack (see the module comment for the rule). */
export function cdeBoundaryOf(graph: StackGraph): CdeBoundary {
  const members = new Map<string, CdeMember>();
  const add = (block: Block | undefined, role: CdeRole, reason: string) => {
    if (block && !members.has(block.address))
      members.set(block.address, { address: block.address, role, reason });
  };

  // 1. Stores.
  const stores: Block[] = [];
  for (const cluster of graph.resources('aws_rds_cluster')) {
    add(cluster, 'stores', 'stores cardholder data (database cluster)');
    stores.push(cluster);
    for (const e of graph.refsTo(cluster.address)) {
      const b = graph.block(e.from);
      if (b?.type === 'aws_rds_cluster_instance' && e.attribute === 'cluster_identifier')
        add(b, 'stores', 'stores cardholder data (database instance)');
    }
  }
  for (const instance of graph.resources('aws_db_instance')) {
    add(instance, 'stores', 'stores cardholder data (database instance)');
    stores.push(instance);
  }
  for (const store of stores)
    for (const e of graph.refsFrom(store.address, 'db_subnet_group_name'))
      add(graph.block(e.to), 'stores', 'places the database in its subnets');

  // 2. Processors: app groups the database's security groups admit.
  const rules = securityGroupRules(graph);
  const storeGroups = new Set(stores.flatMap((s) => groupsOf(graph, s)));
  const processors: Block[] = [];
  for (const app of APP_TYPES.flatMap((t) => graph.resources(t))) {
    const parts = appParts(graph, app);
    const groups = parts.flatMap((p) => groupsOf(graph, p));
    if (peerIngress(rules, [...storeGroups], groups).length === 0) continue;
    processors.push(app);
    add(app, 'processes', 'processes cardholder data (reaches the database)');
    for (const part of parts.slice(1)) add(part, 'processes', 'defines the app that processes it');
  }

  // 3. Transmitters: load balancers terminating TLS in front of a processor.
  const processorTargets = new Set(
    processors.flatMap((p) =>
      graph
        .refsFrom(p.address)
        .filter((e) => /target_group_arn/.test(e.attribute))
        .map((e) => e.to),
    ),
  );
  for (const listener of LISTENER_TYPES.flatMap((t) => graph.resources(t))) {
    const protocol = listener.attrs['protocol'];
    if (protocol !== 'HTTPS' && protocol !== 'TLS') continue;
    const forwards = graph
      .refsFrom(listener.address, 'default_action')
      .some((e) => processorTargets.has(e.to));
    if (!forwards) continue;
    for (const e of graph.refsFrom(listener.address, 'load_balancer_arn')) {
      const lb = graph.block(e.to);
      if (lb && LOAD_BALANCER_TYPES.includes(lb.type))
        add(lb, 'transmits', `terminates TLS for the app (${protocol} listener)`);
    }
    add(listener, 'transmits', 'terminates TLS for the app');
    for (const e of graph.refsFrom(listener.address, 'certificate_arn')) {
      const cert = certificateBlock(graph, e.to);
      if (cert) add(cert, 'protects', 'its private key protects cardholder data in transit');
    }
  }

  // A web ACL on a transmitter inspects the requests after TLS is terminated: card data in
  // clear passes through it.
  for (const assoc of graph.resources('aws_wafv2_web_acl_association')) {
    const lb = graph.refsFrom(assoc.address, 'resource_arn')[0]?.to;
    if (!lb || members.get(lb)?.role !== 'transmits') continue;
    for (const e of graph.refsFrom(assoc.address, 'web_acl_arn'))
      add(graph.block(e.to), 'transmits', 'inspects the decrypted requests, card data included');
  }

  // 4. Secrets and keys.
  const managedSecretOf: string[] = [];
  for (const store of stores) {
    if (store.attrs['manage_master_user_password'] === true) managedSecretOf.push(store.address);
  }
  for (const secret of graph.resources('aws_secretsmanager_secret')) {
    const usedByMember = graph
      .refsTo(secret.address)
      .some((e) => members.has(e.from) || graph.block(e.from)?.type === 'aws_ecs_task_definition');
    if (usedByMember) add(secret, 'protects', 'a credential of the cardholder data environment');
  }
  for (const member of [...members.values()]) {
    for (const e of graph.refsFrom(member.address)) {
      if (!KEY_ATTRIBUTE.test(e.attribute)) continue;
      const key = graph.block(e.to);
      if (key?.type === 'aws_kms_key')
        add(key, 'protects', keyReason(graph.block(member.address)!, e.attribute));
    }
  }

  // 5. Subnets.
  const subnets = new Set<string>(dataSubnets(graph).map((s) => s.address));
  for (const member of members.values()) {
    for (const e of graph.refsFrom(member.address)) {
      if (
        !/^(subnets|subnet_ids|vpc_zone_identifier|network_configuration\.\d+\.subnets|network_configuration\.subnets|subnet_mapping)/.test(
          e.attribute,
        )
      )
        continue;
      if (graph.block(e.to)?.type === 'aws_subnet') subnets.add(e.to);
    }
  }

  // 6. Security groups.
  const groups = new Set<string>();
  for (const member of members.values()) {
    const block = graph.block(member.address);
    if (block) for (const g of groupsOf(graph, block)) groups.add(g);
  }

  return {
    members: [...members.values()],
    subnets: [...subnets].sort(),
    securityGroups: [...groups].sort(),
    managedSecretOf,
  };
}

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

function keyReason(member: Block, attribute: string): string {
  if (/master_user_secret/.test(attribute)) return 'encrypts the database master user secret';
  if (member.type === 'aws_launch_template') return 'encrypts the app instances’ volumes';
  if (member.type === 'aws_secretsmanager_secret') return 'encrypts a secret of the CDE';
  return 'encrypts the cardholder data at rest';
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
