import { referrers } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

const ALARM_TYPES = ['aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm'];

/**
 * "Every alarm has actions" (PAY-CW-004) is not enough: an action on a topic nobody subscribes
 * to reaches no one. In prod, a topic that alarms notify must have a subscription in the stack
 * (`alarmEmail` creates one). Subscriptions made outside Terraform (a pager or chat
 * integration) are invisible here: record them as a reviewed suppression.
 */
export const cwAlarmSubscribed = resourceRule({
  id: 'PAY-CW-005',
  title: 'Alarm topic has a subscriber in prod',
  severity: 'high',
  resourceTypes: ['aws_sns_topic'],
  pci: ['10.7.2', '12.10.5'],
  equivalents: {},
  rationale:
    'PCI DSS 10.7.2 requires failures of critical security controls to be detected, alerted and addressed promptly; an alarm published to a topic without a subscriber alerts no one. Dev and staging may run without a recipient.',
  remediation:
    'Set alarmEmail (or ALARM_EMAIL) so the stack subscribes the on-call address, or suppress with the reviewed out-of-band subscription (pager, chat) as the reason.',
  prodOnly: true,
  test: (topic, graph) => {
    const alarms = ALARM_TYPES.flatMap((type) =>
      ['alarm_actions', 'ok_actions', 'insufficient_data_actions'].flatMap((attribute) =>
        referrers(graph, topic, type, attribute),
      ),
    );
    if (alarms.length === 0) return undefined;
    if (referrers(graph, topic, 'aws_sns_topic_subscription', 'topic_arn').length > 0)
      return undefined;
    const count = new Set(alarms.map((a) => a.address)).size;
    return `${count} alarm(s) notify this topic, which has no aws_sns_topic_subscription: nobody receives them`;
  },
});
