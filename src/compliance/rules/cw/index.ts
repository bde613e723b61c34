/** Rules for CloudWatch log groups and alarms, in ID order. */
import type { Rule } from '../../rule';
import { cwLogGroupKms } from './log-group-kms';
import { cwLogGroupRetention } from './log-group-retention';
import { cwLogGroupProdYear } from './log-group-prod-year';
import { cwAlarmActions } from './alarm-actions';
import { cwAlarmSubscribed } from './alarm-subscribed';
import { cwLogDeliveryAlarmed } from './log-delivery-alarmed';

export const CW_RULES: readonly Rule[] = [
  cwLogGroupKms,
  cwLogGroupRetention,
  cwLogGroupProdYear,
  cwAlarmActions,
  cwAlarmSubscribed,
  cwLogDeliveryAlarmed,
];
