import { describe, expect, it } from 'vitest';
import { priceAlarms } from '../../../src/cost/pricers/alarms';
import { itemsOf, pricingInput } from '../../helpers/pricing';

describe('priceAlarms', () => {
  it('charges a metric alarm per metric it evaluates and a composite alarm at its rate', () => {
    const out = priceAlarms(
      pricingInput({
        aws_cloudwatch_metric_alarm: {
          cpu: { metric_name: 'CPUUtilization' },
          errors: {
            metric_query: [
              { id: 'e', expression: 'm1 / m2' },
              { id: 'm1', metric: [{ metric_name: 'A' }] },
              { id: 'm2', metric: [{ metric_name: 'B' }] },
            ],
          },
        },
        aws_cloudwatch_composite_alarm: { any: { alarm_rule: 'ALARM(x)' } },
      }),
    );
    expect(itemsOf(out)).toEqual([
      ['aws_cloudwatch_metric_alarm.cpu', 'Metric alarm', 1, 0.1],
      ['aws_cloudwatch_metric_alarm.errors', 'Metric alarm (2 metrics)', 2, 0.1],
      ['aws_cloudwatch_composite_alarm.any', 'Composite alarm', 1, 0.5],
    ]);
  });
});
