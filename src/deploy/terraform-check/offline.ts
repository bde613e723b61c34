/**
 * Adapts a synthesized stack to the providers a machine actually has, for `npm run
 * test:terraform` where the pinned ones cannot be installed (an offline image with only an
 * older `hashicorp/aws` in its mirror). Every change is listed, so the report can say exactly
 * what was not checked:
 * - a provider with another version in the mirror is pinned to that version;
 * - the resources of a provider that is not there at all (here `random`, `tls`) become
 *   `terraform_data` stand-ins: their arguments stay (as `triggers_replace`, so references and
 *   cycles through them are still checked), and each attribute other resources read comes
 *   from the stand-in's `output`, with a placeholder value.
 * Discovery goes through the gate's graph; only the rewriting works on the JSON.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StackGraph } from '../../tfjson/graph';
import { buildGraph, isObject } from '../../tfjson/graph';

export interface AvailableProviders {
  /** Provider local name (`aws`) -> version found, for providers that are present. */
  readonly [name: string]: string;
}

export interface OfflineAdaptation {
  readonly json: Record<string, unknown>;
  /** `aws 6.66.0 -> 5.100.0`. */
  readonly repinned: readonly string[];
  /** Addresses replaced by stand-ins. */
  readonly standIns: readonly string[];
}

/** Placeholder values for attributes read from stand-ins (valid shapes for their consumers). */
const PLACEHOLDERS: Readonly<Record<string, string>> = {
  private_key_pem: '-----BEGIN PRIVATE KEY-----\nstand-in\n-----END PRIVATE KEY-----\n',
  cert_pem: '-----BEGIN CERTIFICATE-----\nstand-in\n-----END CERTIFICATE-----\n',
  hex: '0a1b2c3d',
  dec: '169552957',
  b64_url: 'ChssPQ',
  b64_std: 'ChssPQ==',
  id: 'stand-in-id',
  result: 'stand-in',
};

export function standInAddress(address: string): string {
  return `terraform_data.${address.replace('.', '__')}`;
}

export function adaptToProviders(
  json: Record<string, unknown>,
  available: AvailableProviders,
  /**
   * Keep the stack's backend (the rehearsal: its state must stay where the stack's own
   * backend and the destroy configuration look). test:terraform validates without one.
   */
  options: { readonly keepBackend?: boolean } = {},
): OfflineAdaptation {
  const graph: StackGraph = buildGraph(json, 'stack');
  const terraform = (json['terraform'] ?? {}) as Record<string, unknown>;
  const required = (terraform['required_providers'] ?? {}) as Record<
    string,
    { source?: string; version?: string }
  >;
  const repinned: string[] = [];
  const missing: string[] = [];
  const providers: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(required)) {
    const have = available[name];
    if (!have) {
      missing.push(name);
      continue;
    }
    if (spec.version !== have) repinned.push(`${name} ${spec.version ?? 'any'} -> ${have}`);
    providers[name] = { ...spec, version: have };
  }

  // Which attributes of each stand-in other blocks read.
  const standIns = new Map<string, Set<string>>();
  for (const block of graph.blocks.values()) {
    if (block.kind === 'resource' && missing.includes(block.type.split('_')[0]!)) {
      standIns.set(block.address, new Set());
    }
  }
  for (const edge of graph.edges) {
    const read = standIns.get(edge.to);
    const attribute = edge.reference.split('.')[2];
    if (read && attribute) read.add(attribute.replace(/\[.*$/, ''));
  }

  let text = JSON.stringify(json);
  for (const address of standIns.keys()) {
    const escaped = address.replace(/\./g, '\\.');
    text = text
      .replace(new RegExp(`\\b${escaped}\\.`, 'g'), `${standInAddress(address)}.output.`)
      .replace(new RegExp(`\\b${escaped}\\b`, 'g'), standInAddress(address));
  }
  const adapted = JSON.parse(text) as Record<string, Record<string, unknown>>;
  const resources = adapted['resource'] as Record<string, Record<string, Record<string, unknown>>>;
  const data: Record<string, Record<string, unknown>> = { ...(resources['terraform_data'] ?? {}) };
  for (const [address, read] of standIns) {
    const [type, name] = address.split('.') as [string, string];
    const original = resources[type]?.[name] ?? {};
    const { provider: _provider, lifecycle: _lifecycle, '//': _meta, ...args } = original;
    void _provider;
    void _lifecycle;
    void _meta;
    data[standInAddress(address).split('.')[1]!] = {
      input: Object.fromEntries(
        [...read].sort().map((a) => [a, PLACEHOLDERS[a] ?? `stand-in-${a}`]),
      ),
      ...(Object.keys(args).length > 0 ? { triggers_replace: args } : {}),
    };
    delete resources[type]![name];
    if (Object.keys(resources[type]!).length === 0) delete resources[type];
  }
  if (Object.keys(data).length > 0) resources['terraform_data'] = data;
  const provider = adapted['provider'];
  if (isObject(provider)) for (const name of missing) delete provider[name];
  const tf = adapted['terraform'] as Record<string, unknown>;
  tf['required_providers'] = providers;
  if (!options.keepBackend) delete tf['backend'];
  return {
    json: adapted as Record<string, unknown>,
    repinned,
    standIns: [...standIns.keys()].sort(),
  };
}

/** Providers in a filesystem mirror: registry.terraform.io/hashicorp/<name>/<version>/. */
export function mirrorProviders(mirror: string): AvailableProviders {
  const base = join(mirror, 'registry.terraform.io', 'hashicorp');
  if (!existsSync(base)) return {};
  const found: Record<string, string> = {};
  for (const name of readdirSync(base)) {
    const versions = readdirSync(join(base, name)).sort((a, b) =>
      a.localeCompare(b, undefined, { numeric: true }),
    );
    const newest = versions[versions.length - 1];
    if (newest) found[name] = newest;
  }
  return found;
}
