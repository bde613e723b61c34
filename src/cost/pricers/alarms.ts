/**
 * CloudWatch alarms: a metric alarm is charged per metric it evaluates (a metric-math alarm
 * for each metric query), a composite alarm at its own rate.
 */
import { blockList } from '../../tfjson/graph';
import { Lines } from '../lines';
import type { PricingInput } from './pricer';

export function priceAlarms({ graph, prices }: PricingInput): Lines {
  const out = new Lines();
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
  return out;
}
