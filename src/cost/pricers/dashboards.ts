/** CloudWatch dashboards: a monthly charge each. */
import { Lines } from '../lines';
import type { PricingInput } from './pricer';

export function priceDashboards({ graph, prices }: PricingInput): Lines {
  const out = new Lines();
  for (const d of graph.resources('aws_cloudwatch_dashboard')) {
    out.add(d.address, 'observability', 'Dashboard', 1, prices.dashboardMonth);
  }
  return out;
}
