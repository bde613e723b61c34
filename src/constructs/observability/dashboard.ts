import { Construct } from 'constructs';
import { Lazy } from 'cdktn';
import { CloudwatchDashboard } from '@cdktn/provider-aws/lib/cloudwatch-dashboard';
import type { AlarmTargets } from './service-alarms';

export interface DashboardProps {
  /** Dashboard name (letters, digits, `-` and `_`), from `naming`. */
  readonly name: string;
  readonly region: string;
  readonly targets: AlarmTargets;
}

type MetricLine = ReadonlyArray<string | Readonly<Record<string, string>>>;

interface Widget {
  readonly type: 'metric';
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

/**
 * One dashboard per stack: requests, latency, errors, capacity and the database, for whatever
 * the stack has. Rendered at synthesis, so dimension values stay Terraform references.
 */
export class Dashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    this.dashboard = new CloudwatchDashboard(this, 'Dashboard', {
      dashboardName: props.name,
      dashboardBody: Lazy.stringValue({
        produce: () => JSON.stringify({ widgets: dashboardWidgets(props.targets, props.region) }),
      }),
    });
  }
}

/** The widgets for `targets`, in reading order. Exported for tests. */
export function dashboardWidgets(targets: AlarmTargets, region: string): Widget[] {
  const widget = (title: string, metrics: MetricLine[], stat = 'Sum'): Widget => ({
    type: 'metric',
    width: 12,
    height: 6,
    properties: { title, region, stat, period: 300, view: 'timeSeries', metrics },
  });
  const widgets: Widget[] = [];
  const lb = targets.loadBalancer;
  if (lb) {
    const alb = (metric: string): MetricLine => [
      'AWS/ApplicationELB',
      metric,
      'LoadBalancer',
      lb.loadBalancerArnSuffix,
    ];
    widgets.push(widget('Requests', [alb('RequestCount')]));
    widgets.push(
      widget(
        'Latency (p50, p99)',
        [
          [...alb('TargetResponseTime'), { stat: 'p50' }],
          [...alb('TargetResponseTime'), { stat: 'p99' }],
        ],
        'p99',
      ),
    );
    widgets.push(
      widget('Errors', [
        alb('HTTPCode_ELB_5XX_Count'),
        alb('HTTPCode_Target_5XX_Count'),
        alb('HTTPCode_Target_4XX_Count'),
      ]),
    );
    widgets.push(
      widget(
        'Target health',
        [
          [
            'AWS/ApplicationELB',
            'HealthyHostCount',
            'TargetGroup',
            lb.targetGroupArnSuffix,
            'LoadBalancer',
            lb.loadBalancerArnSuffix,
          ],
          [
            'AWS/ApplicationELB',
            'UnHealthyHostCount',
            'TargetGroup',
            lb.targetGroupArnSuffix,
            'LoadBalancer',
            lb.loadBalancerArnSuffix,
          ],
        ],
        'Maximum',
      ),
    );
  }
  const app = targets.app;
  if (app?.kind === 'ec2') {
    widgets.push(
      widget(
        'App capacity and CPU',
        [
          [
            'AWS/AutoScaling',
            'GroupInServiceInstances',
            'AutoScalingGroupName',
            app.autoScalingGroupName,
          ],
          [
            'AWS/EC2',
            'CPUUtilization',
            'AutoScalingGroupName',
            app.autoScalingGroupName,
            { stat: 'Average' },
          ],
        ],
        'Average',
      ),
    );
  } else if (app?.kind === 'ecs-fargate') {
    const dims = ['ClusterName', app.clusterName, 'ServiceName', app.serviceName];
    widgets.push(
      widget(
        'App capacity, CPU and memory',
        [
          ['ECS/ContainerInsights', 'RunningTaskCount', ...dims],
          ['AWS/ECS', 'CPUUtilization', ...dims],
          ['AWS/ECS', 'MemoryUtilization', ...dims],
        ],
        'Average',
      ),
    );
  }
  const db = targets.database;
  if (db) {
    const rds = (metric: string, ...extra: string[]): MetricLine => [
      'AWS/RDS',
      metric,
      'DBClusterIdentifier',
      db.clusterIdentifier,
      ...extra,
    ];
    widgets.push(
      widget(
        'Database CPU and capacity',
        [
          rds('CPUUtilization', 'Role', 'WRITER'),
          rds('ServerlessDatabaseCapacity'),
          rds('ACUUtilization'),
        ],
        'Average',
      ),
    );
    widgets.push(
      widget(
        'Database connections and replica lag',
        [rds('DatabaseConnections', 'Role', 'WRITER'), rds('AuroraReplicaLag', 'Role', 'READER')],
        'Maximum',
      ),
    );
  }
  const waf = targets.waf;
  if (waf) {
    widgets.push(
      widget(
        'WAF allowed and blocked',
        ['AllowedRequests', 'BlockedRequests'].map((metric) => [
          'AWS/WAFV2',
          metric,
          'WebACL',
          waf.webAclName,
          'Region',
          waf.region,
          'Rule',
          'ALL',
        ]),
      ),
    );
  }
  if (targets.natGatewayIds.length > 0) {
    widgets.push(
      widget(
        'NAT gateways',
        targets.natGatewayIds.flatMap((id) => [
          ['AWS/NATGateway', 'ErrorPortAllocation', 'NatGatewayId', id],
          ['AWS/NATGateway', 'ActiveConnectionCount', 'NatGatewayId', id, { stat: 'Maximum' }],
        ]),
      ),
    );
  }
  return widgets;
}
