import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktn';
import { TerraformIterator, Token } from 'cdktn';
import { AcmCertificate } from '@cdktn/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktn/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktn/provider-aws/lib/route53-record';
import { TlsPrivateKey, TlsProvider, TlsSelfSignedCert } from './tls-provider';

/** How long `terraform apply` waits for ACM to issue a DNS-validated certificate. */
export const CERTIFICATE_VALIDATION_TIMEOUT = '75m';
/** A self-signed certificate is valid for a year and replaced 30 days before it expires. */
export const SELF_SIGNED_VALIDITY_HOURS = 24 * 365;
export const SELF_SIGNED_RENEWAL_HOURS = 24 * 30;

/** Where the listener's certificate comes from (the modes of `AlbCertificate`). */
export type CertificateSource =
  /** An issued ACM certificate in the stack's Region, used as is. */
  | { readonly mode: 'existing'; readonly certificateArn: string }
  /** Requested from ACM and validated by records created in this public hosted zone. */
  | { readonly mode: 'route53'; readonly domainName: string; readonly hostedZoneId: string }
  /** Requested from ACM; whoever runs the domain's DNS adds the validation records. */
  | { readonly mode: 'manual-dns'; readonly domainName: string }
  /** Made by the `tls` provider and imported into ACM (dev and staging). */
  | { readonly mode: 'self-signed' };

export interface AlbCertificateProps {
  /** The certificate mode and its inputs. */
  readonly certificate: CertificateSource;
  /** Common name of a self-signed certificate (no trusted name exists in that mode). */
  readonly selfSignedCommonName: string;
}

/**
 * The HTTPS listener's certificate in one of four modes:
 * - `existing`: an ACM certificate ARN, used as is;
 * - `route53`: requested from ACM, validated by DNS records created in the hosted zone, and
 *   awaited (`aws_acm_certificate_validation`, with a timeout);
 * - `manual-dns`: requested from ACM; the validation records are an output for whoever runs
 *   the domain's DNS, and the listener waits for the certificate to be issued;
 * - `self-signed` (dev and staging): a key and certificate made by the `tls` provider and
 *   imported into ACM, so a stack in an account without a domain is healthy over HTTPS.
 */
export class AlbCertificate extends Construct {
  /** The ARN the listener uses: the validated ARN where there is a validation to wait for. */
  readonly certificateArn: string;
  /** What the HTTPS listener must wait for (the validation), if anything. */
  readonly listenerDependencies: readonly ITerraformDependable[];
  /** The DNS name users reach, when the certificate is for a domain. */
  readonly domainName: string | undefined;
  /** Requested certificate (not in `existing` mode). */
  readonly acmCertificate: AcmCertificate | undefined;

  constructor(scope: Construct, id: string, props: AlbCertificateProps) {
    super(scope, id);
    const { certificate } = props;
    switch (certificate.mode) {
      case 'existing':
        this.certificateArn = certificate.certificateArn;
        this.listenerDependencies = [];
        this.domainName = undefined;
        this.acmCertificate = undefined;
        return;
      case 'self-signed': {
        const provider = new TlsProvider(this, 'TlsProvider');
        const key = new TlsPrivateKey(this, 'PrivateKey', {
          provider,
          algorithm: 'RSA',
          rsaBits: 2048,
        });
        const cert = new TlsSelfSignedCert(this, 'SelfSigned', {
          provider,
          privateKeyPem: key.privateKeyPem,
          subject: { commonName: props.selfSignedCommonName, organization: 'Payment platform' },
          validityPeriodHours: SELF_SIGNED_VALIDITY_HOURS,
          earlyRenewalHours: SELF_SIGNED_RENEWAL_HOURS,
          allowedUses: ['key_encipherment', 'digital_signature', 'server_auth'],
          dnsNames: [props.selfSignedCommonName],
        });
        this.acmCertificate = new AcmCertificate(this, 'Imported', {
          privateKey: key.privateKeyPem,
          certificateBody: cert.certPem,
          lifecycle: { createBeforeDestroy: true },
          tags: { Name: props.selfSignedCommonName, Certificate: 'self-signed' },
        });
        this.certificateArn = this.acmCertificate.arn;
        this.listenerDependencies = [];
        this.domainName = undefined;
        return;
      }
      case 'route53':
      case 'manual-dns': {
        const requested = new AcmCertificate(this, 'Requested', {
          domainName: certificate.domainName,
          validationMethod: 'DNS',
          keyAlgorithm: 'RSA_2048',
          options: { certificateTransparencyLoggingPreference: 'ENABLED' },
          lifecycle: { createBeforeDestroy: true },
          tags: { Name: certificate.domainName },
        });
        let fqdns: string[] | undefined;
        if (certificate.mode === 'route53') {
          const options = TerraformIterator.fromComplexList(
            requested.domainValidationOptions,
            'domain_name',
          );
          const records = new Route53Record(this, 'ValidationRecord', {
            forEach: options,
            zoneId: certificate.hostedZoneId,
            name: options.getString('resource_record_name'),
            type: options.getString('resource_record_type'),
            records: [options.getString('resource_record_value')],
            ttl: 60,
            allowOverwrite: true,
          });
          fqdns = Token.asList(TerraformIterator.fromResources(records).pluckProperty('fqdn'));
        }
        const validation = new AcmCertificateValidation(this, 'Validation', {
          certificateArn: requested.arn,
          ...(fqdns ? { validationRecordFqdns: fqdns } : {}),
          timeouts: { create: CERTIFICATE_VALIDATION_TIMEOUT },
        });
        this.acmCertificate = requested;
        this.certificateArn = validation.certificateArn;
        this.listenerDependencies = [validation];
        this.domainName = certificate.domainName;
        return;
      }
    }
  }
}
