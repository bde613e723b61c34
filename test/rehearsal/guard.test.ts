import { request } from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  CREDENTIAL_VARIABLES,
  guardNetwork,
  isLoopback,
  loopbackEndpoint,
  rehearsalEnvironment,
} from '../../src/rehearsal/guard';

describe('the rehearsal never reaches AWS', () => {
  it('accepts only loopback endpoints', () => {
    expect(loopbackEndpoint('http://127.0.0.1:4566').port).toBe('4566');
    expect(loopbackEndpoint('http://localhost:4566').hostname).toBe('localhost');
    expect(loopbackEndpoint('http://[::1]:4566').hostname).toBe('[::1]');
    for (const bad of [
      'https://sts.amazonaws.com',
      'http://10.0.0.5:4566',
      'http://192.168.1.2:4566',
      'http://127.0.0.1.nip.io:4566',
      'http://0.0.0.0:4566',
    ])
      expect(() => loopbackEndpoint(bad), bad).toThrow(/not on loopback/);
    expect(() => loopbackEndpoint('ftp://127.0.0.1')).toThrow(/not http/);
    expect(() => loopbackEndpoint('nonsense')).toThrow(/not a URL/);
    expect(isLoopback('127.8.9.10')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('128.0.0.1')).toBe(false);
  });

  it('switches every real credential source off for its children and its own clients', () => {
    const base = {
      PATH: '/usr/bin',
      AWS_PROFILE: 'prod-admin',
      AWS_SESSION_TOKEN: 'real',
      AWS_ACCESS_KEY_ID: 'AKIAREAL',
      AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.2/creds',
      AWS_ENDPOINT_URL_S3: 'https://s3.amazonaws.com',
      HTTPS_PROXY: 'http://proxy.example:3128',
      TF_VAR_anything: 'x',
    };
    const env = rehearsalEnvironment(base, new URL('http://127.0.0.1:4566'), '/tmp/empty');
    expect(env).toMatchObject({
      PATH: '/usr/bin',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_ACCESS_KEY_ID: 'rehearsal',
      AWS_SECRET_ACCESS_KEY: 'rehearsal',
      AWS_CONFIG_FILE: '/tmp/empty',
      AWS_SHARED_CREDENTIALS_FILE: '/tmp/empty',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    for (const name of [...CREDENTIAL_VARIABLES, 'AWS_ENDPOINT_URL_S3', 'TF_VAR_anything'])
      expect(env[name], name).toBeUndefined();
  });

  it('refuses a connection to any address but loopback while the guard is up', async () => {
    const attempt = (host: string) =>
      new Promise<string>((done) => {
        const req = request({ host, port: 9, path: '/', timeout: 2000 }, () => done('connected'));
        req.on('error', (error) => done(error.message));
        req.on('timeout', () => {
          req.destroy();
          done('timeout');
        });
        req.end();
      });
    const original = net.Socket.prototype.connect;
    const lift = guardNetwork();
    try {
      expect(await attempt('203.0.113.10')).toMatch(/refused a connection to 203\.0\.113\.10/);
      expect(await attempt('sts.amazonaws.com')).toMatch(
        /refused a connection to sts\.amazonaws\.com/,
      );
      // Loopback goes through (nothing listens on port 9: refused by the OS, not the guard).
      expect(await attempt('127.0.0.1')).not.toMatch(/rehearsal: refused/);
    } finally {
      lift();
    }
    // Lifted: the socket's own connect is back (no test ever connects off this machine).
    expect(net.Socket.prototype.connect).toBe(original);
  });
});
