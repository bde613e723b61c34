import { Construct } from 'constructs';
import { AppautoscalingPolicy } from '@cdktn/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktn/provider-aws/lib/appautoscaling-target';
import { EcsCluster } from '@cdktn/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktn/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktn/provider-aws/lib/ecs-task-definition';
import type { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { Op } from 'cdktn';
import { fargateSizeProblem } from '../../validation/limits';
import { assertValidProps } from '../../validation/problem';
import type { EncryptedLogGroup } from '../observability/encrypted-log-group';
import type { KmsKey } from '../security/kms-key';
import type { AppTierPlacement } from './app-tier-placement';
import { SCALING_TARGETS } from './app-tier-placement';
import { serviceRole } from '../security/service-role';
import { ImageRepository } from './image-repository';
import { placeholderContainerCommand, placeholderHealthCommand } from './placeholder-app';

/** The app container's name in the task definition and the load balancer mapping. */
export const APP_CONTAINER = 'app';
/** Unprivileged user and group the container runs as (`nobody`). */
export const CONTAINER_USER = '65534:65534';
/**
 * The only writable path in the container: a tmpfs mount (Fargate supports tmpfs since
 * January 2026). Not a bind-mounted task volume: Fargate creates those owned by root with
 * mode 0755, so the unprivileged user could not write there and the placeholder would exit.
 * A tmpfs root is world-writable with the sticky bit (1777) unless a mode is given.
 */
export const WRITABLE_PATH = '/tmp';
/** Size of the writable tmpfs in MiB (it counts against the task's memory). */
export const WRITABLE_SIZE_MIB = 64;
export const FARGATE_HEALTH_CHECK_GRACE_SECONDS = 60;

/** Where a private ECR image lives, and whether the task may pull it from there. */
export interface EcrImagePull {
  /** Account of the image's registry (`<account>.dkr.ecr.<region>.amazonaws.com`). */
  readonly account: string;
  /** Region of the image's registry. */
  readonly region: string;
  /** Repository path of the image in that registry. */
  readonly repository: string;
  /**
   * The execution role may pull from that repository; otherwise the image is in this tier's
   * own repository.
   */
  readonly granted: boolean;
}

export interface FargateAppTierProps extends AppTierPlacement {
  readonly cpu: number;
  readonly memory: number;
  /** Image pinned by tag or digest. */
  readonly image: string;
  /**
   * Where `image` lives when it is a private ECR image. Without `granted`, the task
   * definition's precondition checks, at plan time, that it is this account's.
   * @default none (a public image, such as the placeholder)
   */
  readonly imagePull?: EcrImagePull;
  /**
   * The image is the built-in BusyBox placeholder: give it the start command and health
   * check that serve `/health` from the writable tmpfs. @default false
   */
  readonly placeholder?: boolean;
  /** Key for the ECR repository. */
  readonly repositoryKey: KmsKey;
  /** Encrypted log group the container logs to. */
  readonly logGroup: EncryptedLogGroup;
  /** Delete the repository with its images on destroy. Comes from the profile. */
  readonly forceDelete: boolean;
}

/**
 * The ECS Fargate app tier: an ECR repository for the app's images (immutable tags, scan on
 * push, KMS, lifecycle), a cluster with Container Insights, a task definition hardened for
 * PCI (awsvpc, non-root, read-only root filesystem with one writable tmpfs, not privileged,
 * logs to an encrypted group, secrets only through `secrets`), separate execution and task
 * roles, and a private service behind the target group with a rollback circuit breaker and
 * target tracking on CPU and on requests per target.
 */
export class FargateAppTier extends Construct {
  /** The task role: what the app may do in AWS (the data tier adds database connect). */
  readonly role: IamRole;
  readonly executionRole: IamRole;
  readonly repository: ImageRepository;
  readonly cluster: EcsCluster;
  readonly taskDefinition: EcsTaskDefinition;
  readonly service: EcsService;

  constructor(scope: Construct, id: string, props: FargateAppTierProps) {
    super(scope, id);
    const { naming, aws } = props;
    assertValidProps(this, [fargateSizeProblem(props.cpu, props.memory, 'memory')]);

    this.repository = new ImageRepository(this, 'Repository', {
      name: naming.name('app'),
      encryptionKey: props.repositoryKey,
      forceDelete: props.forceDelete,
    });

    this.cluster = new EcsCluster(this, 'Cluster', {
      name: naming.name('app'),
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });

    const pull = props.imagePull;
    const grantedRepository =
      pull?.granted === true
        ? `arn:${aws.partition}:ecr:${pull.region}:${pull.account}:repository/${pull.repository}`
        : undefined;
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': aws.accountId } };
    this.executionRole = serviceRole(this, 'ExecutionRole', {
      name: naming.name('app-task-exec', 'iamRole'),
      description: 'ECS agent for the payment app: pull the image and write its logs',
      service: 'ecs-tasks.amazonaws.com',
      trustConditions: fromThisAccount,
      statements: [
        ...this.repository.grantPull(grantedRepository ? [grantedRepository] : []),
        props.logGroup.grantWrite('WriteAppLogs'),
      ],
    });
    this.role = serviceRole(this, 'TaskRole', {
      name: naming.name('app-task', 'iamRole'),
      description: 'The payment app itself (the data tier adds database connect)',
      service: 'ecs-tasks.amazonaws.com',
      trustConditions: {
        ...fromThisAccount,
        ArnLike: { 'aws:SourceArn': aws.arn('ecs', '*') },
      },
    });

    const container = {
      name: APP_CONTAINER,
      image: props.image,
      essential: true,
      user: CONTAINER_USER,
      readonlyRootFilesystem: true,
      privileged: false,
      portMappings: [{ containerPort: props.appPort, protocol: 'tcp' }],
      linuxParameters: {
        initProcessEnabled: true,
        capabilities: { drop: ['ALL'] },
        tmpfs: [
          {
            containerPath: WRITABLE_PATH,
            size: WRITABLE_SIZE_MIB,
            mountOptions: ['nosuid', 'nodev'],
          },
        ],
      },
      // Plain settings only; anything sensitive goes in `secrets` (valueFrom).
      environment: [{ name: 'PORT', value: String(props.appPort) }],
      secrets: [],
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': props.logGroup.name,
          'awslogs-region': aws.region,
          'awslogs-stream-prefix': APP_CONTAINER,
        },
      },
      ...(props.placeholder
        ? {
            command: placeholderContainerCommand(props.appPort),
            healthCheck: {
              command: placeholderHealthCommand(props.appPort),
              interval: 15,
              timeout: 5,
              retries: 3,
              startPeriod: 10,
            },
          }
        : {}),
    };
    this.taskDefinition = new EcsTaskDefinition(this, 'TaskDefinition', {
      family: naming.name('app'),
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.cpu),
      memory: String(props.memory),
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.role.arn,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      containerDefinitions: JSON.stringify([container]),
      ...(pull && !pull.granted
        ? {
            lifecycle: {
              precondition: [
                {
                  condition: Op.eq(aws.accountId, pull.account),
                  errorMessage: `compute.image is in the ECR registry of account ${pull.account}, but Terraform runs in another account, whose task execution role cannot pull it: push the image to this stack's repository, or set compute.grantImagePull.`,
                },
              ],
            },
          }
        : {}),
    });

    this.service = new EcsService(this, 'Service', {
      name: naming.name('app'),
      cluster: this.cluster.arn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: props.desiredSize,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      networkConfiguration: {
        subnets: [...props.privateSubnetIds],
        securityGroups: [props.securityGroupId],
        assignPublicIp: false,
      },
      loadBalancer: [
        {
          targetGroupArn: props.targetGroupArn,
          containerName: APP_CONTAINER,
          containerPort: props.appPort,
        },
      ],
      healthCheckGracePeriodSeconds: FARGATE_HEALTH_CHECK_GRACE_SECONDS,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      enableExecuteCommand: false,
      dependsOn: [props.listener],
      lifecycle: { ignoreChanges: ['desired_count'] },
    });

    const scalable = new AppautoscalingTarget(this, 'ScalableTarget', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${this.cluster.name}/${this.service.name}`,
      minCapacity: props.minSize,
      maxCapacity: props.maxSize,
    });
    const tracking = (
      policyId: string,
      name: string,
      metric: { readonly predefinedMetricType: string; readonly resourceLabel?: string },
      targetValue: number,
    ) =>
      new AppautoscalingPolicy(this, policyId, {
        name,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: scalable.serviceNamespace,
        scalableDimension: scalable.scalableDimension,
        resourceId: scalable.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: metric,
          targetValue,
        },
      });
    tracking(
      'CpuTracking',
      naming.name('app-cpu'),
      { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      SCALING_TARGETS.cpuPercent,
    );
    tracking(
      'RequestTracking',
      naming.name('app-requests'),
      {
        predefinedMetricType: 'ALBRequestCountPerTarget',
        resourceLabel: props.requestCountResourceLabel,
      },
      SCALING_TARGETS.requestsPerTarget,
    );
  }
}
