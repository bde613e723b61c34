import type { Block, StackGraph } from '../../tfjson/graph';
import { referrers } from '../../tfjson/graph';
import type { PolicyResult } from '../../tfjson/policy';
import { readPolicy } from '../../tfjson/policy';

/** The policies of a topic: inline `policy` and `aws_sns_topic_policy` resources. */
export function topicPolicies(topic: Block, graph: StackGraph): PolicyResult[] {
  return [topic, ...referrers(graph, topic, 'aws_sns_topic_policy', 'arn')]
    .map((h) => readPolicy(graph, h))
    .filter((p): p is PolicyResult => p !== undefined);
}
