/** Plain HTTP(S) and TLS probes of the load balancer, with Node's own clients. */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

export interface HttpAnswer {
  readonly status: number;
  readonly location: string | undefined;
}

const TIMEOUT_MS = 10_000;

/** One GET, no redirects followed. `insecure` skips chain validation (self-signed certificates). */
export function get(url: string, insecure = false): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const request = client.get(
      url,
      { timeout: TIMEOUT_MS, rejectUnauthorized: !insecure },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, location: res.headers.location });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer in ${TIMEOUT_MS / 1000} s`)));
    request.on('error', reject);
  });
}

/**
 * Whether a handshake at exactly `version` succeeds. The client allows legacy versions
 * explicitly (OpenSSL security level 0), so a refusal is the server's, not this client's.
 */
export function handshakes(
  host: string,
  port: number,
  version: tls.SecureVersion,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port,
      servername: /^[\d.]+$/.test(host) ? undefined : host,
      minVersion: version,
      maxVersion: version,
      ciphers: 'DEFAULT:@SECLEVEL=0',
      rejectUnauthorized: false,
      timeout: TIMEOUT_MS,
    });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('secureConnect', () => done(socket.getProtocol() === version));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}
