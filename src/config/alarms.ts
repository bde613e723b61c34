import type { Resolved, ResolveContext } from './context';
import type { ConfigProblem } from './errors';
import type { AlarmThresholds } from './profiles';
import { FIELD_EXAMPLES } from './schema';

export interface AlarmsInput {
  /** `ALARM_EMAIL` from the environment. */
  readonly ALARM_EMAIL?: string;
  /** `alarmEmail` from the config file. */
  readonly alarmEmail?: string;
  readonly alarms?: Partial<AlarmThresholds>;
}

export interface AlarmsConfig {
  readonly alarmEmail: string | undefined;
  readonly thresholds: AlarmThresholds;
}

/** Who the alarms notify, and their thresholds (profile defaults with `alarms` overrides). */
export function resolveAlarms(context: ResolveContext, input: AlarmsInput): Resolved<AlarmsConfig> {
  const problems: ConfigProblem[] = [];
  if (input.ALARM_EMAIL && input.alarmEmail && input.ALARM_EMAIL !== input.alarmEmail) {
    problems.push({
      field: 'ALARM_EMAIL',
      value: input.ALARM_EMAIL,
      rule: `differs from alarmEmail in the config file (${JSON.stringify(input.alarmEmail)}); set one of them`,
      example: FIELD_EXAMPLES.ALARM_EMAIL ?? '',
    });
  }
  return {
    value: {
      alarmEmail: input.ALARM_EMAIL ?? input.alarmEmail,
      thresholds: { ...context.defaults.alarms, ...input.alarms },
    },
    problems,
  };
}
