/** ACM certificates: public ones are free; a private CA's certificates are not in the table. */
import { Lines } from '../lines';
import type { PricingInput } from './pricer';

export function priceCertificates({ graph }: PricingInput): Lines {
  const out = new Lines();
  for (const c of graph.resources('aws_acm_certificate')) {
    if (c.attrs['certificate_authority_arn'] === undefined) out.cover(c.address);
    else out.none(c.address, 'Private CA certificate', 'not in the price table');
  }
  return out;
}
