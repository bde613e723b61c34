import { deniesInsecureTransport } from '../../../tfjson/policy';
import { resourceRule } from '../../rule';
import { topicPolicies } from '../../checks/topic-policies';

/** N5. */
export const snsTlsOnly = resourceRule({
  id: 'PAY-SNS-003',
  title: 'SNS topic policy denies publishing without TLS',
  severity: 'medium',
  resourceTypes: ['aws_sns_topic'],
  pci: ['4.2.1'],
  catalogue: 'N5',
  equivalents: { cdkNag: ['AwsSolutions-SNS3'] },
  rationale: 'Messages published over plain HTTP cross the network unencrypted.',
  remediation:
    'Add a Deny statement for sns:Publish with Condition Bool aws:SecureTransport = "false".',
  test: (topic, graph) =>
    topicPolicies(topic, graph).some((p) => p.ok && p.statements.some(deniesInsecureTransport))
      ? undefined
      : 'topic policy does not deny aws:SecureTransport = false',
});
