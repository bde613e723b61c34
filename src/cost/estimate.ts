/**
 * The monthly estimate of one stack at one usage profile: a line per priced item of each
 * resource, and what the table cannot price listed as unpriced (never silently zero).
 * Reads the gate's graph only.
 */
import type { StackGraph } from '../tfjson/graph';
import { attr, blockList } from '../tfjson/graph';
import type { UsageProfile } from '../config/profiles';
import type { AppTierInfo, DatabaseInfo } from '../analysis/topology';
import { topologyOf } from '../analysis/topology';
import type { Price, RegionPrices } from './prices';
import { HOURS_PER_MONTH } from './prices';
import { BASELINE_FREE_TYPES, BASELINE_USAGE_PRICED } from './pricers/account-baseline';

export const COMPONENTS = [
  'network',
  'edge',
  'app',
  'data',
  'observability',
  'security',
  'storage',
] as const;
export type Component = (typeof COMPONENTS)[number];

export interface CostLine {
  readonly address: string;
  readonly component: Component;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitUsd: number;
  readonly monthlyUsd: number;
}

export interface Unpriced {
  readonly address: string;
  readonly item: string;
  readonly reason: string;
}

export interface StackEstimate {
  readonly stack: string;
  readonly usage: string;
  readonly region: string;
  readonly monthlyUsd: number;
  readonly byComponent: Readonly<Record<Component, number>>;
  readonly lines: readonly CostLine[];
  readonly unpriced: readonly Unpriced[];
  /** App instances or tasks and database ACUs the estimate assumed. */
  readonly assumed: { readonly appCount: number; readonly acuPerInstance: number };
}

/** Seconds in the 730-hour month. */
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** Resource types that cost nothing by themselves (their cost, if any, is on another line). */
const FREE_TYPES = new Set([
  'aws_vpc',
  'aws_subnet',
  'aws_route_table',
  'aws_route',
  'aws_route_table_association',
  'aws_internet_gateway',
  'aws_default_security_group',
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_instance_profile',
  'aws_iam_service_linked_role',
  'aws_iam_policy',
  'aws_kms_alias',
  'aws_kms_key_policy',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_logging',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_object_lock_configuration',
  'aws_sns_topic_policy',
  'aws_secretsmanager_secret_policy',
  'aws_sns_topic_subscription',
  'aws_lb_listener',
  'aws_lb_target_group',
  'aws_wafv2_web_acl_association',
  'aws_autoscaling_policy',
  'aws_appautoscaling_target',
  'aws_appautoscaling_policy',
  'aws_launch_template',
  'aws_ecs_cluster',
  'aws_ecs_task_definition',
  'aws_ecr_lifecycle_policy',
  'aws_db_parameter_group',
  'aws_rds_cluster_parameter_group',
  'aws_db_subnet_group',
  'aws_acm_certificate_validation',
  'aws_route53_record',
  'tls_private_key',
  'tls_self_signed_cert',
  'random_id',
  'random_password',
]);

class Lines {
  readonly lines: CostLine[] = [];
  readonly unpriced: Unpriced[] = [];
  readonly priced = new Set<string>();

  add(address: string, component: Component, item: string, quantity: number, price: Price) {
    this.priced.add(address);
    this.lines.push({
      address,
      component,
      item,
      quantity,
      unit: price.unit,
      unitUsd: price.usd,
      monthlyUsd: quantity * price.usd,
    });
  }

  /** A usage-based line: only when the usage profile has some of it (the resource is priced either way). */
  usage(address: string, component: Component, item: string, quantity: number, price: Price) {
    if (quantity > 0) this.add(address, component, item, quantity, price);
    else this.priced.add(address);
  }

  none(address: string, item: string, reason: string) {
    this.priced.add(address);
    this.note(address, item, reason);
  }

  /** Something of a resource the table cannot price, beside what it can. */
  note(address: string, item: string, reason: string) {
    this.unpriced.push({ address, item, reason });
  }
}

/** App instances or tasks the tier runs at a request rate: target tracking on requests. */
export function appCountAt(tier: AppTierInfo, requestsPerSecond: number): number {
  if (!tier.requestsPerTargetPerMinute || requestsPerSecond <= 0) return tier.desired;
  const needed = Math.ceil((requestsPerSecond * 60) / tier.requestsPerTargetPerMinute);
  return Math.min(tier.max, Math.max(tier.desired, needed));
}

/**
 * ACUs per database instance at a usage profile. Idle with a 0 ACU minimum means paused; any
 * traffic keeps the instance at 0.5 ACU or more (the smallest running capacity).
 */
export function acuAt(db: DatabaseInfo, usage: UsageProfile): number {
  const wanted = usage.averageAcu ?? usage.requestsPerSecond * usage.acuPerRequestPerSecond;
  if (usage.requestsPerSecond <= 0 && usage.averageAcu === undefined) return db.minAcu;
  return Math.min(db.maxAcu, Math.max(db.minAcu, 0.5, wanted));
}

/**
 * ALB capacity units: the maximum of the four dimensions (AWS: 25 new connections per
 * second, 3,000 active connections per minute, 1 GB per hour processed for EC2/IP targets,
 * 1,000 rule evaluations per second), each per LCU.
 */
export function albLcus(usage: UsageProfile, rulesPerRequest = 1): number {
  const rps = usage.requestsPerSecond;
  const newConnections = rps / usage.requestsPerConnection;
  const activeConnections = newConnections * usage.connectionSeconds;
  const gbPerHour = (rps * 3600 * usage.averageResponseKb) / 1_000_000;
  return Math.max(
    newConnections / 25,
    activeConnections / 3000,
    gbPerHour,
    (rps * rulesPerRequest) / 1000,
  );
}

export function estimateStack(
  graph: StackGraph,
  usage: UsageProfile,
  usageName: string,
  prices: RegionPrices,
  region: string,
): StackEstimate {
  const topo = topologyOf(graph);
  const out = new Lines();
  const hours = HOURS_PER_MONTH;
  const rps = usage.requestsPerSecond;
  const dataOutGb = (rps * SECONDS_PER_MONTH * usage.averageResponseKb) / 1_000_000;

  // Network: NAT gateways, their addresses, interface endpoints.
  const nats = graph.resources('aws_nat_gateway');
  for (const nat of nats) {
    out.add(nat.address, 'network', 'NAT gateway hours', hours, prices.natGatewayHour);
    out.usage(
      nat.address,
      'network',
      'NAT data processed',
      usage.natEgressGb / nats.length,
      prices.natDataPerGb,
    );
  }
  for (const eip of graph.resources('aws_eip')) {
    out.add(eip.address, 'network', 'Public IPv4 address hours', hours, prices.publicIpv4Hour);
  }
  for (const e of topo.endpoints) {
    if (e.type !== 'Interface') {
      out.priced.add(e.address); // gateway endpoints (S3, DynamoDB) are free
      continue;
    }
    const azs = Math.max(1, e.subnets.length);
    out.add(
      e.address,
      'network',
      `Interface endpoint ${e.service.split('.').slice(3).join('.')} (${azs} AZ)`,
      azs * hours,
      prices.interfaceEndpointAzHour,
    );
    out.note(e.address, 'Endpoint data processed', 'no usage key for traffic through endpoints');
  }
  if (topo.azs.length > 1 && topo.subnets.length > 0) {
    out.note(
      '(stack)',
      'Inter-AZ data transfer',
      'depends on how traffic crosses AZs (ALB to targets, app to the writer); not modelled',
    );
  }

  // Edge: load balancer, its addresses and capacity units, data out, WAF.
  for (const lb of topo.loadBalancers) {
    out.add(lb.address, 'edge', 'Load balancer hours', hours, prices.albHour);
    if (lb.internetFacing) {
      // An internet-facing ALB holds a public IPv4 address in each enabled AZ.
      const ips = Math.max(1, lb.subnets.length);
      out.add(
        lb.address,
        'edge',
        `Public IPv4 addresses (${ips}, one per AZ)`,
        ips * hours,
        prices.publicIpv4Hour,
      );
    }
    const lcus = albLcus(usage);
    out.usage(
      lb.address,
      'edge',
      `Load balancer capacity units (${round(lcus, 3)} LCU)`,
      lcus * hours,
      prices.albLcuHour,
    );
    out.usage(lb.address, 'edge', 'Data out to the internet', dataOutGb, prices.dataOutPerGb);
  }
  for (const acl of graph.resources('aws_wafv2_web_acl')) {
    out.add(acl.address, 'edge', 'WAF web ACL', 1, prices.wafWebAclMonth);
    const rules = blockList(acl.attrs['rule']).length;
    out.usage(
      acl.address,
      'edge',
      `WAF rules and rule groups (${rules})`,
      rules,
      prices.wafRuleMonth,
    );
    out.usage(
      acl.address,
      'edge',
      'WAF requests',
      (rps * SECONDS_PER_MONTH) / 1_000_000,
      prices.wafPerMillionRequests,
    );
  }
  for (const cfg of graph.resources('aws_wafv2_web_acl_logging_configuration')) {
    out.none(
      cfg.address,
      'WAF log delivery to S3',
      'vended log delivery is charged per GB delivered; not in the price table',
    );
  }

  // App tier.
  let appCount = 0;
  for (const tier of topo.appTiers) {
    const count = appCountAt(tier, rps);
    appCount += count;
    if (tier.kind === 'ec2') {
      const price = tier.instanceType ? prices.ec2Hour[tier.instanceType] : undefined;
      if (price)
        out.add(
          tier.address,
          'app',
          `EC2 ${tier.instanceType} (${count} on demand)`,
          count * hours,
          price,
        );
      else
        out.none(
          tier.address,
          `EC2 ${tier.instanceType ?? '(unknown type)'}`,
          'instance type not in the price table',
        );
      if (tier.volumeGb > 0) {
        if (tier.volumeType === 'gp3' || tier.volumeType === undefined)
          out.add(
            tier.address,
            'app',
            `EBS gp3 root volumes (${count} x ${tier.volumeGb} GB)`,
            count * tier.volumeGb,
            prices.ebsGp3GbMonth,
          );
        else
          out.none(
            tier.address,
            `EBS ${tier.volumeType} volumes`,
            'volume type not in the price table',
          );
      }
      const template = graph.refsFrom(tier.address, 'launch_template')[0];
      const lt = template ? graph.block(template.to) : undefined;
      if (lt && attr(lt.attrs, 'monitoring.enabled') === true) {
        out.note(
          tier.address,
          'EC2 detailed monitoring metrics',
          'per-metric CloudWatch charge; not in the price table',
        );
      }
    } else {
      const arm = tier.architecture === 'arm64';
      const vcpu = arm ? prices.fargateArmVcpuHour : prices.fargateX86VcpuHour;
      const gb = arm ? prices.fargateArmGbHour : prices.fargateX86GbHour;
      const label = arm ? 'ARM' : 'x86';
      out.add(
        tier.address,
        'app',
        `Fargate ${label} vCPU (${count} tasks x ${tier.vcpu} vCPU)`,
        count * tier.vcpu * hours,
        vcpu,
      );
      out.add(
        tier.address,
        'app',
        `Fargate ${label} memory (${count} tasks x ${tier.memoryGb} GB)`,
        count * tier.memoryGb * hours,
        gb,
      );
    }
  }
  for (const cluster of graph.resources('aws_ecs_cluster')) {
    const insights = blockList(cluster.attrs['setting']).some(
      (s) => s['name'] === 'containerInsights' && s['value'] !== 'disabled',
    );
    if (insights)
      out.note(
        cluster.address,
        'Container Insights metrics',
        'custom-metric charge; not in the price table',
      );
  }

  // Data tier.
  let acuPerInstance = 0;
  for (const db of topo.databases) {
    const cluster = graph.block(db.address)!;
    const acu = acuAt(db, usage);
    acuPerInstance = acu;
    for (const inst of db.instances) {
      if (inst.instanceClass !== 'db.serverless') {
        out.none(
          inst.address,
          `Aurora ${inst.instanceClass}`,
          'provisioned instance classes are not in the price table',
        );
        continue;
      }
      const price = db.ioOptimized ? prices.auroraAcuHourIoOptimized : prices.auroraAcuHour;
      const what = acu === 0 ? 'paused (0 ACU)' : `${acu} ACU`;
      out.add(
        inst.address,
        'data',
        `Aurora Serverless v2 ${inst.writer ? 'writer' : 'reader'} ${what}`,
        acu * hours,
        price,
      );
    }
    out.usage(
      db.address,
      'data',
      'Aurora storage',
      usage.databaseStorageGb,
      prices.auroraStorageGbMonth,
    );
    if (usage.databaseIoMillions > 0 && !db.ioOptimized)
      out.add(
        db.address,
        'data',
        'Aurora I/O requests (millions)',
        usage.databaseIoMillions,
        prices.auroraIoPerMillion,
      );
    if (cluster.attrs['manage_master_user_password'] === true)
      out.add(db.address, 'security', 'RDS-managed master user secret', 1, prices.secretMonth);
    if (cluster.attrs['database_insights_mode'] === 'advanced')
      out.note(
        db.address,
        'Database Insights (advanced)',
        'priced under CloudWatch per ACU-hour; no rate found for the table',
      );
    out.note(
      db.address,
      'Backup storage beyond the cluster size',
      'depends on change rate over the 35-day retention',
    );
    out.priced.add(db.address);
  }
  for (const inst of graph.resources('aws_rds_cluster_instance')) {
    if ((inst.attrs['monitoring_interval'] ?? 0) !== 0)
      out.note(
        inst.address,
        'Enhanced monitoring (RDSOSMetrics log ingestion)',
        'billed as CloudWatch Logs ingestion; include it in logIngestGb',
      );
  }

  // Observability.
  for (const alarm of graph.resources('aws_cloudwatch_metric_alarm')) {
    const queries = blockList(alarm.attrs['metric_query']).filter(
      (q) => q['metric'] !== undefined,
    ).length;
    const metrics = Math.max(1, queries);
    out.add(
      alarm.address,
      'observability',
      metrics > 1 ? `Metric alarm (${metrics} metrics)` : 'Metric alarm',
      metrics,
      prices.alarmMetricMonth,
    );
  }
  for (const alarm of graph.resources('aws_cloudwatch_composite_alarm')) {
    out.add(alarm.address, 'observability', 'Composite alarm', 1, prices.compositeAlarmMonth);
  }
  for (const d of graph.resources('aws_cloudwatch_dashboard')) {
    out.add(d.address, 'observability', 'Dashboard', 1, prices.dashboardMonth);
  }
  const groups = graph.resources('aws_cloudwatch_log_group');
  const logShares = [
    ['Log ingestion (share)', usage.logIngestGb, prices.logsIngestPerGb],
    ['Log storage (share)', usage.logStorageGb, prices.logsStorageGbMonth],
  ] as const;
  for (const g of groups) {
    for (const [item, gb, price] of logShares)
      out.usage(g.address, 'observability', item, gb / groups.length, price);
  }
  for (const f of graph.resources('aws_flow_log')) {
    out.none(
      f.address,
      'VPC flow log delivery',
      `vended log delivery to ${String(f.attrs['log_destination_type'] ?? 'cloud-watch-logs')} is charged per GB; not in the price table`,
    );
  }
  for (const topic of graph.resources('aws_sns_topic')) {
    out.none(
      topic.address,
      'SNS notifications',
      'alarm e-mails are within the free tier; not priced',
    );
  }

  // Security.
  for (const key of graph.resources('aws_kms_key')) {
    out.add(key.address, 'security', 'KMS customer-managed key', 1, prices.kmsKeyMonth);
    out.note(
      key.address,
      'KMS requests and rotation',
      'requests beyond the free tier and the first rotations of a key are usage-based',
    );
  }
  for (const s of graph.resources('aws_secretsmanager_secret')) {
    out.add(s.address, 'security', 'Secrets Manager secret', 1, prices.secretMonth);
  }
  for (const c of graph.resources('aws_acm_certificate')) {
    if (c.attrs['certificate_authority_arn'] === undefined) out.priced.add(c.address); // public ACM certificates are free
    else out.none(c.address, 'Private CA certificate', 'not in the price table');
  }

  // Storage.
  const buckets = graph.resources('aws_s3_bucket');
  for (const b of buckets) {
    out.usage(
      b.address,
      'storage',
      'S3 Standard storage (share)',
      usage.s3StorageGb / buckets.length,
      prices.s3StandardGbMonth,
    );
    out.note(b.address, 'S3 requests and Glacier transitions', 'request-based; not modelled');
  }
  for (const r of graph.resources('aws_ecr_repository')) {
    out.usage(
      r.address,
      'storage',
      'ECR image storage',
      usage.ecrStorageGb,
      prices.ecrStorageGbMonth,
    );
  }

  // Everything else: free by type, or unpriced by name.
  for (const block of graph.blocks.values()) {
    if (block.kind !== 'resource' || out.priced.has(block.address) || FREE_TYPES.has(block.type))
      continue;
    if (BASELINE_FREE_TYPES.has(block.type)) continue;
    if (topo.appTiers.some((t) => t.address === block.address)) continue;
    if (out.lines.some((l) => l.address === block.address)) continue;
    const baseline = BASELINE_USAGE_PRICED[block.type];
    if (baseline) out.note(block.address, baseline.item, baseline.reason);
    else out.note(block.address, block.type, 'resource type not in the price table');
  }

  const byComponent = Object.fromEntries(COMPONENTS.map((c) => [c, 0])) as Record<
    Component,
    number
  >;
  for (const l of out.lines) byComponent[l.component] += l.monthlyUsd;
  const lines = out.lines.map((l) => ({ ...l, monthlyUsd: round(l.monthlyUsd, 2) }));
  return {
    stack: graph.name,
    usage: usageName,
    region,
    monthlyUsd: round(
      out.lines.reduce((s, l) => s + l.monthlyUsd, 0),
      2,
    ),
    byComponent: Object.fromEntries(COMPONENTS.map((c) => [c, round(byComponent[c], 2)])) as Record<
      Component,
      number
    >,
    lines,
    unpriced: out.unpriced,
    assumed: { appCount, acuPerInstance },
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
