import { publicPolicyProblems } from '../../../tfjson/policy';
import { resourceRule } from '../../rule';
import { topicPolicies } from '../../checks/topic-policies';

/** N3. */
export const snsNotPublic = resourceRule({
  id: 'PAY-SNS-002',
  title: 'SNS topic policy allows no anonymous principal',
  severity: 'high',
  resourceTypes: ['aws_sns_topic'],
  pci: ['7.2.1'],
  catalogue: 'N3',
  equivalents: { checkov: ['CKV_AWS_169'], kics: ['b26d2b7e'], securityHub: ['SNS.4'] },
  rationale: 'A public topic lets anyone publish fake alarms or subscribe to real ones.',
  remediation:
    'Name the publishing services (cloudwatch.amazonaws.com) with an aws:SourceAccount condition.',
  test: (topic, graph) => publicPolicyProblems(topicPolicies(topic, graph), 'topic policy'),
});
