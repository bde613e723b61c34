import type { Block, StackGraph } from '../../tfjson/graph';
import { referrers } from '../../tfjson/graph';

/**
 * A rule `test` for "this resource needs a companion that references it" (a rotation for a
 * secret, a flow log for a VPC): passes when a resource of `type` references the checked
 * block in `attribute`, else reports that `what` has none.
 */
export function needsReferrer(type: string, attribute: string, what: string) {
  return (block: Block, graph: StackGraph): string | undefined =>
    referrers(graph, block, type, attribute).length > 0 ? undefined : `${what} has no ${type}`;
}
