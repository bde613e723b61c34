import { describe, expect, it } from 'vitest';
import { blocksOf, refOf, resourceAt, resourcesOf, synthesize } from '../../helpers/synth';

const ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0e5e4a57-c249-4249-aafc-3b40fcd541e9';
const DOMAIN = 'pay.example.com';
const ZONE = 'Z0123456789ABCDEFGHIJ';

const selfSigned = synthesize().json;
const existing = synthesize({}, { certificate: { certificateArn: ARN } }).json;
const route53 = synthesize({}, { certificate: { domainName: DOMAIN, hostedZoneId: ZONE } }).json;
const manual = synthesize({}, { certificate: { domainName: DOMAIN } }).json;

const httpsOf = (json: typeof selfSigned) =>
  blocksOf(json, 'aws_lb_listener').find((l) => l.protocol === 'HTTPS')!;

/** The requested ACM certificate of a domain mode, its reference and its validation. */
const requested = (json: typeof selfSigned) => {
  const cert = resourceAt(json, 'aws_acm_certificate', 'Certificate/Requested');
  return {
    cert,
    certRef: refOf(json, 'aws_acm_certificate', cert),
    validation: resourceAt(json, 'aws_acm_certificate_validation', 'Certificate/Validation'),
  };
};

describe('AlbCertificate: self-signed (dev and staging default)', () => {
  it('imports a tls-provider key and self-signed certificate into ACM for the listener', () => {
    const key = blocksOf(selfSigned, 'tls_private_key')[0]!;
    const cert = blocksOf(selfSigned, 'tls_self_signed_cert')[0]!;
    const imported = resourceAt(selfSigned, 'aws_acm_certificate', 'Certificate/Imported');
    expect(key).toMatchObject({ algorithm: 'RSA', rsa_bits: 2048 });
    expect(cert.allowed_uses).toContain('server_auth');
    expect(imported.private_key).toBe(
      `\${${refOf(selfSigned, 'tls_private_key', key)}.private_key_pem}`,
    );
    expect(imported.certificate_body).toBe(
      `\${${refOf(selfSigned, 'tls_self_signed_cert', cert)}.cert_pem}`,
    );
    expect(imported.lifecycle).toEqual({ create_before_destroy: true });
    const arn = `\${${refOf(selfSigned, 'aws_acm_certificate', imported)}.arn}`;
    expect(httpsOf(selfSigned).certificate_arn).toBe(arn);
    expect(selfSigned.output.certificate_arn!.value).toBe(arn);
  });
});

describe('AlbCertificate: existing ARN', () => {
  it('uses the ARN as is and creates no certificate, key or DNS record', () => {
    expect(httpsOf(existing).certificate_arn).toBe(ARN);
    expect(existing.output.certificate_arn!.value).toBe(ARN);
    for (const type of ['aws_acm_certificate', 'tls_private_key', 'aws_route53_record']) {
      expect(resourcesOf(existing, type)).toHaveLength(0);
    }
    expect(existing.terraform.required_providers).not.toHaveProperty('tls');
  });
});

describe('AlbCertificate: domain with a Route 53 zone', () => {
  const { cert, certRef, validation } = requested(route53);
  const records = resourceAt(route53, 'aws_route53_record', 'Certificate/ValidationRecord');

  it('requests a DNS-validated RSA certificate with transparency logging', () => {
    expect(cert).toMatchObject({
      domain_name: DOMAIN,
      validation_method: 'DNS',
      key_algorithm: 'RSA_2048',
      options: { certificate_transparency_logging_preference: 'ENABLED' },
      lifecycle: { create_before_destroy: true },
    });
  });

  it('creates one validation record per domain in the zone and waits with a timeout', () => {
    expect(records.zone_id).toBe(ZONE);
    expect(String(records.for_each)).toContain(`${certRef}.domain_validation_options`);
    expect(validation.certificate_arn).toBe(`\${${certRef}.arn}`);
    expect(JSON.stringify(validation.validation_record_fqdns)).toContain('fqdn');
    expect(validation.timeouts).toEqual({ create: '75m' });
  });

  it('makes the listener wait for validation and points the domain at the ALB', () => {
    const https = httpsOf(route53);
    const validationRef = refOf(route53, 'aws_acm_certificate_validation', validation);
    expect(https.certificate_arn).toBe(`\${${validationRef}.certificate_arn}`);
    expect(https.depends_on).toEqual([validationRef]);
    const alias = resourceAt(route53, 'aws_route53_record', 'LoadBalancer/AliasA');
    const albRef = refOf(route53, 'aws_lb', resourceAt(route53, 'aws_lb', 'LoadBalancer/Alb'));
    expect(alias).toMatchObject({
      zone_id: ZONE,
      name: DOMAIN,
      type: 'A',
      alias: { name: `\${${albRef}.dns_name}`, zone_id: `\${${albRef}.zone_id}` },
    });
    expect(route53.output.app_url!.value).toBe(`https://${DOMAIN}`);
  });
});

describe('AlbCertificate: domain alone (two-phase deploy)', () => {
  it('requests the certificate, outputs its validation records and the listener waits', () => {
    const { certRef, validation } = requested(manual);
    expect(validation).not.toHaveProperty('validation_record_fqdns');
    expect(validation.timeouts).toEqual({ create: '75m' });
    expect(resourcesOf(manual, 'aws_route53_record')).toHaveLength(0);
    expect(httpsOf(manual).depends_on).toEqual([
      refOf(manual, 'aws_acm_certificate_validation', validation),
    ]);
    expect(manual.output.certificate_validation_records!.value).toBe(
      `\${tolist(${certRef}.domain_validation_options)}`,
    );
    expect(selfSigned.output).not.toHaveProperty('certificate_validation_records');
  });
});
