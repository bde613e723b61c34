/**
 * The local AWS emulator a rehearsal runs against: moto's `moto_server` (Python), started on
 * 127.0.0.1 at a free port, one per run, reset between environments, stopped at the end.
 * moto answers every service on one endpoint and does not check request signatures, so a few
 * calls here (importing a certificate, listing what exists) are plain HTTP requests.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { OperationFailed } from '../errors/problems';
import { loopbackEndpoint } from './guard';

/** moto's default account (MOTO_ACCOUNT_ID changes it; the rehearsal keeps the default). */
export const EMULATOR_ACCOUNT = '123456789012';

/** `moto_server` on PATH, or undefined (the rehearsal is then SKIPPED, saying so). */
export function findEmulator(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(dir, 'moto_server');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export interface Emulator {
  readonly endpoint: URL;
  /** Forgets every resource (POST /moto-api/reset). */
  reset(): Promise<void>;
  /** Imports a certificate into ACM; returns its ARN. */
  importCertificate(region: string, certificatePem: string, keyPem: string): Promise<string>;
  /** A JSON-protocol call (`X-Amz-Target`), for checks such as a refused deletion. */
  call(region: string, service: string, target: string, body: unknown): Promise<CallResult>;
  stop(): Promise<void>;
}

export interface CallResult {
  readonly status: number;
  readonly text: string;
}

/** A port nobody listens on now (the OS picks it). */
async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export async function startEmulator(
  command: string,
  env: Readonly<Record<string, string | undefined>>,
  logFile: string,
  timeoutMs = 60_000,
): Promise<Emulator> {
  const port = await freePort();
  const endpoint = loopbackEndpoint(`http://127.0.0.1:${port}`);
  // The emulator logs every request. To a file, not a pipe: while Terraform runs, this
  // process waits on it and would not drain a pipe, and a full pipe stops the emulator.
  const log = openSync(logFile, 'a');
  const child: ChildProcess = spawn(command, ['-H', '127.0.0.1', '-p', String(port)], {
    env: {
      ...env,
      // Else the RDS enhanced-monitoring managed policy, which the stacks attach, is missing.
      MOTO_IAM_LOAD_MANAGED_POLICIES: 'true',
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const tail = () => readFileSync(logFile, 'utf8').slice(-4000);
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null)
      throw new OperationFailed(`the emulator (${command}) exited at start:\n${tail()}`);
    try {
      const answer = await fetch(new URL('/moto-api/', endpoint));
      if (answer.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGTERM');
      throw new OperationFailed(
        `the emulator did not answer on ${endpoint.origin} within ${timeoutMs / 1000} s`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const signed = (region: string, service: string) =>
    // moto reads the access key and Region from the header; it checks no signature.
    `AWS4-HMAC-SHA256 Credential=rehearsal/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
  const call = async (region: string, service: string, target: string, body: unknown) => {
    const answer = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': target,
        Authorization: signed(region, service),
      },
      body: JSON.stringify(body),
    });
    return { status: answer.status, text: await answer.text() };
  };
  return {
    endpoint,
    async reset() {
      const answer = await fetch(new URL('/moto-api/reset', endpoint), { method: 'POST' });
      if (!answer.ok) throw new OperationFailed(`the emulator refused a reset (${answer.status})`);
    },
    async importCertificate(region, certificatePem, keyPem) {
      const result = await call(region, 'acm', 'CertificateManager.ImportCertificate', {
        Certificate: Buffer.from(certificatePem).toString('base64'),
        PrivateKey: Buffer.from(keyPem).toString('base64'),
      });
      const arn = (JSON.parse(result.text) as { CertificateArn?: string }).CertificateArn;
      if (result.status !== 200 || !arn)
        throw new OperationFailed(`the emulator did not import the certificate: ${result.text}`);
      return arn;
    },
    call,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
