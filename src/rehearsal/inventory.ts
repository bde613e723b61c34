/**
 * What a destroy left in the emulator, judged against the state before it: each resource the
 * profile keeps must still be there, each other one gone, for the resource types whose ids the
 * rehearsal asks the emulator for (`present.ts`).
 */
import { readFileSync } from 'node:fs';

export interface StateResource {
  readonly address: string;
  readonly type: string;
  readonly id: string | undefined;
  readonly identifier: string | undefined;
}

export function readState(path: string): StateResource[] {
  return stateResources(readFileSync(path, 'utf8'));
}

/** The managed resources of a state's JSON text (`terraform state pull`, or a state file). */
export function stateResources(text: string): StateResource[] {
  const state = JSON.parse(text) as {
    resources?: Array<{
      mode: string;
      type: string;
      name: string;
      instances: Array<{ attributes?: Record<string, unknown> }>;
    }>;
  };
  return (state.resources ?? [])
    .filter((r) => r.mode === 'managed')
    .flatMap((r) =>
      r.instances.map((i) => ({
        address: `${r.type}.${r.name}`,
        type: r.type,
        id: typeof i.attributes?.['id'] === 'string' ? (i.attributes['id'] as string) : undefined,
        identifier:
          typeof i.attributes?.['cluster_identifier'] === 'string'
            ? (i.attributes['cluster_identifier'] as string)
            : undefined,
      })),
    );
}

/**
 * Resource types whose ids are distinctive enough to look for in the emulator's dump: each
 * kept one must still be there, each other one gone.
 */
export const INVENTORIED = new Set([
  'aws_vpc',
  'aws_subnet',
  'aws_nat_gateway',
  'aws_internet_gateway',
  'aws_security_group',
  'aws_lb',
  'aws_kms_key',
  'aws_rds_cluster',
  'aws_s3_bucket',
  'aws_sns_topic',
  'aws_wafv2_web_acl',
]);

export function afterDestroyProblems(
  present: ReadonlySet<string>,
  state: readonly StateResource[],
  retained: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  for (const r of state) {
    if (!INVENTORIED.has(r.type) || !r.id) continue;
    const there = present.has(r.id);
    if (retained.has(r.address) && !there)
      problems.push(`${r.address} (${r.id}) is kept by the profile but is gone after the destroy`);
    if (!retained.has(r.address) && there)
      problems.push(`${r.address} (${r.id}) is still in the emulator after the destroy`);
  }
  return problems;
}
