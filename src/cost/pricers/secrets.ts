/** Secrets Manager secrets: a monthly charge each. (The RDS-managed secret is on Aurora's lines.) */
import { Lines } from '../lines';
import type { PricingInput } from './pricer';

export function priceSecrets({ graph, prices }: PricingInput): Lines {
  const out = new Lines();
  for (const s of graph.resources('aws_secretsmanager_secret')) {
    out.add(s.address, 'security', 'Secrets Manager secret', 1, prices.secretMonth);
  }
  return out;
}
