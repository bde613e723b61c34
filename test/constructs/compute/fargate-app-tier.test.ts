import { describe, expect, it } from 'vitest';
import { DEFAULT_FARGATE_IMAGE } from '../../../src/config/app-tier';
import { FargateAppTier } from '../../../src/constructs/compute/fargate-app-tier';
import { appTierScaffold, invalidPropsOf } from '../../helpers/scaffold';
import { ECR_PULL_ACTIONS, LOG_WRITE_ACTIONS } from '../../../src/constructs/security/permissions';
import type { Block } from '../../helpers/synth';
import { blocksOf, policyOf, refOf, resourceAt, synthesize } from '../../helpers/synth';

// In the stack's own repository, the one the execution role may pull from.
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-app-prod:1.4.2';
const SHARED_IMAGE = '210987654321.dkr.ecr.eu-west-1.amazonaws.com/shared/payments:2.0.0';
const { json, stack } = synthesize({}, { compute: { kind: 'ecs-fargate' } });
const custom = synthesize(
  { ENVIRONMENT: 'prod' },
  {
    compute: { kind: 'ecs-fargate', image: IMAGE, cpu: 2048, memory: 4096, appPort: 9000 },
    certificate: {
      certificateArn:
        'arn:aws:acm:us-east-1:123456789012:certificate/0e5e4a57-c249-4249-aafc-3b40fcd541e9',
    },
  },
).json;

const shared = synthesize(
  {},
  { compute: { kind: 'ecs-fargate', image: SHARED_IMAGE, grantImagePull: true } },
).json;

const taskDefinition = resourceAt(json, 'aws_ecs_task_definition', 'App/TaskDefinition');
const [container] = JSON.parse(taskDefinition.container_definitions as string) as Block[];
const service = resourceAt(json, 'aws_ecs_service', 'App/Service');
const execRole = resourceAt(json, 'aws_iam_role', 'App/ExecutionRole');
const taskRole = resourceAt(json, 'aws_iam_role', 'App/TaskRole');

describe('FargateAppTier task definition', () => {
  it('runs on Fargate in awsvpc mode with the profile size and separate roles', () => {
    expect(taskDefinition).toMatchObject({
      requires_compatibilities: ['FARGATE'],
      network_mode: 'awsvpc',
      cpu: '256',
      memory: '512',
      execution_role_arn: `\${${refOf(json, 'aws_iam_role', execRole)}.arn}`,
      task_role_arn: `\${${refOf(json, 'aws_iam_role', taskRole)}.arn}`,
    });
    expect(taskDefinition.execution_role_arn).not.toBe(taskDefinition.task_role_arn);
    const prodTask = resourceAt(custom, 'aws_ecs_task_definition', 'App/TaskDefinition');
    expect(prodTask).toMatchObject({ cpu: '2048', memory: '4096' });
  });

  it('runs the container non-root, unprivileged, read-only, writable only at /tmp', () => {
    expect(container).toMatchObject({
      user: '65534:65534',
      privileged: false,
      readonlyRootFilesystem: true,
      linuxParameters: {
        capabilities: { drop: ['ALL'] },
        tmpfs: [{ containerPath: '/tmp', size: 64, mountOptions: ['nosuid', 'nodev'] }],
      },
    });
    // A bind-mounted task volume is created root-owned 0755 on Fargate: user 65534 could not
    // write the placeholder's files there and the task would never become healthy. The
    // writable path is a tmpfs (world-writable, sticky) instead, and no bind volume exists.
    expect(container).not.toHaveProperty('mountPoints');
    expect(taskDefinition).not.toHaveProperty('volume');
    expect(container).not.toHaveProperty('pidMode');
  });

  it('serves the pinned placeholder image on the app port with its own health check', () => {
    expect(container.image).toBe(DEFAULT_FARGATE_IMAGE);
    expect(DEFAULT_FARGATE_IMAGE).toMatch(/@sha256:[a-f0-9]{64}$/);
    expect(container.portMappings).toEqual([{ containerPort: 8080, protocol: 'tcp' }]);
    expect((container.command as string[]).join(' ')).toContain('httpd -f -v -p 8080 -h /tmp/www');
    expect((container.healthCheck as { command: string[] }).command.join(' ')).toContain(
      'http://127.0.0.1:8080/health',
    );
  });

  it('runs a configured image as given, without the placeholder command', () => {
    const [prodContainer] = JSON.parse(
      resourceAt(custom, 'aws_ecs_task_definition', 'App/TaskDefinition')
        .container_definitions as string,
    ) as Block[];
    expect(prodContainer!.image).toBe(IMAGE);
    expect(prodContainer).not.toHaveProperty('command');
    expect(prodContainer).toMatchObject({ user: '65534:65534', readonlyRootFilesystem: true });
  });

  it('logs to the KMS-encrypted app log group and keeps secrets out of the environment', () => {
    const group = resourceAt(json, 'aws_cloudwatch_log_group', 'AppLogs/LogGroup');
    expect(group.kms_key_id).toBeDefined();
    expect(group).toMatchObject({ name: '/payment/dev/app', retention_in_days: 90 });
    expect(container.logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': `\${${refOf(json, 'aws_cloudwatch_log_group', group)}.name}`,
        'awslogs-region': 'us-east-1',
        'awslogs-stream-prefix': 'app',
      },
    });
    const environment = container.environment as Array<{ name: string; value: string }>;
    for (const variable of environment) {
      expect(variable.name).not.toMatch(/PASSWORD|SECRET|TOKEN|KEY/i);
    }
    expect(container.secrets).toEqual([]);
  });
});

describe('FargateAppTier roles', () => {
  it('lets the execution role pull from its repository and write its logs only', () => {
    const policy = blocksOf(json, 'aws_iam_role_policy').find(
      (p) => p.role === `\${${refOf(json, 'aws_iam_role', execRole)}.id}`,
    )!;
    const statements = policyOf(policy).Statement;
    const byResource = statements.map((s) => [s.Action, s.Resource]);
    expect(byResource).toContainEqual(['ecr:GetAuthorizationToken', '*']);
    for (const s of statements) {
      const actions = ([] as string[]).concat(s.Action);
      expect(actions).not.toContain('*');
      expect(actions).not.toContain('iam:PassRole');
      if (s.Resource === '*') expect(actions).toEqual(['ecr:GetAuthorizationToken']);
    }
  });

  it("builds the execution role's policy from the owners' grants: repository pull, log group write", () => {
    const policy = blocksOf(json, 'aws_iam_role_policy').find(
      (p) => p.role === `\${${refOf(json, 'aws_iam_role', execRole)}.id}`,
    )!;
    const repository = resourceAt(json, 'aws_ecr_repository', 'App/Repository');
    const logGroup = resourceAt(json, 'aws_cloudwatch_log_group', 'AppLogs/LogGroup');
    expect(policyOf(policy).Statement).toEqual([
      {
        Sid: 'AuthenticateToEcr',
        Effect: 'Allow',
        Action: 'ecr:GetAuthorizationToken',
        Resource: '*',
      },
      {
        Sid: 'PullAppImages',
        Effect: 'Allow',
        Action: [...ECR_PULL_ACTIONS],
        Resource: `\${${refOf(json, 'aws_ecr_repository', repository)}.arn}`,
      },
      {
        Sid: 'WriteAppLogs',
        Effect: 'Allow',
        Action: [...LOG_WRITE_ACTIONS],
        Resource: `\${${refOf(json, 'aws_cloudwatch_log_group', logGroup)}.arn}:*`,
      },
    ]);
  });

  it('gives the task role only database connect (from the data tier) and exposes it', () => {
    const ref = refOf(json, 'aws_iam_role', taskRole);
    const policies = blocksOf(json, 'aws_iam_role_policy').filter(
      (p) => p.role === `\${${ref}.id}` || p.role === `\${${ref}.name}`,
    );
    expect(policies.flatMap((p) => policyOf(p).Statement.map((s) => s.Action))).toEqual([
      'rds-db:connect',
    ]);
    expect(policyOf(taskRole, 'assume_role_policy').Statement[0]).toMatchObject({
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': expect.any(String) } },
    });
    expect(stack.appRole).toBe(stack.edgeAndApp.compute.role);
  });
});

describe('FargateAppTier image pull', () => {
  const execPolicy = (synthesized: typeof json) =>
    policyOf(
      blocksOf(synthesized, 'aws_iam_role_policy').find(
        (p) =>
          p.role ===
          `\${${refOf(synthesized, 'aws_iam_role', resourceAt(synthesized, 'aws_iam_role', 'App/ExecutionRole'))}.id}`,
      )!,
    ).Statement;

  it("checks at plan time that an image in the stack's own repository is in this account", () => {
    const task = resourceAt(custom, 'aws_ecs_task_definition', 'App/TaskDefinition');
    const [precondition] = (task.lifecycle as { precondition: Block[] }).precondition;
    expect(precondition!.condition).toMatch(
      /^\$\{\(?data\.aws_caller_identity\.\w+\.account_id == "123456789012"\)?\}$/,
    );
    expect(precondition!.error_message).toMatch(/account 123456789012.*compute\.grantImagePull/);
    // The placeholder is public: nothing to check.
    expect(taskDefinition).not.toHaveProperty('lifecycle');
  });

  it('grants pull on the repository of an image configured with grantImagePull, and no precondition', () => {
    const pull = execPolicy(shared).find((s) => s.Sid === 'PullAppImages')!;
    expect(pull.Resource).toEqual([
      expect.stringMatching(/^\$\{aws_ecr_repository\.App_Repository_\w+\.arn\}$/),
      expect.stringMatching(
        /^arn:\$\{data\.aws_partition\.\w+\.partition\}:ecr:eu-west-1:210987654321:repository\/shared\/payments$/,
      ),
    ]);
    const task = resourceAt(shared, 'aws_ecs_task_definition', 'App/TaskDefinition');
    expect(task).not.toHaveProperty('lifecycle');
  });
});

describe('FargateAppTier security groups', () => {
  const groupId = (json: typeof custom, tier: string) =>
    `\${${refOf(json, 'aws_security_group', resourceAt(json, 'aws_security_group', `SecurityGroups/${tier}`))}.id}`;

  it('puts the tasks in the app group, reachable from the ALB only on the configured port', () => {
    const app = groupId(custom, 'App');
    const alb = groupId(custom, 'Alb');
    const prodService = resourceAt(custom, 'aws_ecs_service', 'App/Service');
    expect(prodService.network_configuration).toMatchObject({ security_groups: [app] });
    const ingress = blocksOf(custom, 'aws_vpc_security_group_ingress_rule');
    expect(ingress.filter((r) => r.security_group_id === app)).toEqual([
      expect.objectContaining({
        referenced_security_group_id: alb,
        from_port: 9000,
        to_port: 9000,
      }),
    ]);
    const open = ingress.filter((r) => r.cidr_ipv4 === '0.0.0.0/0');
    expect(open.map((r) => [r.security_group_id, r.from_port]).sort()).toEqual(
      [
        [alb, 443],
        [alb, 80],
      ].sort(),
    );
    const [prodContainer] = JSON.parse(
      resourceAt(custom, 'aws_ecs_task_definition', 'App/TaskDefinition')
        .container_definitions as string,
    ) as Block[];
    expect(prodContainer!.portMappings).toEqual([{ containerPort: 9000, protocol: 'tcp' }]);
    expect(resourceAt(custom, 'aws_lb_target_group', 'LoadBalancer/TargetGroup').port).toBe(9000);
  });
});

describe('FargateAppTier cluster, repository and service', () => {
  it('has Container Insights on the cluster', () => {
    const cluster = resourceAt(json, 'aws_ecs_cluster', 'App/Cluster');
    expect(cluster.setting).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
  });

  it('keeps images immutable, scanned and KMS-encrypted, force-deleted only where buckets are', () => {
    const repo = resourceAt(json, 'aws_ecr_repository', 'App/Repository');
    expect(repo).toMatchObject({
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [
        { encryption_type: 'KMS', kms_key: expect.stringContaining('aws_kms_key.ComputeKey') },
      ],
      force_delete: true,
    });
    expect(resourceAt(custom, 'aws_ecr_repository', 'App/Repository').force_delete).toBe(false);
    expect(resourceAt(json, 'aws_ecr_lifecycle_policy', 'App/RepositoryLifecycle')).toBeDefined();
  });

  it('runs private tasks behind the target group with a rollback circuit breaker', () => {
    const tg = resourceAt(json, 'aws_lb_target_group', 'LoadBalancer/TargetGroup');
    expect(tg.target_type).toBe('ip');
    expect(service).toMatchObject({
      launch_type: 'FARGATE',
      platform_version: 'LATEST',
      desired_count: 1,
      health_check_grace_period_seconds: 60,
      deployment_circuit_breaker: { enable: true, rollback: true },
      network_configuration: { assign_public_ip: false },
      load_balancer: [
        {
          target_group_arn: `\${${refOf(json, 'aws_lb_target_group', tg)}.arn}`,
          container_name: 'app',
          container_port: 8080,
        },
      ],
    });
    expect(service).not.toHaveProperty('iam_role');
    const subnets = (service.network_configuration as { subnets: string[] }).subnets;
    for (const subnet of subnets) expect(subnet).toContain('PrivateSubnet');
    const https = blocksOf(json, 'aws_lb_listener').find((l) => l.protocol === 'HTTPS')!;
    expect(service.depends_on).toEqual([refOf(json, 'aws_lb_listener', https)]);
  });

  it('scales between the profile bounds on CPU and requests per target', () => {
    const target = resourceAt(json, 'aws_appautoscaling_target', 'App/ScalableTarget');
    expect(target).toMatchObject({
      min_capacity: 1,
      max_capacity: 2,
      scalable_dimension: 'ecs:service:DesiredCount',
    });
    const metrics = blocksOf(json, 'aws_appautoscaling_policy').map(
      (p) =>
        (p.target_tracking_scaling_policy_configuration as Record<string, Record<string, string>>)
          .predefined_metric_specification!.predefined_metric_type,
    );
    expect(metrics.sort()).toEqual(['ALBRequestCountPerTarget', 'ECSServiceAverageCPUUtilization']);
  });

  it('is watched by the service alarms through its cluster and service names', () => {
    const cluster = resourceAt(json, 'aws_ecs_cluster', 'App/Cluster');
    const watched = blocksOf(json, 'aws_cloudwatch_metric_alarm').map((a) =>
      JSON.stringify(a.dimensions ?? a.metric_query ?? {}),
    );
    expect(watched.some((d) => d.includes(`${refOf(json, 'aws_ecs_cluster', cluster)}.name`))).toBe(
      true,
    );
  });

  it('outputs the cluster and service names instead of an Auto Scaling group', () => {
    expect(json.output.ecs_cluster_name).toBeDefined();
    expect(json.output.ecs_service_name).toBeDefined();
    expect(json.output).not.toHaveProperty('asg_name');
    expect(blocksOf(json, 'aws_autoscaling_group')).toEqual([]);
  });
});

describe('FargateAppTier guards against invalid props', () => {
  it('refuses a size Fargate does not run, naming its path and a memory that fits', () => {
    const { stack, key, placement, logGroup } = appTierScaffold('guards');
    const error = invalidPropsOf(
      () =>
        new FargateAppTier(stack, 'Fargate', {
          ...placement,
          cpu: 256,
          memory: 4096,
          image: 'public.ecr.aws/x/y:1.0',
          listener: logGroup.logGroup,
          repositoryKey: key,
          logGroup,
          forceDelete: true,
        }),
    );
    expect(error.constructPath).toBe('guards/Fargate');
    expect(error.problems).toEqual([
      expect.objectContaining({ field: 'memory', value: 4096, example: '512' }),
    ]);
  });
});
