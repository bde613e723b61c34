/**
 * The architecture a reviewer reads, derived from one stack's graph (the compliance gate's
 * parser): the subnet tiers of each AZ, what sits in each subnet or spans a tier's subnets
 * (a load balancer, an app group: drawn once, with their whole capacity), the regional
 * services outside the VPC, the account baseline's detective controls, the cardholder data
 * environment (cde.ts), and the edges between them. Traffic edges carry the ports the
 * security-group rules allow; egress, log-delivery, key-use and service edges come from the
 * routes and references. Nothing here is drawn: `dot.ts` and `mermaid.ts` render this model.
 */
import type { SgRule } from '../../tfjson/aws';
import {
  dataSubnets,
  groupsOf,
  isInternetCidr,
  isInternetFacing,
  isInternetRoute,
  LISTENER_TYPES,
  LOAD_BALANCER_TYPES,
  routesOf,
  routeTablesOf,
  securityGroupRules,
} from '../../tfjson/aws';
import type { Block, StackGraph } from '../../tfjson/graph';
import { attr } from '../../tfjson/graph';
import { num } from '../../tfjson/values';
import { compareZoneLabels, zoneLabel } from '../../analysis/availability-zones';
import type { CdeBoundary, CdeMember } from './cde';
import {
  appParts,
  CERTIFICATE_REASON,
  cdeBoundaryOf,
  certificateBlock,
  inCde,
  MASTER_SECRET_REASON,
  peerIngress,
} from './cde';

export const TIERS = ['public', 'private', 'data'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_TITLES: Readonly<Record<Tier, string>> = {
  public: 'Public subnet',
  private: 'Private app subnet',
  data: 'Isolated data subnet',
};

export interface SubnetModel {
  readonly address: string;
  readonly tier: Tier;
  readonly zone: string;
  readonly cidr: string;
  /** In the cardholder data environment. */
  readonly cde: boolean;
}

export interface ZoneModel {
  readonly label: string;
  /** In tier order: public, private, data. */
  readonly subnets: readonly SubnetModel[];
}

export type NodeKind =
  | 'internet'
  | 'dns'
  | 'internet-gateway'
  | 'waf'
  | 'load-balancer'
  | 'nat-gateway'
  | 'app-ec2'
  | 'app-ecs'
  | 'db-writer'
  | 'db-reader'
  | 'flow-log'
  | 'certificate'
  | 'endpoints'
  | 'gateway-endpoint'
  | 'registry'
  | 'secret'
  | 'bucket'
  | 'key'
  | 'topic'
  | 'log-groups'
  | 'detective';

/**
 * Where a node is drawn: in one subnet; across the subnets of a tier it spans (a load
 * balancer, an app group, interface endpoints: drawn once, not once per AZ); in the VPC (not
 * in a subnet); in the Region; in the account baseline; or outside AWS.
 */
export type Placement =
  | { readonly in: 'subnet'; readonly subnet: string }
  | { readonly in: 'tier'; readonly tier: Tier; readonly subnets: readonly string[] }
  | { readonly in: 'vpc' }
  | { readonly in: 'region' }
  | { readonly in: 'baseline' }
  | { readonly in: 'internet' };

export interface ArchNode {
  /** Unique id: the resource address (or `<type>.*` for a node standing for several). */
  readonly id: string;
  readonly kind: NodeKind;
  /** What it is, in words (never a Terraform type). */
  readonly label: string;
  /** Extra lines under the label (name, capacity, engine, CIDR...). */
  readonly details: readonly string[];
  readonly placement: Placement;
  /** Addresses of the resources the node stands for. */
  readonly resources: readonly string[];
  /** Set when the node is part of the cardholder data environment: why. */
  readonly cde: CdeMember | undefined;
}

/**
 * traffic: what the security groups allow (ports); egress: the outbound path through NAT to
 * the internet gateway; logs: log delivery; key: KMS key use and the TLS certificate; uses: a
 * service acting on another (WAF filtering, DNS alias, image pull, master secret, alarms).
 */
export type EdgeKind = 'traffic' | 'egress' | 'logs' | 'key' | 'uses';

export interface PortRange {
  readonly protocol: string;
  readonly from: number | undefined;
  readonly to: number | undefined;
}

export interface ArchEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label: string;
  /** For traffic edges into a security group: the ports its rules allow from the source. */
  readonly ports: readonly PortRange[];
  /** Addresses of the rules the ports come from. */
  readonly rules: readonly string[];
  /** A traffic edge that carries cardholder data (into or between CDE members). */
  readonly cardData: boolean;
}

/** The CDE as drawn: the boundary with human names, for the legend and the Markdown table. */
export interface CdeModel {
  readonly boundary: CdeBoundary;
  readonly subnets: readonly SubnetModel[];
  readonly securityGroups: readonly { readonly address: string; readonly name: string }[];
  /** Node ids of the CDE's members, in drawing order. */
  readonly nodes: readonly string[];
  /** Node ids of what is connected to the CDE or impacts its security. */
  readonly connected: readonly string[];
}

export interface ArchitectureModel {
  readonly stack: string;
  readonly profile: string | undefined;
  readonly region: string | undefined;
  /** The file the model was read from. */
  readonly source: string;
  readonly vpc: { readonly address: string; readonly cidr: string } | undefined;
  readonly zones: readonly ZoneModel[];
  readonly nodes: readonly ArchNode[];
  readonly edges: readonly ArchEdge[];
  readonly cde: CdeModel;
}

export const INTERNET_ID = 'internet';

/** Human names of the account baseline's detective controls. */
const DETECTIVE_CONTROLS: Readonly<Record<string, string>> = {
  aws_guardduty_detector: 'GuardDuty detector',
  aws_securityhub_account: 'Security Hub',
  aws_cloudtrail: 'CloudTrail trail',
  aws_config_configuration_recorder: 'AWS Config recorder',
};

/** Builds the model of one stack. */
export function architectureOf(graph: StackGraph): ArchitectureModel {
  const nodes: ArchNode[] = [];
  const edges: ArchEdge[] = [];
  const rules = securityGroupRules(graph);
  // The CDE comes from src/analysis/cde-boundary.ts, as the auditor's report has it (cde.ts).
  const boundary = cdeBoundaryOf(graph);
  const memberOf = new Map(boundary.members.map((m) => [m.address, m]));
  const cdeSubnets = new Set(boundary.subnets);
  const addNode = (node: Omit<ArchNode, 'cde'> & { readonly cde?: CdeMember }) => {
    if (nodes.some((n) => n.id === node.id)) return;
    const found = node.resources.map((r) => memberOf.get(r)).filter((m) => m !== undefined);
    const cde = node.cde ?? found.find(inCde) ?? found[0];
    nodes.push({ ...node, cde });
  };

  const vpcBlock = graph.resources('aws_vpc')[0];
  const subnets = subnetsOf(graph, cdeSubnets);
  const subnetByAddress = new Map(subnets.map((s) => [s.address, s]));
  const zones = [...new Set(subnets.map((s) => s.zone))]
    .sort(compareZoneLabels)
    .map((label): ZoneModel => ({
      label,
      subnets: subnets
        .filter((s) => s.zone === label)
        .sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier)),
    }));
  /** The subnets (models) a resource's attribute references. */
  const subnetsAt = (block: Block, attribute: string) =>
    graph
      .refsFrom(block.address, attribute)
      .map((e) => subnetByAddress.get(e.to))
      .filter((s): s is SubnetModel => s !== undefined);
  /** One subnet: in it; several of one tier: across them; none: in the VPC. */
  const spanning = (found: readonly SubnetModel[]): Placement => {
    const unique = [...new Set(found)];
    if (unique.length === 1) return { in: 'subnet', subnet: unique[0]!.address };
    const tiers = new Set(unique.map((s) => s.tier));
    if (unique.length > 1 && tiers.size === 1)
      return {
        in: 'tier',
        tier: unique[0]!.tier,
        subnets: unique.sort((a, b) => compareZoneLabels(a.zone, b.zone)).map((s) => s.address),
      };
    return { in: 'vpc' };
  };
  const zonesText = (found: readonly SubnetModel[]) => {
    const labels = [...new Set(found.map((s) => s.zone))].sort(compareZoneLabels);
    return labels.length > 1 ? `across ${labels.join(', ')}` : (labels[0] ?? '');
  };

  addNode({
    id: INTERNET_ID,
    kind: 'internet',
    label: 'Internet',
    details: ['clients'],
    placement: { in: 'internet' },
    resources: [],
  });

  // The internet gateway: the VPC's door for the load balancer and the NAT egress path.
  const igw = graph.resources('aws_internet_gateway')[0];
  if (igw) {
    addNode({
      id: igw.address,
      kind: 'internet-gateway',
      label: 'Internet gateway',
      details: [str(attr(igw.attrs, 'tags.Name')) ?? igw.name],
      placement: { in: 'vpc' },
      resources: [igw.address],
    });
  }

  // Load balancers: one node each, across the public subnets they have interfaces in.
  const lbs = LOAD_BALANCER_TYPES.flatMap((t) => graph.resources(t));
  for (const lb of lbs) {
    const found = subnetsAt(lb, 'subnets');
    const network = lb.attrs['load_balancer_type'] === 'network';
    addNode({
      id: lb.address,
      kind: 'load-balancer',
      label: network ? 'Network Load Balancer' : 'Application Load Balancer',
      details: [
        str(lb.attrs['name']) ?? lb.name,
        `${lb.attrs['internal'] === true ? 'internal' : 'internet-facing'}, ${zonesText(found)}`,
      ],
      placement: spanning(found),
      resources: [lb.address],
    });
  }
  const wafFor = new Map<string, Block>();
  for (const assoc of graph.resources('aws_wafv2_web_acl_association')) {
    const acl = graph.block(graph.refsFrom(assoc.address, 'web_acl_arn')[0]?.to ?? '');
    const lb = graph.refsFrom(assoc.address, 'resource_arn')[0]?.to;
    if (acl && lb) wafFor.set(lb, acl);
  }
  for (const acl of graph.resources('aws_wafv2_web_acl')) {
    const count = Array.isArray(acl.attrs['rule']) ? acl.attrs['rule'].length : 0;
    addNode({
      id: acl.address,
      kind: 'waf',
      label: 'WAF web ACL',
      details: [str(acl.attrs['name']) ?? acl.name, `${count} rules`],
      placement: { in: 'region' },
      resources: [acl.address],
    });
  }
  for (const lb of lbs) {
    const internet = internetIngress(rules, groupsOf(graph, lb));
    if (internet.length > 0) {
      // Requests come in through the internet gateway; the web ACL inspects them at the
      // load balancer, so it is drawn acting on the load balancer, not as a hop.
      const via = igw && isInternetFacing(lb) ? igw.address : undefined;
      if (via) {
        edges.push(trafficEdge(INTERNET_ID, via, internet, inCde(memberOf.get(lb.address))));
        edges.push(trafficEdge(via, lb.address, internet, inCde(memberOf.get(lb.address))));
      } else
        edges.push(trafficEdge(INTERNET_ID, lb.address, internet, inCde(memberOf.get(lb.address))));
    }
    const acl = wafFor.get(lb.address);
    if (acl) edges.push(plainEdge(acl.address, lb.address, 'uses', 'filters requests'));
  }

  // DNS: the Route 53 alias records to a load balancer, else the name the certificate is
  // for (its record kept outside this stack), else the load balancer's own name.
  const aliased = new Set<string>();
  for (const record of graph.resources('aws_route53_record')) {
    const target = graph
      .refsFrom(record.address, 'alias')
      .map((e) => e.to)
      .find((to) => lbs.some((lb) => lb.address === to));
    if (!target) continue;
    aliased.add(target);
    addNode({
      id: record.address,
      kind: 'dns',
      label: 'Route 53 alias record',
      details: [
        str(record.attrs['name']) ?? record.name,
        `${str(record.attrs['type']) ?? 'A'} alias to the load balancer`,
      ],
      placement: { in: 'region' },
      resources: [record.address],
    });
    edges.push(plainEdge(record.address, target, 'uses', 'resolves to'));
  }

  // Certificates on the listeners: a certificate the stack creates or imports, or one it
  // uses by ARN.
  for (const listener of LISTENER_TYPES.flatMap((t) => graph.resources(t))) {
    const lb = graph.refsFrom(listener.address, 'load_balancer_arn')[0]?.to;
    if (!lb || !nodes.some((n) => n.id === lb)) continue;
    const refs = graph.refsFrom(listener.address, 'certificate_arn');
    const literal = str(listener.attrs['certificate_arn']);
    let certId: string | undefined;
    for (const e of refs) {
      const cert = certificateBlock(graph, e.to);
      if (!cert) continue;
      certId = cert.address;
      addNode({
        id: cert.address,
        kind: 'certificate',
        label: 'TLS certificate (ACM)',
        details: certificateDetails(graph, cert),
        placement: { in: 'region' },
        resources: [cert.address, ...(e.to !== cert.address ? [e.to] : [])],
      });
    }
    if (refs.length === 0 && literal?.startsWith('arn:')) {
      certId = `${listener.address}.certificate_arn`;
      addNode({
        id: certId,
        kind: 'certificate',
        label: 'TLS certificate (ACM)',
        details: ['existing, used by ARN', shortArn(literal)],
        placement: { in: 'region' },
        resources: [],
        cde: inCde(memberOf.get(lb))
          ? { address: literal, role: 'connected', reason: CERTIFICATE_REASON }
          : undefined,
      });
    }
    if (certId) edges.push(plainEdge(certId, lb, 'key', 'TLS certificate'));
    // Without a Route 53 record here, the DNS name is the certificate's domain (its record is
    // kept elsewhere) or the load balancer's own.
    if (
      !aliased.has(lb) &&
      isInternetFacing(graph.block(lb)!) &&
      listener.attrs['protocol'] === 'HTTPS'
    ) {
      aliased.add(lb);
      const cert = certId ? graph.block(certId) : undefined;
      const domain = cert ? str(cert.attrs['domain_name']) : undefined;
      const id = `${lb}.dns_name`;
      addNode({
        id,
        kind: 'dns',
        label: 'DNS name',
        details: domain
          ? [domain, 'record kept outside this stack']
          : ["the load balancer's own", '(*.elb.amazonaws.com)'],
        placement: { in: 'region' },
        resources: [],
      });
      edges.push(plainEdge(id, lb, 'uses', 'resolves to'));
    }
  }

  // NAT gateways, in the public subnet each one sits in.
  const nats: Block[] = [];
  for (const nat of graph.resources('aws_nat_gateway')) {
    const subnet = subnetsAt(nat, 'subnet_id')[0];
    if (!subnet) continue;
    nats.push(nat);
    addNode({
      id: nat.address,
      kind: 'nat-gateway',
      label: 'NAT gateway',
      details: [str(attr(nat.attrs, 'tags.Name')) ?? nat.name],
      placement: { in: 'subnet', subnet: subnet.address },
      resources: [nat.address],
    });
    if (igw) edges.push(plainEdge(nat.address, igw.address, 'egress', ''));
  }
  if (igw && nats.length > 0) edges.push(plainEdge(igw.address, INTERNET_ID, 'egress', 'egress'));

  // App tier: one Auto Scaling group or ECS service node, across the private subnets it
  // launches into, with the group's whole capacity (not per AZ).
  const appNodes: ArchNode[] = [];
  for (const asg of graph.resources('aws_autoscaling_group')) {
    const parts = appParts(graph, asg);
    const template = parts.find((p) => p.type === 'aws_launch_template');
    const instanceType = template ? str(template.attrs['instance_type']) : undefined;
    const found = subnetsAt(asg, 'vpc_zone_identifier');
    addNode({
      id: asg.address,
      kind: 'app-ec2',
      label: 'EC2 Auto Scaling group',
      details: [
        capacity(
          num(asg.attrs['min_size']),
          num(asg.attrs['desired_capacity']),
          num(asg.attrs['max_size']),
        ),
        [instanceType, zonesText(found)].filter((d) => d).join(', '),
      ].filter((d) => d !== ''),
      placement: spanning(found),
      resources: parts.map((p) => p.address),
    });
    appNodes.push(nodes.at(-1)!);
  }
  for (const service of graph.resources('aws_ecs_service')) {
    const target = graph
      .resources('aws_appautoscaling_target')
      .find((t) => graph.refsFrom(t.address, 'resource_id').some((e) => e.to === service.address));
    const found = subnetsAt(service, 'network_configuration.subnets');
    const parts = appParts(graph, service);
    addNode({
      id: service.address,
      kind: 'app-ecs',
      label: 'ECS Fargate service',
      details: [
        capacity(
          target ? num(target.attrs['min_capacity']) : undefined,
          num(service.attrs['desired_count']),
          target ? num(target.attrs['max_capacity']) : undefined,
        ) + ' tasks',
        zonesText(found),
      ].filter((d) => d !== ''),
      placement: spanning(found),
      resources: parts.map((p) => p.address),
    });
    appNodes.push(nodes.at(-1)!);
  }
  for (const lb of lbs) {
    const lbGroups = groupsOf(graph, lb);
    for (const app of appNodes) {
      const allowed = peerIngress(rules, appGroups(graph, app), lbGroups);
      if (allowed.length > 0) edges.push(trafficEdge(lb.address, app.id, allowed, inCde(app.cde)));
    }
  }
  // Egress: the app's outbound traffic leaves through the NAT gateway(s).
  for (const app of appNodes) {
    if (!routesAnyToNat(graph, app, subnetByAddress)) continue;
    for (const nat of nats) edges.push(plainEdge(app.id, nat.address, 'egress', ''));
  }

  // Data tier: Aurora (or RDS) instances in the AZ each one is placed in.
  const dbNodes: ArchNode[] = [];
  for (const cluster of graph.resources('aws_rds_cluster')) {
    const instances = graph
      .resources('aws_rds_cluster_instance')
      .filter((i) =>
        graph.refsFrom(i.address, 'cluster_identifier').some((e) => e.to === cluster.address),
      );
    const dataByZone = new Map(
      subnets.filter((s) => s.tier === 'data').map((s) => [s.zone, s.address]),
    );
    const writer = instances.find((i) => /writer/i.test(i.constructPath ?? i.name)) ?? instances[0];
    for (const instance of instances) {
      // A literal or data-source zone, or (AZs pinned by ID) the zone of the subnet it names.
      const zone =
        zoneLabel(instance.attrs['availability_zone']) ??
        subnets.find((s) =>
          graph.refsFrom(instance.address, 'availability_zone').some((e) => e.to === s.address),
        )?.zone;
      const subnet = zone ? dataByZone.get(zone) : undefined;
      const isWriter = instance === writer;
      addNode({
        id: instance.address,
        kind: isWriter ? 'db-writer' : 'db-reader',
        label: `Aurora ${isWriter ? 'writer' : 'reader'}`,
        details: [
          str(cluster.attrs['engine']) ?? 'aurora',
          str(instance.attrs['instance_class']) ?? '',
        ].filter((d) => d !== ''),
        placement: subnet ? { in: 'subnet', subnet } : { in: 'vpc' },
        resources: isWriter ? [instance.address, cluster.address] : [instance.address],
      });
      dbNodes.push(nodes.at(-1)!);
    }
    const dbGroups = groupsOf(graph, cluster);
    for (const app of appNodes) {
      const allowed = peerIngress(rules, dbGroups, appGroups(graph, app));
      if (allowed.length === 0) continue;
      for (const db of dbNodes) edges.push(trafficEdge(app.id, db.id, allowed, inCde(db.cde)));
    }
    // The master user secret: RDS creates and rotates it in Secrets Manager (`rds!cluster-...`).
    const writerNode = dbNodes.find((n) => n.kind === 'db-writer');
    if (cluster.attrs['manage_master_user_password'] === true && writerNode) {
      const id = `${cluster.address}.master_user_secret`;
      const policy = graph
        .resources('aws_secretsmanager_secret_policy')
        .some((p) => graph.refsFrom(p.address, 'secret_arn').some((e) => e.to === cluster.address));
      addNode({
        id,
        kind: 'secret',
        label: 'Master user secret',
        details: [
          'Secrets Manager, managed by RDS',
          ...(policy ? ['resource policy: break-glass only'] : []),
        ],
        placement: { in: 'region' },
        resources: [],
        cde: inCde(memberOf.get(cluster.address))
          ? { address: id, role: 'connected', reason: MASTER_SECRET_REASON }
          : undefined,
      });
      edges.push(plainEdge(id, writerNode.id, 'uses', 'master credentials'));
      for (const e of graph.refsFrom(cluster.address, 'master_user_secret_kms_key_id'))
        edges.push(plainEdge(e.to, id, 'key', 'encrypts'));
    }
  }
  for (const secret of graph.resources('aws_secretsmanager_secret')) {
    addNode({
      id: secret.address,
      kind: 'secret',
      label: 'Secrets Manager secret',
      details: [str(secret.attrs['name']) ?? str(secret.attrs['name_prefix']) ?? secret.name],
      placement: { in: 'region' },
      resources: [secret.address],
    });
  }

  // Interface endpoints: inside the VPC, across the subnets their interfaces are in; the
  // gateway endpoints sit on route tables (in the VPC, in no subnet).
  const endpoints = graph.resources('aws_vpc_endpoint');
  const interfaces = endpoints.filter((e) => e.attrs['vpc_endpoint_type'] === 'Interface');
  if (interfaces.length > 0) {
    const found = interfaces.flatMap((e) => subnetsAt(e, 'subnet_ids'));
    addNode({
      id: 'aws_vpc_endpoint.interface',
      kind: 'endpoints',
      label: `Interface endpoints (${interfaces.length})`,
      details: [...endpointLines(interfaces), zonesText(found)].filter((d) => d !== ''),
      placement: spanning(found),
      resources: interfaces.map((e) => e.address),
    });
  }
  for (const gateway of endpoints.filter((e) => e.attrs['vpc_endpoint_type'] === 'Gateway')) {
    addNode({
      id: gateway.address,
      kind: 'gateway-endpoint',
      label: `${serviceOf(gateway).toUpperCase()} gateway endpoint`,
      details: ['on the route tables'],
      placement: { in: 'vpc' },
      resources: [gateway.address],
    });
  }

  // ECR: the app's image repository.
  for (const repo of graph.resources('aws_ecr_repository')) {
    addNode({
      id: repo.address,
      kind: 'registry',
      label: 'ECR repository',
      details: [str(repo.attrs['name']) ?? repo.name],
      placement: { in: 'region' },
      resources: [repo.address],
    });
    for (const app of appNodes) {
      if (pullsFrom(graph, app, repo))
        edges.push(plainEdge(repo.address, app.id, 'uses', 'image pull'));
    }
  }

  // Outside the VPC: buckets, keys, the alarm topic, log groups.
  for (const bucket of graph.resources('aws_s3_bucket')) {
    addNode({
      id: bucket.address,
      kind: 'bucket',
      label: 'S3 bucket',
      details: [bucketLabel(bucket)],
      placement: { in: 'region' },
      resources: [bucket.address],
    });
  }
  for (const key of graph.resources('aws_kms_key')) {
    const alias = graph
      .resources('aws_kms_alias')
      .find((a) => graph.refsFrom(a.address, 'target_key_id').some((e) => e.to === key.address));
    addNode({
      id: key.address,
      kind: 'key',
      label: 'KMS key',
      details: [(alias && str(alias.attrs['name'])) ?? key.name],
      placement: { in: 'region' },
      resources: [key.address],
    });
  }
  const alarms = [
    ...graph.resources('aws_cloudwatch_metric_alarm'),
    ...graph.resources('aws_cloudwatch_composite_alarm'),
  ];
  for (const topic of graph.resources('aws_sns_topic')) {
    const notifying = alarms.filter((a) =>
      graph.refsFrom(a.address, 'alarm_actions').some((e) => e.to === topic.address),
    ).length;
    addNode({
      id: topic.address,
      kind: 'topic',
      label: 'SNS alarm topic',
      details: [
        str(topic.attrs['name']) ?? topic.name,
        ...(notifying > 0 ? [`${notifying} CloudWatch alarms notify it`] : []),
      ],
      placement: { in: 'region' },
      resources: [topic.address],
    });
  }
  const logGroups = graph.resources('aws_cloudwatch_log_group');
  const LOG_GROUPS_ID = 'aws_cloudwatch_log_group.*';
  if (logGroups.length > 0) {
    addNode({
      id: LOG_GROUPS_ID,
      kind: 'log-groups',
      label: 'CloudWatch log groups',
      details: [`${logGroups.length} groups`],
      placement: { in: 'region' },
      resources: logGroups.map((g) => g.address),
    });
  }

  // The account baseline's detective controls, when the stack has them.
  for (const [type, label] of Object.entries(DETECTIVE_CONTROLS)) {
    for (const control of graph.resources(type)) {
      addNode({
        id: control.address,
        kind: 'detective',
        label,
        details: detectiveDetails(control),
        placement: { in: 'baseline' },
        resources: [control.address],
      });
    }
  }

  // Log delivery: flow logs, load balancer and WAF logs.
  for (const flowLog of graph.resources('aws_flow_log')) {
    addNode({
      id: flowLog.address,
      kind: 'flow-log',
      label: 'VPC flow log',
      details: [`${str(flowLog.attrs['traffic_type']) ?? 'ALL'} traffic`],
      placement: { in: 'vpc' },
      resources: [flowLog.address],
    });
    for (const e of graph.refsFrom(flowLog.address, 'log_destination')) {
      edges.push(plainEdge(flowLog.address, ownerNode(e.to), 'logs', 'flow logs'));
    }
  }
  for (const lb of lbs) {
    const buckets = new Set(
      ['access_logs.bucket', 'connection_logs.bucket'].flatMap((a) =>
        graph.refsFrom(lb.address, a).map((e) => e.to),
      ),
    );
    for (const bucket of buckets) edges.push(plainEdge(lb.address, bucket, 'logs', 'ALB logs'));
  }
  for (const logging of graph.resources('aws_wafv2_web_acl_logging_configuration')) {
    const acl = graph.refsFrom(logging.address, 'resource_arn')[0]?.to;
    for (const e of graph.refsFrom(logging.address, 'log_destination_configs')) {
      if (acl) edges.push(plainEdge(acl, ownerNode(e.to), 'logs', 'WAF logs'));
    }
  }
  for (const trail of graph.resources('aws_cloudtrail')) {
    for (const e of graph.refsFrom(trail.address, 's3_bucket_name'))
      edges.push(plainEdge(trail.address, ownerNode(e.to), 'logs', 'trail logs'));
  }
  // Alarms reach the on-call through the topic: drawn from the app and the database.
  for (const topic of graph.resources('aws_sns_topic')) {
    const watched = new Set<string>();
    for (const alarm of alarms) {
      if (!graph.refsFrom(alarm.address, 'alarm_actions').some((e) => e.to === topic.address))
        continue;
      for (const e of graph.refsFrom(alarm.address)) {
        if (!/dimensions|metric_query/.test(e.attribute)) continue;
        const owner = ownerNode(e.to);
        if (nodes.some((n) => n.id === owner && n.placement.in !== 'region')) watched.add(owner);
      }
    }
    for (const owner of watched) edges.push(plainEdge(owner, topic.address, 'uses', 'alarms'));
  }

  // Key use: every reference from a KMS key attribute to a key, drawn from the key to the
  // node that owns the referring resource.
  function ownerNode(address: string): string {
    const direct = nodes.find((n) => n.resources.includes(address));
    if (direct) return direct.id;
    const block = graph.block(address);
    if (!block) return address;
    for (const e of graph.refsFrom(address)) {
      if (!/^(bucket|cluster_identifier|launch_template)/.test(e.attribute)) continue;
      const owner = nodes.find((n) => n.resources.includes(e.to));
      if (owner) return owner.id;
    }
    return address;
  }
  const seen = new Set<string>();
  for (const e of graph.edges) {
    if (!e.to.startsWith('aws_kms_key.') || !/kms|key_id|key_arn/.test(e.attribute)) continue;
    // The master secret's key is drawn to the secret above.
    if (/master_user_secret/.test(e.attribute)) continue;
    const from = graph.block(e.from);
    if (!from || from.kind !== 'resource' || from.type === 'aws_kms_alias') continue;
    const owner = ownerNode(e.from);
    const key = `${e.to}->${owner}`;
    if (seen.has(key) || !nodes.some((n) => n.id === owner)) continue;
    seen.add(key);
    edges.push(plainEdge(e.to, owner, 'key', 'encrypts'));
  }

  const nodeIds = new Set(nodes.map((n) => n.id));
  const kept = edges.filter((e) => nodeIds.has(e.to) && nodeIds.has(e.from));
  // The internet only when something reaches it or is reached from it (not in a baseline).
  if (!kept.some((e) => e.from === INTERNET_ID || e.to === INTERNET_ID))
    nodes.splice(
      nodes.findIndex((n) => n.id === INTERNET_ID),
      1,
    );
  const sgName = (address: string) => {
    const sg = graph.block(address);
    return (sg && (str(sg.attrs['name']) ?? str(attr(sg.attrs, 'tags.Name')))) ?? address;
  };
  return {
    stack: graph.name,
    profile: graph.profile,
    region: graph.region,
    source: graph.file,
    vpc: vpcBlock
      ? { address: vpcBlock.address, cidr: str(vpcBlock.attrs['cidr_block']) ?? '' }
      : undefined,
    zones,
    nodes,
    edges: kept,
    cde: {
      boundary,
      subnets: subnets.filter((s) => s.cde),
      securityGroups: boundary.securityGroups.map((address) => ({
        address,
        name: sgName(address),
      })),
      nodes: nodes.filter((n) => inCde(n.cde)).map((n) => n.id),
      connected: nodes.filter((n) => n.cde?.role === 'connected').map((n) => n.id),
    },
  };
}

/** Subnets with their tier and AZ. */
function subnetsOf(graph: StackGraph, cde: ReadonlySet<string>): SubnetModel[] {
  const data = new Set(dataSubnets(graph).map((s) => s.address));
  return graph.resources('aws_subnet').map((s): SubnetModel => {
    const tagged = str(attr(s.attrs, 'tags.Tier'))?.toLowerCase();
    const tier: Tier =
      tagged === 'public' || tagged === 'private' || tagged === 'data'
        ? tagged
        : data.has(s.address)
          ? 'data'
          : routeTablesOf(graph, s).some((t) =>
                routesOf(graph, t).some((r) => r.target?.startsWith('aws_internet_gateway.')),
              )
            ? 'public'
            : 'private';
    return {
      address: s.address,
      tier,
      zone:
        zoneLabel(s.attrs['availability_zone']) ??
        zoneLabel(s.attrs['availability_zone_id']) ??
        'AZ ?',
      cidr: str(s.attrs['cidr_block']) ?? '',
      cde: cde.has(s.address),
    };
  });
}

/** True when the subnet routes to the internet (through an internet or NAT gateway). */
export function routesToInternet(graph: StackGraph, subnet: string): boolean {
  const block = graph.block(subnet);
  if (!block) return false;
  return routeTablesOf(graph, block).some((t) => routesOf(graph, t).some(isInternetRoute));
}

function appGroups(graph: StackGraph, app: ArchNode): string[] {
  return app.resources.flatMap((address) => {
    const block = graph.block(address);
    return block ? groupsOf(graph, block) : [];
  });
}

/**
 * True when the app pulls from the repository: its task definition names it, or a policy of
 * its execution role grants the pull (the image itself may be given as a string).
 */
function pullsFrom(graph: StackGraph, app: ArchNode, repo: Block): boolean {
  const names = (address: string) => graph.refsFrom(address).some((e) => e.to === repo.address);
  return app.resources.some((part) => {
    if (names(part)) return true;
    const roles = graph
      .refsFrom(part, 'execution_role_arn')
      .map((e) => e.to)
      .filter((to) => to.startsWith('aws_iam_role.'));
    return roles.some((role) =>
      graph.refsTo(role).some((e) => {
        const policy = graph.block(e.from);
        return policy?.type === 'aws_iam_role_policy' && names(policy.address);
      }),
    );
  });
}

/** True when a subnet the app runs in routes to the internet through a NAT gateway. */
function routesAnyToNat(
  graph: StackGraph,
  app: ArchNode,
  subnets: ReadonlyMap<string, SubnetModel>,
): boolean {
  const placed =
    app.placement.in === 'tier'
      ? app.placement.subnets
      : app.placement.in === 'subnet'
        ? [app.placement.subnet]
        : [];
  return placed.some((address) => {
    const block = subnets.has(address) ? graph.block(address) : undefined;
    return (
      block !== undefined &&
      routeTablesOf(graph, block).some((t) =>
        routesOf(graph, t).some((r) => r.target?.startsWith('aws_nat_gateway.')),
      )
    );
  });
}

/** Ingress rules of `groups` open to the internet. */
function internetIngress(rules: readonly SgRule[], groups: readonly string[]): SgRule[] {
  return rules.filter(
    (r) =>
      r.direction === 'ingress' &&
      r.group !== undefined &&
      groups.includes(r.group) &&
      r.cidrs.some(isInternetCidr),
  );
}

function trafficEdge(
  from: string,
  to: string,
  allowed: readonly SgRule[],
  cardData: boolean,
): ArchEdge {
  const ports = uniquePorts(allowed);
  return {
    from,
    to,
    kind: 'traffic',
    label: ports.map(portText).join(', '),
    ports,
    rules: allowed.map((r) => r.address),
    cardData,
  };
}

function plainEdge(from: string, to: string, kind: EdgeKind, label: string): ArchEdge {
  return { from, to, kind, label, ports: [], rules: [], cardData: false };
}

function uniquePorts(rules: readonly SgRule[]): PortRange[] {
  const out: PortRange[] = [];
  for (const r of rules) {
    const p = { protocol: r.protocol, from: r.fromPort, to: r.toPort };
    if (!out.some((o) => o.protocol === p.protocol && o.from === p.from && o.to === p.to))
      out.push(p);
  }
  return out.sort((a, b) => (a.from ?? -1) - (b.from ?? -1));
}

/** `443/tcp`, `1024-2048/tcp`, `all traffic`. */
export function portText(p: PortRange): string {
  if (p.protocol === '-1' || p.protocol === 'all') return 'all traffic';
  const range = p.from === p.to ? `${p.from ?? '?'}` : `${p.from ?? '?'}-${p.to ?? '?'}`;
  return `${range}/${p.protocol}`;
}

function capacity(
  min: number | undefined,
  desired: number | undefined,
  max: number | undefined,
): string {
  const n = (v: number | undefined) => (v === undefined ? '?' : String(v));
  return `min ${n(min)} / desired ${n(desired)} / max ${n(max)}`;
}

function certificateDetails(graph: StackGraph, cert: Block): string[] {
  const domain = str(cert.attrs['domain_name']);
  if (domain) {
    const validated = graph
      .resources('aws_route53_record')
      .some((r) => graph.refsFrom(r.address).some((e) => e.to === cert.address));
    return [domain, validated ? 'issued by ACM, DNS-validated in Route 53' : 'issued by ACM'];
  }
  const selfSigned = graph
    .refsFrom(cert.address, 'certificate_body')
    .some((e) => e.to.startsWith('tls_self_signed_cert.'));
  return selfSigned ? ['imported, self-signed', '(browsers warn)'] : ['imported'];
}

/** `certificate/0e5e4a57...` from a certificate ARN. */
function shortArn(arn: string): string {
  const resource = arn.split(':').at(-1) ?? arn;
  return resource.length > 24 ? `${resource.slice(0, 24)}...` : resource;
}

function detectiveDetails(control: Block): string[] {
  const name = str(control.attrs['name']);
  switch (control.type) {
    case 'aws_guardduty_detector':
      return ['threat detection', control.attrs['enable'] === false ? 'disabled' : 'enabled'];
    case 'aws_securityhub_account':
      return ['security standards, findings'];
    case 'aws_cloudtrail':
      return [
        ...(name ? [name] : []),
        control.attrs['is_multi_region_trail'] === true ? 'multi-Region' : 'this Region',
      ];
    default:
      return [...(name ? [name] : []), 'resource configuration history'];
  }
}

function serviceOf(endpoint: Block): string {
  const service = str(endpoint.attrs['service_name']) ?? '?';
  return service.replace(/^.*\.amazonaws\.[a-z0-9-]+\./, '').replace(/^.*\./, '');
}

/** The bucket's name without the account and Region suffix the naming module appends. */
function bucketLabel(bucket: Block): string {
  const name = str(bucket.attrs['bucket']) ?? str(bucket.attrs['bucket_prefix']) ?? bucket.name;
  return name.replace(/-\$\{[^}]+\}.*$/, '');
}

function endpointLines(endpoints: readonly Block[]): string[] {
  const names = endpoints.map((e) => {
    const service = str(e.attrs['service_name']) ?? '?';
    return service.replace(/^com\.amazonaws\.[a-z0-9-]+\./, '');
  });
  // Four names to a line keeps the node narrow.
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 4) lines.push(names.slice(i, i + 4).join(', '));
  return lines;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
