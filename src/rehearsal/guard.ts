/**
 * What keeps a rehearsal from ever reaching AWS: the emulator's endpoint must be on loopback,
 * the process runs with every real credential source switched off (its children inherit that,
 * and so do its own AWS SDK clients), and while it runs a connection to any address that is not
 * loopback is refused at the socket, whatever a library or a proxy setting would do (the SDK v3
 * ignores proxy variables, so they are no guard).
 */
import { isIP } from 'node:net';
import net from 'node:net';
import { InputProblem } from '../errors/problems';

/** `http://127.0.0.1:4566`: only loopback, never a name that could resolve elsewhere. */
export function loopbackEndpoint(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputProblem(
      `emulator endpoint "${text}" is not a URL. Example: http://127.0.0.1:4566`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputProblem(
      `emulator endpoint "${text}" is not http(s). Example: http://127.0.0.1:4566`,
    );
  if (!isLoopback(url.hostname))
    throw new InputProblem(
      `emulator endpoint "${text}" is not on loopback (127.0.0.0/8, ::1 or localhost); a rehearsal never talks to another host. Example: http://127.0.0.1:4566`,
    );
  return url;
}

/** 127.0.0.0/8, ::1 (bracketed or not) and `localhost`. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./i.test(bare);
  return false;
}

/**
 * Variables through which the AWS CLI, the SDKs and the Terraform provider find real
 * credentials or a real endpoint (profiles, SSO, web identity, container and instance
 * credentials): unset for the rehearsal.
 */
export const CREDENTIAL_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_SSO_SESSION',
  'AWS_CA_BUNDLE',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'http_proxy',
  'https_proxy',
] as const;

/**
 * The environment a rehearsal runs in: the emulator as every service's endpoint, dummy keys
 * (the emulator does not check signatures), no shared config or credentials file (an empty
 * one), no instance metadata, and none of the credential variables above. Endpoint variables
 * for single services (AWS_ENDPOINT_URL_S3, ...) are dropped too, so none can point elsewhere.
 */
export function rehearsalEnvironment(
  base: Readonly<Record<string, string | undefined>>,
  endpoint: URL,
  emptyFile: string,
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base };
  for (const name of Object.keys(env))
    if (name.startsWith('AWS_ENDPOINT_URL_') || name.startsWith('TF_VAR_')) env[name] = undefined;
  for (const name of CREDENTIAL_VARIABLES) env[name] = undefined;
  return {
    ...env,
    AWS_ENDPOINT_URL: endpoint.origin,
    AWS_ACCESS_KEY_ID: 'rehearsal',
    AWS_SECRET_ACCESS_KEY: 'rehearsal',
    AWS_CONFIG_FILE: emptyFile,
    AWS_SHARED_CREDENTIALS_FILE: emptyFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_PROXY: '*',
  };
}

/**
 * Refuses, at the socket, every connection this process opens to an address that is not
 * loopback (a name is refused unless it is `localhost`: the guard does not resolve names).
 * Returns the function that lifts the guard.
 */
export function guardNetwork(): () => void {
  const original = net.Socket.prototype.connect;
  const guarded = function (this: net.Socket, ...args: unknown[]) {
    const target = connectTarget(args);
    if (target !== undefined && !isLoopback(target)) {
      const error = new Error(
        `rehearsal: refused a connection to ${target}; a rehearsal talks only to the emulator on loopback`,
      );
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  net.Socket.prototype.connect = guarded as typeof original;
  return () => {
    net.Socket.prototype.connect = original;
  };
}

/** The host of `socket.connect(options | port, host | path)`; undefined for a local path. */
function connectTarget(args: readonly unknown[]): string | undefined {
  const [first, second] = args;
  const options = Array.isArray(first) ? (first[0] as unknown) : first;
  if (typeof options === 'object' && options !== null) {
    const o = options as { host?: unknown; path?: unknown };
    if (typeof o.path === 'string') return undefined;
    return typeof o.host === 'string' ? o.host : 'localhost';
  }
  if (typeof options === 'number' || (typeof options === 'string' && /^\d+$/.test(options)))
    return typeof second === 'string' ? second : 'localhost';
  return undefined;
}
