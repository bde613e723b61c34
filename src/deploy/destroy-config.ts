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

/** The destroy configuration of the stack whose synthesized JSON is `json`. */
export function destroyConfiguration(
  json: Readonly<Record<string, unknown>>,
  retained: readonly RetainedResource[],
  stackDirectory: string,
  destroyDirectory: string,
): Record<string, unknown> {
  const terraform = structuredClone(isObject(json['terraform']) ? json['terraform'] : {});
  const backend = terraform['backend'];
  const local = isObject(backend) ? backend['local'] : undefined;
  if (isObject(local) && typeof local['path'] === 'string' && !isAbsolute(local['path'])) {
    // The local backend's path is relative to the folder Terraform runs in.
    local['path'] = relative(destroyDirectory, resolve(stackDirectory, local['path']))
      .split(sep)
      .join('/');
  }
  const config: Record<string, unknown> = { terraform };
  if (json['provider'] !== undefined) config['provider'] = structuredClone(json['provider']);
  if (retained.length > 0) {
    config['removed'] = retained.map((r) => ({
      from: r.address,
      lifecycle: { destroy: false },
    }));
  }
  return config;
}
