import { Construct } from 'constructs';
import { CloudwatchCompositeAlarm } from '@cdktn/provider-aws/lib/cloudwatch-composite-alarm';
import type {
  CloudwatchMetricAlarmConfig,
  CloudwatchMetricAlarmMetricQuery,
} from '@cdktn/provider-aws/lib/cloudwatch-metric-alarm';
import { CloudwatchMetricAlarm } from '@cdktn/provider-aws/lib/cloudwatch-metric-alarm';
import type { Naming } from '../../naming/naming';

/**
 * What the alarm does when the metric has no data, chosen per alarm:
 * - `notBreaching`: no data means nothing bad happened (no requests, so no errors);
 * - `breaching`: silence itself is the failure (a writer that stops reporting);
 * - `missing`: keep the current state (metrics that pause with capacity).
 */
export type MissingData = 'notBreaching' | 'breaching' | 'missing';

export type Comparison =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

interface AlarmBase {
  /** Name component: the alarm is `payment-<what>-<suffix>`. */
  readonly what: string;
  /** What it means and what to do, shown in the notification. */
  readonly description: string;
  readonly threshold: number;
  readonly comparison: Comparison;
  readonly evaluationPeriods: number;
  /** @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
  readonly treatMissingData: MissingData;
}

export interface MetricAlarmSpec extends AlarmBase {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** `Sum`, `Average`, `Maximum`, `Minimum`, or a percentile such as `p99`. */
  readonly statistic: string;
  readonly periodSeconds: number;
}

export interface MathAlarmSpec extends AlarmBase {
  /** The metrics (ids m1, m2, ...) and the expression (id `e1`) whose value is alarmed on. */
  readonly metrics: ReadonlyArray<Omit<MetricAlarmSpec, keyof AlarmBase> & { readonly id: string }>;
  readonly expression: string;
  readonly expressionLabel: string;
}

export interface AlarmsProps {
  readonly naming: Naming;
  /** Topic ARN that receives both ALARM and OK transitions of every alarm. */
  readonly actionArn: string;
}

/**
 * Makes every alarm of the stack, so none can be created without actions: each one notifies
 * `actionArn` when it goes into ALARM and when it returns to OK.
 */
export class Alarms extends Construct {
  private readonly props: AlarmsProps;
  private readonly byWhat = new Map<string, CloudwatchMetricAlarm>();

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.props = props;
  }

  /** The metric alarms made so far, by name component. */
  get metricAlarms(): ReadonlyMap<string, CloudwatchMetricAlarm> {
    return this.byWhat;
  }

  metric(spec: MetricAlarmSpec): CloudwatchMetricAlarm {
    const percentile = /^p\d/.test(spec.statistic);
    return this.add(spec, {
      namespace: spec.namespace,
      metricName: spec.metricName,
      dimensions: { ...spec.dimensions },
      period: spec.periodSeconds,
      ...(percentile ? { extendedStatistic: spec.statistic } : { statistic: spec.statistic }),
    });
  }

  math(spec: MathAlarmSpec): CloudwatchMetricAlarm {
    const metricQuery: CloudwatchMetricAlarmMetricQuery[] = [
      ...spec.metrics.map((m) => ({
        id: m.id,
        returnData: false,
        metric: {
          namespace: m.namespace,
          metricName: m.metricName,
          dimensions: { ...m.dimensions },
          period: m.periodSeconds,
          stat: m.statistic,
        },
      })),
      { id: 'e1', expression: spec.expression, label: spec.expressionLabel, returnData: true },
    ];
    return this.add(spec, { metricQuery });
  }

  /** An alarm over other alarms (`ALARM(a) OR ALARM(b)`), with the same actions. */
  composite(what: string, description: string, members: readonly CloudwatchMetricAlarm[]) {
    if (members.length === 0) throw new Error(`Composite alarm ${what} has no member alarms`);
    return new CloudwatchCompositeAlarm(this, `Composite-${what}`, {
      alarmName: this.props.naming.name(what),
      alarmDescription: description,
      alarmRule: members.map((m) => `ALARM("${m.alarmName}")`).join(' OR '),
      actionsEnabled: true,
      alarmActions: [this.props.actionArn],
      okActions: [this.props.actionArn],
    });
  }

  private add(
    spec: AlarmBase,
    measure: Partial<CloudwatchMetricAlarmConfig>,
  ): CloudwatchMetricAlarm {
    if (this.byWhat.has(spec.what)) throw new Error(`Alarm ${spec.what} is defined twice`);
    const alarm = new CloudwatchMetricAlarm(this, spec.what, {
      alarmName: this.props.naming.name(spec.what),
      alarmDescription: spec.description,
      comparisonOperator: spec.comparison,
      threshold: spec.threshold,
      evaluationPeriods: spec.evaluationPeriods,
      datapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods,
      treatMissingData: spec.treatMissingData,
      actionsEnabled: true,
      alarmActions: [this.props.actionArn],
      okActions: [this.props.actionArn],
      ...measure,
    });
    this.byWhat.set(spec.what, alarm);
    return alarm;
  }
}
