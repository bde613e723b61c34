import { Construct } from 'constructs';
import { Token } from 'cdktn';
import { AutoscalingGroup } from '@cdktn/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktn/provider-aws/lib/autoscaling-policy';
import { IamInstanceProfile } from '@cdktn/provider-aws/lib/iam-instance-profile';
import type { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamServiceLinkedRole } from '@cdktn/provider-aws/lib/iam-service-linked-role';
import { LaunchTemplate } from '@cdktn/provider-aws/lib/launch-template';
import type { CpuArchitecture } from '../../aws-facts/compute';
import { AL2023_AMI_PARAMETERS } from '../../aws-facts/compute';
import { instanceTypeProblem, maxInstanceLifetimeProblem } from '../../validation/limits';
import { assertValidProps } from '../../validation/problem';
import { assertValidName } from '../../naming/naming';
import type { EncryptedLogGroup } from '../observability/encrypted-log-group';
import type { KmsKey } from '../security/kms-key';
import type { AppTierPlacement } from './app-tier-placement';
import { SCALING_TARGETS } from './app-tier-placement';
import { CLOUDWATCH_PUT_METRIC_ACTIONS, SESSION_MANAGER_ACTIONS } from '../security/permissions';
import { serviceRole } from '../security/service-role';
import { encodeUserData, placeholderUserData } from './placeholder-app';

/** Seconds a new instance gets (boot, user data, first health checks) before ELB checks count. */
export const EC2_HEALTH_CHECK_GRACE_SECONDS = 300;
/** Root volume of the app instances (AL2023 images need 2 GiB; room for logs and updates). */
export const ROOT_VOLUME_GIB = 20;
/** The CloudWatch agent's default metric namespace: the only one the instances may publish to. */
export const APP_METRICS_NAMESPACE = 'CWAgent';
const SECONDS_PER_DAY = 86_400;

/** Re-exported: the list lives with the other grants in `security/permissions.ts`. */
export { SESSION_MANAGER_ACTIONS };

export interface Ec2AppTierProps extends AppTierPlacement {
  readonly instanceType: string;
  /** Must match the instance family (checked here and by configuration). */
  readonly architecture: CpuArchitecture;
  /** A pinned AMI. @default latest Amazon Linux 2023 for `architecture`, via `resolve:ssm:` */
  readonly amiId?: string;
  /** Root device of the image. @default `/dev/xvda` (Amazon Linux 2023) */
  readonly rootDeviceName?: string;
  /**
   * User data script (plain text, no Terraform tokens).
   * @default the placeholder app on `appPort` on Amazon Linux 2023; none with `amiId` (a
   * pinned AMI carries the application, and a placeholder would compete for its port)
   */
  readonly userData?: string;
  /** Customer key for the EBS volumes; its policy is extended for Auto Scaling here. */
  readonly ebsKey: KmsKey;
  /** Tags for instances and volumes (provider default tags do not reach them). */
  readonly tags: Readonly<Record<string, string>>;
  /** The app's log group: the only one the instances (CloudWatch agent) may write to. */
  readonly logGroup: EncryptedLogGroup;
  /**
   * Days before Auto Scaling replaces an instance (1-365; AWS's minimum is one day). The
   * replacement boots the image `resolve:ssm:` names then, so no instance runs an old AMI for
   * longer. Comes from the profile.
   */
  readonly maxInstanceLifetimeDays: number;
}

/**
 * The EC2 app tier: a launch template (Amazon Linux 2023 through `resolve:ssm:`, IMDSv2
 * only with one hop, no public IP, no key pair, gp3 root volume encrypted with a customer
 * key, detailed monitoring) and an Auto Scaling group over the private subnets, behind the
 * target group, with ELB health checks, instance refresh and target tracking on CPU and on
 * requests per target.
 *
 * The group uses its own service-linked role (custom suffix) that the EBS key's policy
 * names: a key policy may only name a role that exists, so the policy waits for the role,
 * and the group waits for the policy before it launches anything.
 */
export class Ec2AppTier extends Construct {
  /** The instance role: what the app may do in AWS (the data tier adds database connect). */
  readonly role: IamRole;
  readonly launchTemplate: LaunchTemplate;
  readonly autoScalingGroup: AutoscalingGroup;
  readonly serviceLinkedRole: IamServiceLinkedRole;

  constructor(scope: Construct, id: string, props: Ec2AppTierProps) {
    super(scope, id);
    const { naming } = props;
    assertValidProps(this, [
      maxInstanceLifetimeProblem(props.maxInstanceLifetimeDays),
      instanceTypeProblem(props.instanceType, props.architecture, 'instanceType'),
    ]);

    this.role = serviceRole(this, 'InstanceRole', {
      name: naming.name('app-instance', 'iamRole'),
      description: 'Payment app instances: SSM Session Manager and the CloudWatch agent only',
      service: 'ec2.amazonaws.com',
      // Scoped statements instead of AmazonSSMManagedInstanceCore and CloudWatchAgentServerPolicy
      // (PAY-IAM-008): no account-wide parameter reads, no log groups without key or retention.
      statements: [
        {
          sid: 'SessionManagerChannels',
          effect: 'Allow',
          // These actions take no resource narrower than "*" for an instance's own registration.
          actions: SESSION_MANAGER_ACTIONS,
          resources: ['*'],
        },
        props.logGroup.grantAgentWrite('WriteAppLogGroup'),
        {
          sid: 'PublishAgentMetrics',
          effect: 'Allow',
          // PutMetricData has no resource type; the namespace condition is its only narrowing.
          actions: CLOUDWATCH_PUT_METRIC_ACTIONS,
          resources: ['*'],
          conditions: { StringEquals: { 'cloudwatch:namespace': APP_METRICS_NAMESPACE } },
        },
      ],
    });
    const profile = new IamInstanceProfile(this, 'InstanceProfile', {
      name: naming.name('app-instance', 'iamRole'),
      role: this.role.name,
    });

    const customSuffix = naming.name('app');
    assertValidName(`AWSServiceRoleForAutoScaling_${customSuffix}`, 'iamRole');
    this.serviceLinkedRole = new IamServiceLinkedRole(this, 'AutoScalingRole', {
      awsServiceName: 'autoscaling.amazonaws.com',
      customSuffix,
      description: 'Auto Scaling for the payment app tier (may use the EBS key)',
    });
    props.ebsKey.grantEncryptDecrypt(this.serviceLinkedRole, 'AutoScalingUsesKeyForEbs');
    props.ebsKey.grantCreateGrantForAwsResources(
      this.serviceLinkedRole,
      'AutoScalingGrantsKeyToEbs',
    );

    const tagSpecification = (resourceType: string) => ({
      resourceType,
      tags: { ...props.tags, Name: naming.name('app') },
    });
    const userData =
      props.userData ??
      (props.amiId === undefined ? placeholderUserData(props.appPort) : undefined);
    this.launchTemplate = new LaunchTemplate(this, 'LaunchTemplate', {
      name: naming.name('app'),
      description: 'Payment app tier instances',
      imageId: props.amiId ?? `resolve:ssm:${AL2023_AMI_PARAMETERS[props.architecture]}`,
      instanceType: props.instanceType,
      iamInstanceProfile: { arn: profile.arn },
      ebsOptimized: 'true',
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: 'disabled',
      },
      monitoring: { enabled: true },
      networkInterfaces: [
        {
          deviceIndex: 0,
          associatePublicIpAddress: 'false',
          deleteOnTermination: 'true',
          securityGroups: [props.securityGroupId],
        },
      ],
      blockDeviceMappings: [
        {
          deviceName: props.rootDeviceName ?? '/dev/xvda',
          ebs: {
            volumeSize: ROOT_VOLUME_GIB,
            volumeType: 'gp3',
            encrypted: 'true',
            kmsKeyId: props.ebsKey.arn,
            deleteOnTermination: 'true',
          },
        },
      ],
      ...(userData === undefined ? {} : { userData: encodeUserData(userData) }),
      updateDefaultVersion: true,
      tagSpecifications: ['instance', 'volume', 'network-interface'].map(tagSpecification),
      tags: { Name: naming.name('app') },
    });

    this.autoScalingGroup = new AutoscalingGroup(this, 'Group', {
      name: naming.name('app'),
      vpcZoneIdentifier: [...props.privateSubnetIds],
      minSize: props.minSize,
      desiredCapacity: props.desiredSize,
      maxSize: props.maxSize,
      launchTemplate: {
        id: this.launchTemplate.id,
        version: Token.asString(this.launchTemplate.latestVersion),
      },
      targetGroupArns: [props.targetGroupArn],
      healthCheckType: 'ELB',
      // https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-max-instance-lifetime.html
      maxInstanceLifetime: props.maxInstanceLifetimeDays * SECONDS_PER_DAY,
      healthCheckGracePeriod: EC2_HEALTH_CHECK_GRACE_SECONDS,
      defaultInstanceWarmup: EC2_HEALTH_CHECK_GRACE_SECONDS,
      serviceLinkedRoleArn: this.serviceLinkedRole.arn,
      instanceRefresh: {
        strategy: 'Rolling',
        // No auto rollback. EC2 Auto Scaling refuses it when the launch template takes its image
        // from an SSM parameter (`resolve:ssm:`, the default), failing the apply that changed
        // the template; and the provider points the group at the new template version before
        // it starts the refresh, so a "rollback" would redeploy the same version
        // (hashicorp/terraform-provider-aws#34189). A failed refresh stops at 50 % healthy.
        preferences: { minHealthyPercentage: 50, autoRollback: false },
      },
      metricsGranularity: '1Minute',
      enabledMetrics: [
        'GroupDesiredCapacity',
        'GroupInServiceInstances',
        'GroupMinSize',
        'GroupMaxSize',
        'GroupPendingInstances',
        'GroupTerminatingInstances',
        'GroupTotalInstances',
      ],
      tag: Object.entries({ ...props.tags, Name: naming.name('app') }).map(([key, value]) => ({
        key,
        value,
        propagateAtLaunch: true,
      })),
      // Instances need the key grant before the first launch.
      dependsOn: [props.ebsKey.policy],
      lifecycle: { ignoreChanges: ['desired_capacity'] },
    });

    new AutoscalingPolicy(this, 'CpuTracking', {
      name: naming.name('app-cpu'),
      autoscalingGroupName: this.autoScalingGroup.name,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: 'ASGAverageCPUUtilization' },
        targetValue: SCALING_TARGETS.cpuPercent,
      },
    });
    new AutoscalingPolicy(this, 'RequestTracking', {
      name: naming.name('app-requests'),
      autoscalingGroupName: this.autoScalingGroup.name,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        predefinedMetricSpecification: {
          predefinedMetricType: 'ALBRequestCountPerTarget',
          resourceLabel: props.requestCountResourceLabel,
        },
        targetValue: SCALING_TARGETS.requestsPerTarget,
      },
      // The resource label names the target group's load balancer, which only exists for the
      // group once the listener does (aws-cdk-lib adds the same dependency).
      dependsOn: [props.listener],
    });
  }
}
