/** Data crossing AZs: charged, but how much depends on traffic the usage profile does not model. */
import { Lines } from '../lines';
import type { PricingInput } from './pricer';

export function noteInterAzTransfer({ topology }: PricingInput): Lines {
  const out = new Lines();
  if (topology.azs.length > 1 && topology.subnets.length > 0) {
    out.note(
      '(stack)',
      'Inter-AZ data transfer',
      'depends on how traffic crosses AZs (ALB to targets, app to the writer); not modelled',
    );
  }
  return out;
}
