import type { Alarms } from './alarms';
import type { CloudwatchMetricAlarm } from '@cdktn/provider-aws/lib/cloudwatch-metric-alarm';

const FIVE_MINUTES = 300;
const ONE_MINUTE = 60;
const ONE_HOUR = 3600;

/** The load balancer and its target group, by the ARN suffixes CloudWatch uses as dimensions. */
export interface LoadBalancerTarget {
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArnSuffix: string;
}

export type AppTarget =
  | { readonly kind: 'ec2'; readonly autoScalingGroupName: string }
  | { readonly kind: 'ecs-fargate'; readonly clusterName: string; readonly serviceName: string };

export interface DatabaseTarget {
  readonly clusterIdentifier: string;
  /** Default max_connections at the maximum ACU (`auroraMaxConnections`). */
  readonly maxConnections: number;
  /** Readers exist, so replica lag is meaningful. */
  readonly hasReaders: boolean;
  /** The minimum capacity is 0: the cluster pauses when idle and stops reporting metrics. */
  readonly canPause: boolean;
}

export interface WafTarget {
  readonly webAclName: string;
  readonly region: string;
}

/**
 * Where an audit log lands: the S3 request metrics (`SecureBucket.addRequestMetrics`) of its
 * bucket and prefix, whose `PutRequests` show that the writer still delivers.
 */
export interface LogDeliveryTarget {
  readonly bucketName: string;
  readonly filterId: string;
}

/** The audit-log delivery paths of the stack (PCI DSS 10.7.2), each alarmed when it stops. */
export interface LogDeliveryTargets {
  readonly flowLogs?: LogDeliveryTarget;
  readonly albAccessLogs?: LogDeliveryTarget;
  readonly wafLogs?: LogDeliveryTarget;
}

/** The name component of each log-delivery alarm (`payment-<what>-<suffix>`). */
export const LOG_DELIVERY_ALARMS = {
  flowLogs: 'flow-log-delivery',
  albAccessLogs: 'alb-log-delivery',
  wafLogs: 'waf-log-delivery',
} as const satisfies Record<keyof LogDeliveryTargets, string>;

/** The resources the alarms watch; each part is optional so a stack alarms on what it has. */
export interface AlarmTargets {
  readonly loadBalancer?: LoadBalancerTarget;
  readonly app?: AppTarget;
  readonly database?: DatabaseTarget;
  readonly waf?: WafTarget;
  readonly natGatewayIds: readonly string[];
  readonly logDelivery?: LogDeliveryTargets;
}

/** When each service alarm fires. */
export interface AlarmThresholds {
  /** Load-balancer-generated 5xx responses in five minutes. */
  readonly elb5xxPerFiveMinutes: number;
  /** Share of requests answered 5xx by the app, in percent, over five minutes. */
  readonly target5xxRatePercent: number;
  /** p99 of the app's response time, in seconds. */
  readonly p99LatencySeconds: number;
  /** Average CPU of the app tier (Auto Scaling group or ECS service), percent. */
  readonly appCpuPercent: number;
  /** Average memory of the ECS service, percent (Fargate only). */
  readonly appMemoryPercent: number;
  /** CPU of the database writer, percent. */
  readonly databaseCpuPercent: number;
  /** Writer connections as a share of max_connections at the maximum ACU, percent. */
  readonly databaseConnectionsPercent: number;
  /** ACUUtilization: capacity used as a share of the maximum ACU, percent. */
  readonly acuUtilizationPercent: number;
  /** FreeableMemory of the writer below this, in MiB. */
  readonly databaseFreeableMemoryMiB: number;
  /** AuroraReplicaLag above this, in milliseconds. */
  readonly replicaLagMilliseconds: number;
  /** Requests WAF blocked in five minutes: a spike means an attack or a false positive. */
  readonly wafBlockedPerFiveMinutes: number;
}

export interface ServiceAlarms {
  /** The alarms a customer would notice: the composite "service degraded" is made of them. */
  readonly customerFacing: CloudwatchMetricAlarm[];
  readonly all: CloudwatchMetricAlarm[];
}

/** Creates the alarms of docs/system.md item 7 (and more) for whatever `targets` holds. */
export function addServiceAlarms(
  alarms: Alarms,
  targets: AlarmTargets,
  t: AlarmThresholds,
): ServiceAlarms {
  const customerFacing: CloudwatchMetricAlarm[] = [];
  const all: CloudwatchMetricAlarm[] = [];
  const keep = (alarm: CloudwatchMetricAlarm, customer = false) => {
    all.push(alarm);
    if (customer) customerFacing.push(alarm);
    return alarm;
  };

  const lb = targets.loadBalancer;
  if (lb) {
    const dims = { LoadBalancer: lb.loadBalancerArnSuffix };
    const alb = { namespace: 'AWS/ApplicationELB', dimensions: dims, periodSeconds: FIVE_MINUTES };
    keep(
      alarms.metric({
        ...alb,
        what: 'alb-5xx',
        description:
          'The load balancer itself answered 5xx (no healthy target, timeouts). Check target health and the app.',
        metricName: 'HTTPCode_ELB_5XX_Count',
        statistic: 'Sum',
        threshold: t.elb5xxPerFiveMinutes,
        comparison: 'GreaterThanOrEqualToThreshold',
        evaluationPeriods: 1,
        // No requests means no errors.
        treatMissingData: 'notBreaching',
      }),
      true,
    );
    keep(
      alarms.math({
        what: 'target-5xx-rate',
        description: `More than ${t.target5xxRatePercent}% of requests failed in the app (5xx). Check the app logs.`,
        metrics: [
          { ...alb, id: 'm1', metricName: 'HTTPCode_Target_5XX_Count', statistic: 'Sum' },
          { ...alb, id: 'm2', metricName: 'RequestCount', statistic: 'Sum' },
        ],
        expression: 'IF(m2 > 0, 100 * m1 / m2, 0)',
        expressionLabel: 'Target 5xx rate (%)',
        threshold: t.target5xxRatePercent,
        comparison: 'GreaterThanThreshold',
        evaluationPeriods: 2,
        treatMissingData: 'notBreaching',
      }),
      true,
    );
    keep(
      alarms.metric({
        ...alb,
        what: 'latency-p99',
        description: `p99 response time above ${t.p99LatencySeconds} s: customers wait. Check app CPU and the database.`,
        metricName: 'TargetResponseTime',
        statistic: 'p99',
        threshold: t.p99LatencySeconds,
        comparison: 'GreaterThanThreshold',
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
      }),
      true,
    );
    keep(
      alarms.metric({
        ...alb,
        what: 'unhealthy-hosts',
        description: 'At least one target fails its health check. Check the instances or tasks.',
        dimensions: { ...dims, TargetGroup: lb.targetGroupArnSuffix },
        metricName: 'UnHealthyHostCount',
        statistic: 'Maximum',
        periodSeconds: ONE_MINUTE,
        threshold: 0,
        comparison: 'GreaterThanThreshold',
        evaluationPeriods: 3,
        // ELB reports this every minute while targets exist; a gap is not evidence of failure.
        treatMissingData: 'notBreaching',
      }),
      true,
    );
    keep(
      alarms.metric({
        ...alb,
        what: 'alb-rejected-connections',
        description:
          'The load balancer rejected connections (maximum reached). Requests are being refused.',
        metricName: 'RejectedConnectionCount',
        statistic: 'Sum',
        threshold: 0,
        comparison: 'GreaterThanThreshold',
        evaluationPeriods: 1,
        treatMissingData: 'notBreaching',
      }),
      true,
    );
  }

  const app = targets.app;
  if (app?.kind === 'ec2') {
    keep(
      alarms.metric({
        what: 'app-cpu',
        description: `Average CPU of the app instances above ${t.appCpuPercent}% for 15 minutes: scaling is not keeping up.`,
        namespace: 'AWS/EC2',
        metricName: 'CPUUtilization',
        dimensions: { AutoScalingGroupName: app.autoScalingGroupName },
        statistic: 'Average',
        periodSeconds: FIVE_MINUTES,
        threshold: t.appCpuPercent,
        comparison: 'GreaterThanThreshold',
        evaluationPeriods: 3,
        // No instances reporting is caught by the load balancer alarms; keep the state here.
        treatMissingData: 'missing',
      }),
    );
  } else if (app?.kind === 'ecs-fargate') {
    const ecs = {
      namespace: 'AWS/ECS',
      dimensions: { ClusterName: app.clusterName, ServiceName: app.serviceName },
      statistic: 'Average',
      periodSeconds: FIVE_MINUTES,
      comparison: 'GreaterThanThreshold' as const,
      evaluationPeriods: 3,
      treatMissingData: 'missing' as const,
    };
    keep(
      alarms.metric({
        ...ecs,
        what: 'app-cpu',
        description: `Average CPU of the app service above ${t.appCpuPercent}% for 15 minutes: scaling is not keeping up.`,
        metricName: 'CPUUtilization',
        threshold: t.appCpuPercent,
      }),
    );
    keep(
      alarms.metric({
        ...ecs,
        what: 'app-memory',
        description: `Average memory of the app service above ${t.appMemoryPercent}% for 15 minutes: tasks risk being killed.`,
        metricName: 'MemoryUtilization',
        threshold: t.appMemoryPercent,
      }),
    );
  }

  const db = targets.database;
  if (db) {
    const writer = { DBClusterIdentifier: db.clusterIdentifier, Role: 'WRITER' };
    const rds = { namespace: 'AWS/RDS', periodSeconds: FIVE_MINUTES };
    keep(
      alarms.metric({
        ...rds,
        what: 'db-writer-cpu',
        description: `Database writer CPU above ${t.databaseCpuPercent}% for 15 minutes.`,
        metricName: 'CPUUtilization',
        dimensions: writer,
        statistic: 'Average',
        threshold: t.databaseCpuPercent,
        comparison: 'GreaterThanThreshold',
        evaluationPeriods: 3,
        // A writer that stops reporting is down, unless it may pause (dev with 0 ACU minimum).
        treatMissingData: db.canPause ? 'notBreaching' : 'breaching',
      }),
    );
    const connections = Math.floor((db.maxConnections * t.databaseConnectionsPercent) / 100);
    keep(
      alarms.metric({
        ...rds,
        what: 'db-connections',
        description: `Writer connections above ${connections} (${t.databaseConnectionsPercent}% of the ${db.maxConnections} max_connections at the maximum ACU). Check connection pooling.`,
        metricName: 'DatabaseConnections',
        dimensions: writer,
        statistic: 'Maximum',
        threshold: connections,
        comparison: 'GreaterThanThreshold',
        evaluationPeriods: 2,
        treatMissingData: 'missing',
      }),
    );
    keep(
      alarms.metric({
        ...rds,
        what: 'db-acu-utilization',
        description: `The database uses more than ${t.acuUtilizationPercent}% of its maximum ACU: raise maxCapacity before it saturates.`,
        metricName: 'ACUUtilization',
        dimensions: { DBClusterIdentifier: db.clusterIdentifier },
        statistic: 'Maximum',
        threshold: t.acuUtilizationPercent,
        comparison: 'GreaterThanThreshold',
        evaluationPeriods: 3,
        treatMissingData: 'missing',
      }),
    );
    keep(
      alarms.metric({
        ...rds,
        what: 'db-freeable-memory',
        description: `Writer freeable memory below ${t.databaseFreeableMemoryMiB} MiB.`,
        metricName: 'FreeableMemory',
        dimensions: writer,
        statistic: 'Minimum',
        threshold: t.databaseFreeableMemoryMiB * 1024 * 1024,
        comparison: 'LessThanThreshold',
        evaluationPeriods: 3,
        treatMissingData: 'missing',
      }),
    );
    if (db.hasReaders) {
      keep(
        alarms.metric({
          ...rds,
          what: 'db-replica-lag',
          description: `Reader lag above ${t.replicaLagMilliseconds} ms: reads are stale and failover would lose time.`,
          metricName: 'AuroraReplicaLag',
          dimensions: { DBClusterIdentifier: db.clusterIdentifier, Role: 'READER' },
          statistic: 'Maximum',
          periodSeconds: ONE_MINUTE,
          threshold: t.replicaLagMilliseconds,
          comparison: 'GreaterThanThreshold',
          evaluationPeriods: 5,
          datapointsToAlarm: 3,
          // During a failover the reader briefly has no lag metric.
          treatMissingData: 'notBreaching',
        }),
      );
    }
  }

  if (targets.waf) {
    keep(
      alarms.metric({
        what: 'waf-blocked-spike',
        description: `WAF blocked more than ${t.wafBlockedPerFiveMinutes} requests in five minutes: an attack, or a rule blocking customers.`,
        namespace: 'AWS/WAFV2',
        metricName: 'BlockedRequests',
        dimensions: { WebACL: targets.waf.webAclName, Region: targets.waf.region, Rule: 'ALL' },
        statistic: 'Sum',
        periodSeconds: FIVE_MINUTES,
        threshold: t.wafBlockedPerFiveMinutes,
        comparison: 'GreaterThanThreshold',
        evaluationPeriods: 1,
        treatMissingData: 'notBreaching',
      }),
    );
  }

  targets.natGatewayIds.forEach((natGatewayId, index) => {
    keep(
      alarms.metric({
        what:
          targets.natGatewayIds.length === 1
            ? 'nat-port-allocation'
            : `nat-port-allocation-${index + 1}`,
        description:
          'The NAT gateway could not allocate a source port: outbound connections from the app fail.',
        namespace: 'AWS/NATGateway',
        metricName: 'ErrorPortAllocation',
        dimensions: { NatGatewayId: natGatewayId },
        statistic: 'Sum',
        periodSeconds: FIVE_MINUTES,
        threshold: 0,
        comparison: 'GreaterThanThreshold',
        evaluationPeriods: 1,
        treatMissingData: 'notBreaching',
      }),
    );
  });

  if (targets.logDelivery) {
    for (const alarm of addLogDeliveryAlarms(alarms, targets, targets.logDelivery)) keep(alarm);
  }

  return { customerFacing, all };
}

/**
 * Alarms when an audit log stops arriving (PCI DSS 10.7.2: failures of audit logging
 * mechanisms are detected and responded to). None of the three delivery paths has a
 * CloudWatch metric of its own for failed delivery: a flow log's delivery state is only in
 * `DescribeFlowLogs` (`DeliverLogsStatus`, `DeliverLogsErrorMessage`; Amazon EC2 API Reference,
 * FlowLog: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_FlowLog.html), and ELB
 * and WAF publish no log-delivery metric in `AWS/ApplicationELB` or `AWS/WAFV2`. So each alarm
 * watches the destination instead: the S3 request metric `PutRequests` for the prefix the
 * writer delivers to (`SecureBucket.addRequestMetrics`), over an hour because request metrics
 * are best-effort.
 *
 * - Flow logs: the VPC always carries traffic (health checks, NAT), and flow logs aggregate
 *   every minute, so an hour without a single object is a failure (missing data breaches).
 * - ALB access logs and WAF logs: the load balancer writes a log file only for periods with
 *   requests, and WAF only for requests it saw, so silence alone is not a failure. Metric math
 *   alarms when there were requests (`RequestCount`; WAF `AllowedRequests` + `BlockedRequests`)
 *   and no object arrived, two hours running (logs for the last minutes of an hour arrive in
 *   the next).
 *
 * Each description is the runbook line the notification carries.
 */
function addLogDeliveryAlarms(
  alarms: Alarms,
  targets: AlarmTargets,
  paths: LogDeliveryTargets,
): CloudwatchMetricAlarm[] {
  const out: CloudwatchMetricAlarm[] = [];
  const puts = (target: LogDeliveryTarget) => ({
    namespace: 'AWS/S3',
    metricName: 'PutRequests',
    dimensions: { BucketName: target.bucketName, FilterId: target.filterId },
    statistic: 'Sum',
    periodSeconds: ONE_HOUR,
  });
  if (paths.flowLogs) {
    out.push(
      alarms.metric({
        ...puts(paths.flowLogs),
        what: LOG_DELIVERY_ALARMS.flowLogs,
        description: `No VPC flow-log object reached the flow-log bucket for an hour (PCI DSS 10.7.2): the network audit trail stopped. Runbook: aws ec2 describe-flow-logs (DeliverLogsStatus, DeliverLogsErrorMessage); check the bucket policy and the logs key policy; restore delivery and record the gap.`,
        threshold: 1,
        comparison: 'LessThanThreshold',
        evaluationPeriods: 1,
        // Silence itself is the failure: no object means no data point.
        treatMissingData: 'breaching',
      }),
    );
  }
  const lb = targets.loadBalancer;
  if (paths.albAccessLogs && lb) {
    out.push(
      alarms.math({
        what: LOG_DELIVERY_ALARMS.albAccessLogs,
        description: `The load balancer served requests but no access-log object reached the ALB log bucket for two hours (PCI DSS 10.7.2). Runbook: aws elbv2 describe-load-balancer-attributes (access_logs.s3.*); check the bucket policy (ELB delivery) and that the bucket still exists; restore delivery and record the gap.`,
        metrics: [
          {
            id: 'm1',
            namespace: 'AWS/ApplicationELB',
            metricName: 'RequestCount',
            dimensions: { LoadBalancer: lb.loadBalancerArnSuffix },
            statistic: 'Sum',
            periodSeconds: ONE_HOUR,
          },
          { id: 'm2', ...puts(paths.albAccessLogs) },
        ],
        // Requests with no log object; 0 when objects arrived or nothing was served.
        expression: 'IF(FILL(m2, 0) == 0, FILL(m1, 0), 0)',
        expressionLabel: 'Requests without access-log delivery',
        threshold: 1,
        comparison: 'GreaterThanOrEqualToThreshold',
        evaluationPeriods: 2,
        treatMissingData: 'notBreaching',
      }),
    );
  }
  if (paths.wafLogs && targets.waf) {
    const waf = {
      namespace: 'AWS/WAFV2',
      dimensions: { WebACL: targets.waf.webAclName, Region: targets.waf.region, Rule: 'ALL' },
      statistic: 'Sum',
      periodSeconds: ONE_HOUR,
    };
    out.push(
      alarms.math({
        what: LOG_DELIVERY_ALARMS.wafLogs,
        description: `WAF inspected requests but no WAF log object reached the WAF log bucket for two hours (PCI DSS 10.7.2). Runbook: aws wafv2 get-logging-configuration; check the bucket policy (log delivery) and the logs key policy; restore delivery and record the gap.`,
        metrics: [
          { ...waf, id: 'm1', metricName: 'AllowedRequests' },
          { ...waf, id: 'm3', metricName: 'BlockedRequests' },
          { id: 'm2', ...puts(paths.wafLogs) },
        ],
        expression: 'IF(FILL(m2, 0) == 0, FILL(m1, 0) + FILL(m3, 0), 0)',
        expressionLabel: 'Inspected requests without WAF log delivery',
        threshold: 1,
        comparison: 'GreaterThanOrEqualToThreshold',
        evaluationPeriods: 2,
        treatMissingData: 'notBreaching',
      }),
    );
  }
  return out;
}
