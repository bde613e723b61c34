import type { ITerraformDependable } from 'cdktn';
import type { Naming } from '../../naming/naming';
import type { AwsEnvironment } from '../core/aws-environment';

/** Scaling targets shared by both compute kinds. */
export const SCALING_TARGETS = { cpuPercent: 60, requestsPerTarget: 1000 } as const;

/** Where and how big the app tier runs, whatever its compute kind. */
export interface AppTierPlacement {
  readonly naming: Naming;
  readonly aws: AwsEnvironment;
  /** Port the app listens on (the target group's port). */
  readonly appPort: number;
  /** Instances or tasks: comes from the profile or configuration. */
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  /** The private app subnets, one per AZ. */
  readonly privateSubnetIds: readonly string[];
  /** The app tier security group (ingress from the ALB only). */
  readonly securityGroupId: string;
  readonly targetGroupArn: string;
  /** `<alb arn suffix>/<target group arn suffix>`, for request-count scaling. */
  readonly requestCountResourceLabel: string;
  /**
   * The HTTPS listener that attaches the target group to the load balancer. Request-count
   * scaling (and the Fargate service) must wait for it: AWS refuses `ALBRequestCountPerTarget`
   * for a target group no load balancer uses yet, and the listener itself may wait up to 75
   * minutes for a DNS-validated certificate.
   */
  readonly listener: ITerraformDependable;
}
