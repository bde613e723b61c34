import { describe, expect, it } from 'vitest';
import { Testing, TerraformStack } from 'cdktn';
import {
  TLS_PROVIDER_SOURCE,
  TLS_PROVIDER_VERSION,
  TlsPrivateKey,
  TlsProvider,
  TlsSelfSignedCert,
} from '../../../src/constructs/edge/tls-provider';
import type { TerraformJson } from '../../helpers/synth';
import { blocksOf } from '../../helpers/synth';

const app = Testing.app();
const stack = new TerraformStack(app, 'tls-test');
const provider = new TlsProvider(stack, 'Tls');
const key = new TlsPrivateKey(stack, 'Key', { provider, algorithm: 'RSA', rsaBits: 2048 });
new TlsSelfSignedCert(stack, 'Cert', {
  provider,
  privateKeyPem: key.privateKeyPem,
  subject: { commonName: 'payment-app-dev.invalid', organization: 'Payment platform' },
  validityPeriodHours: 8760,
  earlyRenewalHours: 720,
  allowedUses: ['key_encipherment', 'digital_signature', 'server_auth'],
  dnsNames: ['payment-app-dev.invalid'],
});
const json = JSON.parse(Testing.synth(stack)) as TerraformJson;

describe('TlsProvider binding', () => {
  it('pins hashicorp/tls to an exact 4.x version in required_providers', () => {
    const required = (json.terraform.required_providers as Record<string, unknown>).tls;
    expect(required).toEqual({ source: TLS_PROVIDER_SOURCE, version: TLS_PROVIDER_VERSION });
    expect(TLS_PROVIDER_VERSION).toMatch(/^4\.\d+\.\d+$/);
    expect(json.provider.tls).toHaveLength(1);
  });

  it('writes tls_private_key arguments in snake_case', () => {
    const [block] = blocksOf(json, 'tls_private_key');
    expect(block).toMatchObject({ algorithm: 'RSA', rsa_bits: 2048, provider: 'tls' });
    expect(block).not.toHaveProperty('ecdsa_curve');
  });

  it('writes tls_self_signed_cert in snake_case, signed by the generated key', () => {
    const [block] = blocksOf(json, 'tls_self_signed_cert');
    expect(block).toMatchObject({
      private_key_pem: expect.stringMatching(/^\$\{tls_private_key\.[\w]+\.private_key_pem\}$/),
      subject: [{ common_name: 'payment-app-dev.invalid', organization: 'Payment platform' }],
      validity_period_hours: 8760,
      early_renewal_hours: 720,
      allowed_uses: ['key_encipherment', 'digital_signature', 'server_auth'],
      dns_names: ['payment-app-dev.invalid'],
    });
  });
});
