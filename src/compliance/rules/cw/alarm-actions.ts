import { isFalse, resourceRule } from '../../rule';
import { stringList } from '../../../tfjson/graph';

/** W4 and "every alarm has actions". */
export const cwAlarmActions = resourceRule({
  id: 'PAY-CW-004',
  title: 'CloudWatch alarm notifies someone',
  severity: 'high',
  resourceTypes: ['aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm'],
  pci: ['10.4.1', '10.7.2', '12.10.5'],
  catalogue: 'W4',
  equivalents: { checkov: ['CKV_AWS_319'], securityHub: ['CloudWatch.17'] },
  rationale:
    'An alarm without an action changes state silently; PCI DSS 10.7.2 requires failures of critical controls to be detected and alerted.',
  remediation: 'Set alarm_actions (an SNS topic) and leave actions_enabled unset or true.',
  test(alarm) {
    if (isFalse(alarm.attrs['actions_enabled'])) return 'actions_enabled is false';
    return stringList(alarm.attrs['alarm_actions']).length > 0
      ? undefined
      : 'alarm has no alarm_actions';
  },
});
