/**
 * The destroy configuration: what `npm run destroy` plans against instead of `plan -destroy`.
 *
 * Terraform's `removed` block with `lifecycle { destroy = false }` (Terraform 1.7+) takes a
 * resource out of the state and leaves the real object alone, as part of an ordinary saved
 * plan (https://developer.hashicorp.com/terraform/language/state/remove). It must replace the
 * resource's block: next to it Terraform refuses the configuration ("Removed resource still
 * exists"), so it cannot be an overlay file beside `cdk.tf.json`. The destroy configuration is
 * therefore its own folder, `<stack folder>/destroy/`, which Terraform never reads when it
 * runs in the stack folder: the stack's `terraform` block (same backend, same providers and
 * versions), its provider configurations, no resources, and one `removed` block per retained
 * resource. Planned there, one saved plan forgets the retained resources and destroys the
 * rest; nothing in the state changes until it is applied. `destroy.tf.json` is the one file in
 * that folder Terraform reads besides the copied lock file, and both are hashed into the
 * record checked before the apply.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { isObject } from '../tfjson/graph';
import type { RetainedResource } from './retained';

export const DESTROY_DIR = 'destroy';
export const DESTROY_CONFIG = 'destroy.tf.json';
export const DESTROY_PLAN_FILE = 'destroy.tfplan';

/**
 * Why the destroy configuration cannot be built from this stack (a provider configured from
 * something a configuration without resources would not have), or undefined.
 */
export function destroyConfigProblem(json: Readonly<Record<string, unknown>>): string | undefined {
  const providers = json['provider'];
  if (providers !== undefined && JSON.stringify(providers).includes('${')) {
    return 'a provider is configured with an expression (a reference to a resource, data source, variable or local), which the destroy configuration cannot carry';
  }
  return undefined;
}

/**
 * The destroy configuration of the stack whose synthesized JSON is `json`. `overrides` are the
 * override files (`*_override.tf.json`) beside the stack, as Terraform reads them in the stack
 * folder: their `terraform` and `provider` settings carry over (Terraform's merge rules: a
 * backend replaces the backend, `required_providers` merge provider by provider, a provider
 * block's arguments merge into the block of the same alias), so the destroy plan runs with the
 * backend and providers the stack's own plans ran with. Their resources do not (there are none).
 * https://developer.hashicorp.com/terraform/language/files/override
 */
export function destroyConfiguration(
  json: Readonly<Record<string, unknown>>,
  retained: readonly RetainedResource[],
  stackDirectory: string,
  destroyDirectory: string,
  overrides: readonly Readonly<Record<string, unknown>>[] = [],
): Record<string, unknown> {
  const merged = overrides.reduce<Record<string, unknown>>(
    (base, override) => mergeOverride(base, override),
    structuredClone({ terraform: json['terraform'], provider: json['provider'] }),
  );
  const terraform = structuredClone(isObject(merged['terraform']) ? merged['terraform'] : {});
  const backend = terraform['backend'];
  const local = isObject(backend) ? backend['local'] : undefined;
  if (isObject(local) && typeof local['path'] === 'string' && !isAbsolute(local['path'])) {
    // The local backend's path is relative to the folder Terraform runs in.
    local['path'] = relative(destroyDirectory, resolve(stackDirectory, local['path']))
      .split(sep)
      .join('/');
  }
  const config: Record<string, unknown> = { terraform };
  if (merged['provider'] !== undefined) config['provider'] = merged['provider'];
  if (retained.length > 0) {
    config['removed'] = retained.map((r) => ({
      from: r.address,
      lifecycle: { destroy: false },
    }));
  }
  return config;
}

/** One override file's `terraform` and `provider` settings over a configuration's. */
function mergeOverride(
  base: Record<string, unknown>,
  override: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const terraform: Record<string, unknown> = isObject(base['terraform'])
    ? { ...base['terraform'] }
    : {};
  const over = override['terraform'];
  if (isObject(over)) {
    if (over['backend'] !== undefined) terraform['backend'] = structuredClone(over['backend']);
    if (isObject(over['required_providers']))
      terraform['required_providers'] = {
        ...(isObject(terraform['required_providers']) ? terraform['required_providers'] : {}),
        ...structuredClone(over['required_providers']),
      };
  }
  const providers: Record<string, unknown> = isObject(base['provider'])
    ? { ...base['provider'] }
    : {};
  const overProviders = override['provider'];
  if (isObject(overProviders)) {
    for (const [name, blocks] of Object.entries(overProviders)) {
      const current = providers[name];
      const list = (Array.isArray(current) ? current : current === undefined ? [] : [current]).map(
        (b: unknown) => (isObject(b) ? { ...b } : {}),
      );
      for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
        if (!isObject(block)) continue;
        const target = list.find((b) => b['alias'] === block['alias']);
        if (target) Object.assign(target, structuredClone(block));
        else list.push(structuredClone(block));
      }
      providers[name] = list;
    }
  }
  return { terraform, ...(Object.keys(providers).length > 0 ? { provider: providers } : {}) };
}
