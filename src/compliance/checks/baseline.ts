/** What the account-baseline rules (PAY-ACCT-003 to 010) read from a stack. */
import type { StackGraph } from '../../tfjson/graph';
import { ACCOUNT_BASELINE_LOCAL } from '../../tfjson/markers';

export type BaselineMarker =
  | {
      readonly provider: 'self';
      /** The baseline's global or Regional stack, or the state-bucket stack (`state`). */
      readonly scope: 'global' | 'region' | 'state';
      readonly account: string;
    }
  | {
      readonly provider: 'project';
      readonly account: string;
      readonly accountId: string;
      readonly regions: readonly string[];
      /** Environments whose buckets the trail records; absent in older stacks. */
      readonly environments?: readonly string[];
    }
  | { readonly provider: 'organisation'; readonly statement: string };

/** The stack's `account_baseline` local, if it has one of the known shapes. */
export function baselineMarker(graph: StackGraph): BaselineMarker | 'malformed' | undefined {
  const block = graph.block(`local.${ACCOUNT_BASELINE_LOCAL}`);
  if (!block) return undefined;
  const a = block.attrs;
  const text = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : undefined);
  switch (a['provider']) {
    case 'self': {
      const scope = text('scope');
      const account = text('account');
      return (scope === 'global' || scope === 'region' || scope === 'state') && account
        ? { provider: 'self', scope, account }
        : 'malformed';
    }
    case 'project': {
      const account = text('account');
      const accountId = text('accountId');
      const regions = a['regions'];
      return account &&
        accountId &&
        Array.isArray(regions) &&
        regions.every((r) => typeof r === 'string')
        ? {
            provider: 'project',
            account,
            accountId,
            regions: regions as string[],
            ...(Array.isArray(a['environments'])
              ? { environments: (a['environments'] as unknown[]).map(String) }
              : {}),
          }
        : 'malformed';
    }
    case 'organisation': {
      const statement = text('statement');
      return statement ? { provider: 'organisation', statement } : 'malformed';
    }
    default:
      return 'malformed';
  }
}

/** `region`, `global` (or `state`) when the stack is an account-level one of the project. */
export function baselineScope(graph: StackGraph): 'global' | 'region' | 'state' | undefined {
  const marker = baselineMarker(graph);
  return marker !== undefined && marker !== 'malformed' && marker.provider === 'self'
    ? marker.scope
    : undefined;
}

/**
 * A violation when a baseline stack of `scope` lacks every resource of `type`: the control
 * would silently be missing from the account.
 */
export function missingFromBaseline(
  graph: StackGraph,
  scope: 'global' | 'region',
  type: string,
  what: string,
): { address: string; message: string }[] {
  return baselineScope(graph) === scope && graph.resources(type).length === 0
    ? [{ address: `${type}.*`, message: `the ${scope} baseline stack has no ${what} (${type})` }]
    : [];
}
