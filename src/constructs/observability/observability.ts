import { Construct } from 'constructs';
import type { Naming } from '../../naming/naming';
import type { AwsEnvironment } from '../core/aws-environment';
import { AlarmTopic } from './alarm-topic';
import { Alarms } from './alarms';
import { Dashboard } from './dashboard';
import type { AlarmTargets, AlarmThresholds, ServiceAlarms } from './service-alarms';
import { addServiceAlarms } from './service-alarms';

export interface ObservabilityProps {
  readonly aws: AwsEnvironment;
  readonly naming: Naming;
  /** When each alarm fires. Comes from the profile (or the configuration's `alarms`). */
  readonly thresholds: AlarmThresholds;
  /** Address subscribed to the alarm topic. @default none */
  readonly alarmEmail?: string;
  readonly keyDeletionWindowInDays: number;
  /** Administrators of the alarm topic's key. Comes from configuration. */
  readonly keyAdministratorArns: readonly string[];
  readonly retainOnDestroy: boolean;
  /** What to watch. */
  readonly targets: AlarmTargets;
  /**
   * Let the account baseline's EventBridge rules publish findings to the alarm topic
   * (`AlarmTopic.findingsFromEventBridge`). @default false
   */
  readonly findingsFromEventBridge?: boolean;
}

/**
 * Detect and respond (PCI DSS 10.4, 10.7): an encrypted alarm topic, the service alarms with
 * ALARM and OK actions, a composite "payment service degraded" alarm over the customer-facing
 * ones, and a dashboard.
 */
export class Observability extends Construct {
  readonly topic: AlarmTopic;
  readonly alarms: Alarms;
  readonly serviceAlarms: ServiceAlarms;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.topic = new AlarmTopic(this, 'Topic', {
      aws: props.aws,
      naming: props.naming,
      email: props.alarmEmail,
      keyDeletionWindowInDays: props.keyDeletionWindowInDays,
      keyAdministratorArns: props.keyAdministratorArns,
      retainOnDestroy: props.retainOnDestroy,
      ...(props.findingsFromEventBridge ? { findingsFromEventBridge: true } : {}),
    });
    this.alarms = new Alarms(this, 'Alarms', { naming: props.naming, actionArn: this.topic.arn });
    this.serviceAlarms = addServiceAlarms(this.alarms, props.targets, props.thresholds);
    if (this.serviceAlarms.customerFacing.length > 0) {
      this.alarms.composite(
        'service-degraded',
        'Payment service degraded: customers see errors, slowness or refused connections. See the member alarms.',
        this.serviceAlarms.customerFacing,
      );
    }
    this.dashboard = new Dashboard(this, 'Dashboard', {
      name: props.naming.name('dashboard'),
      region: props.aws.region,
      targets: props.targets,
    });
  }
}
