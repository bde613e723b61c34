import { describe, expect, it } from 'vitest';
import { priceCertificates } from '../../../src/cost/pricers/certificates';
import { pricingInput } from '../../helpers/pricing';

describe('priceCertificates', () => {
  it('covers a public ACM certificate as free and lists a private CA one as unpriced', () => {
    const out = priceCertificates(
      pricingInput({
        aws_acm_certificate: {
          public: { domain_name: 'pay.example.com' },
          private: { certificate_authority_arn: 'arn:aws:acm-pca:us-east-1:1:ca/x' },
        },
      }),
    );
    expect(out.lines).toEqual([]);
    expect([...out.priced]).toEqual(['aws_acm_certificate.public', 'aws_acm_certificate.private']);
    expect(out.unpriced).toEqual([
      {
        address: 'aws_acm_certificate.private',
        item: 'Private CA certificate',
        reason: 'not in the price table',
      },
    ]);
  });
});
