import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/stacks/app';
import { AL2023_AMI_PARAMETERS } from '../../../src/config/app-tier';
import { PROFILE_NAMES, PROFILES } from '../../../src/config/profiles';
import { assertValidName, MAX_SUFFIX_LENGTH } from '../../../src/naming/naming';
import { PLACEHOLDER_SERVICE } from '../../../src/constructs/compute/placeholder-app';
import { appTierScaffold, invalidPropsOf } from '../../helpers/scaffold';
import {
  APP_METRICS_NAMESPACE,
  Ec2AppTier,
  SESSION_MANAGER_ACTIONS,
} from '../../../src/constructs/compute/ec2-app-tier';
import { blocksOf, policyOf, refOf, resourceAt, synthesize } from '../../helpers/synth';

const { json, stack, config: stagingConfig } = synthesize({ ENVIRONMENT: 'staging' });
const arm = synthesize({}, { compute: { instanceType: 't4g.small', appPort: 8443 } }).json;
const pinned = synthesize({}, { compute: { amiId: 'ami-0123456789abcdef0' } }).json;
const template = resourceAt(json, 'aws_launch_template', 'App/LaunchTemplate');
const group = resourceAt(json, 'aws_autoscaling_group', 'App/Group');
const slr = resourceAt(json, 'aws_iam_service_linked_role', 'App/AutoScalingRole');
const slrRef = refOf(json, 'aws_iam_service_linked_role', slr);
const keyPolicy = resourceAt(json, 'aws_kms_key_policy', 'ComputeKey/Policy');
const keyPolicyRef = refOf(json, 'aws_kms_key_policy', keyPolicy);
const key = resourceAt(json, 'aws_kms_key', 'ComputeKey');

describe('Ec2AppTier launch template', () => {
  it('boots the latest Amazon Linux 2023 through resolve:ssm for the family architecture', () => {
    expect(template.image_id).toBe(`resolve:ssm:${AL2023_AMI_PARAMETERS.x86_64}`);
    expect(template.instance_type).toBe('t3.medium');
    const armTemplate = resourceAt(arm, 'aws_launch_template', 'App/LaunchTemplate');
    expect(armTemplate.image_id).toBe(`resolve:ssm:${AL2023_AMI_PARAMETERS.arm64}`);
    expect(AL2023_AMI_PARAMETERS.arm64).toMatch(/al2023-ami-kernel-default-arm64$/);
    expect(Object.keys(json.data ?? {})).not.toContain('aws_ami');
  });

  it('puts instances in the app security group', () => {
    const app = resourceAt(json, 'aws_security_group', 'SecurityGroups/App');
    expect(template.network_interfaces).toEqual([
      expect.objectContaining({
        security_groups: [`\${${refOf(json, 'aws_security_group', app)}.id}`],
      }),
    ]);
  });

  it('requires IMDSv2 with one hop, gives no public IP and no key pair', () => {
    expect(template.metadata_options).toMatchObject({
      http_endpoint: 'enabled',
      http_tokens: 'required',
      http_put_response_hop_limit: 1,
    });
    expect(template.network_interfaces).toEqual([
      expect.objectContaining({ associate_public_ip_address: 'false' }),
    ]);
    expect(template).not.toHaveProperty('key_name');
    expect(template.monitoring).toEqual({ enabled: true });
  });

  it('encrypts the gp3 root volume with the compute key', () => {
    expect(template.block_device_mappings).toEqual([
      {
        device_name: '/dev/xvda',
        ebs: expect.objectContaining({
          volume_type: 'gp3',
          encrypted: 'true',
          kms_key_id: `\${${refOf(json, 'aws_kms_key', key)}.arn}`,
        }),
      },
    ]);
    expect(key.enable_key_rotation).toBe(true);
    const alias = blocksOf(json, 'aws_kms_alias').map((a) => a.name);
    expect(alias).toContain('alias/payment-compute-staging');
  });

  it('tags instances, volumes and interfaces (default tags do not reach them)', () => {
    const specs = template.tag_specifications as Array<{
      resource_type: string;
      tags: Record<string, string>;
    }>;
    expect(specs.map((s) => s.resource_type)).toEqual(['instance', 'volume', 'network-interface']);
    for (const spec of specs) {
      expect(spec.tags).toMatchObject({
        Environment: 'staging',
        Project: 'PaymentProcessing',
        CostCenter: 'Finance',
      });
    }
  });

  it('runs the placeholder app on the app port from base64 user data without tokens', () => {
    const script = Buffer.from(template.user_data as string, 'base64').toString('utf8');
    expect(script).toContain('Environment=PORT=8080');
    expect(script).toContain(`systemctl enable --now ${PLACEHOLDER_SERVICE}.service`);
    expect(script).not.toContain('${');
    const armScript = Buffer.from(
      resourceAt(arm, 'aws_launch_template', 'App/LaunchTemplate').user_data as string,
      'base64',
    ).toString('utf8');
    expect(armScript).toContain('Environment=PORT=8443');
  });

  it('installs no placeholder on a pinned AMI, which carries the app on the same port', () => {
    const pinnedTemplate = resourceAt(pinned, 'aws_launch_template', 'App/LaunchTemplate');
    expect(pinnedTemplate.image_id).toBe('ami-0123456789abcdef0');
    // A placeholder started by user data would compete with the baked-in app for the app
    // port (and, on an image without /usr/bin/python3, fail the user data).
    expect(pinnedTemplate).not.toHaveProperty('user_data');
  });

  it('does not ask for an auto rollback of the instance refresh', () => {
    // StartInstanceRefresh refuses AutoRollback for a launch template whose image comes from an
    // SSM parameter, so the apply that changes the template would fail; with a pinned AMI the
    // provider's ordering makes the rollback redeploy the new version.
    const preferencesOf = (j: typeof json) =>
      (
        resourceAt(j, 'aws_autoscaling_group', 'App/Group').instance_refresh as {
          preferences: { auto_rollback: boolean };
        }
      ).preferences;
    expect(template.image_id).toMatch(/^resolve:ssm:/);
    expect(preferencesOf(json).auto_rollback).toBe(false);
    expect(preferencesOf(pinned).auto_rollback).toBe(false);
  });
});

describe('Ec2AppTier instance role', () => {
  const role = resourceAt(json, 'aws_iam_role', 'App/InstanceRole');
  const roleRef = refOf(json, 'aws_iam_role', role);
  const inline = resourceAt(json, 'aws_iam_role_policy', 'App/InstanceRolePolicy');
  const statements = policyOf(inline).Statement;
  const logGroup = resourceAt(json, 'aws_cloudwatch_log_group', 'AppLogs/LogGroup');

  it('attaches no AWS managed policy (no account-wide parameter reads or log-group creation)', () => {
    const attached = blocksOf(json, 'aws_iam_role_policy_attachment').filter(
      (a) => a.role === `\${${roleRef}.name}`,
    );
    expect(attached).toEqual([]);
    expect(inline.role).toBe(`\${${roleRef}.id}`);
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).not.toContain('ssm:GetParameter');
    expect(actions).not.toContain('ssm:GetParameters');
    expect(actions).not.toContain('logs:CreateLogGroup');
  });

  it('allows Session Manager messaging only', () => {
    expect(statements.find((s) => s.Sid === 'SessionManagerChannels')).toMatchObject({
      Action: [...SESSION_MANAGER_ACTIONS],
      Resource: '*',
    });
  });

  it('writes only to the app log group and publishes metrics only to the agent namespace', () => {
    expect(statements.find((s) => s.Sid === 'WriteAppLogGroup')).toMatchObject({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: `\${${refOf(json, 'aws_cloudwatch_log_group', logGroup)}.arn}:*`,
    });
    expect(statements.find((s) => s.Sid === 'PublishAgentMetrics')).toMatchObject({
      Action: 'cloudwatch:PutMetricData',
      Condition: { StringEquals: { 'cloudwatch:namespace': APP_METRICS_NAMESPACE } },
    });
    expect(statements.map((s) => s.Sid).sort()).toEqual([
      'PublishAgentMetrics',
      'SessionManagerChannels',
      'WriteAppLogGroup',
    ]);
  });

  it('is assumed by EC2 and is the stack app role', () => {
    const trust = policyOf(role, 'assume_role_policy');
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'ec2.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    ]);
    expect(stack.appRole).toBe(stack.edgeAndApp.compute.role);
  });
});

describe('Ec2AppTier Auto Scaling group and its own service-linked role', () => {
  it('creates a per-stack Auto Scaling service-linked role with a custom suffix', () => {
    expect(slr).toMatchObject({
      aws_service_name: 'autoscaling.amazonaws.com',
      custom_suffix: 'payment-app-staging',
    });
    expect(group.service_linked_role_arn).toBe(`\${${slrRef}.arn}`);
  });

  it('fits the role name within 64 characters for the longest allowed suffix', () => {
    const longest = `AWSServiceRoleForAutoScaling_payment-app-${'a'.repeat(MAX_SUFFIX_LENGTH)}`;
    expect(() => assertValidName(longest, 'iamRole')).not.toThrow();
  });

  it('grants that role the key (CreateGrant only for AWS resources) after the role exists', () => {
    const statements = policyOf(keyPolicy).Statement;
    const use = statements.find((s) => s.Sid === 'AutoScalingUsesKeyForEbs')!;
    const grant = statements.find((s) => s.Sid === 'AutoScalingGrantsKeyToEbs')!;
    expect(use.Principal).toEqual({ AWS: `\${${slrRef}.arn}` });
    expect(use.Action).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']));
    expect(grant).toMatchObject({
      Principal: { AWS: `\${${slrRef}.arn}` },
      Action: 'kms:CreateGrant',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    });
    // Order: role -> key policy -> group.
    expect(keyPolicy.depends_on).toEqual([slrRef]);
    expect(group.depends_on).toEqual([keyPolicyRef]);
  });

  it('spans the private subnets with the profile size, ELB health checks and instance refresh', () => {
    expect(group).toMatchObject({
      min_size: 2,
      desired_capacity: 2,
      max_size: 4,
      health_check_type: 'ELB',
      health_check_grace_period: 300,
      instance_refresh: { strategy: 'Rolling' },
    });
    const subnets = group.vpc_zone_identifier as string[];
    expect(subnets).toHaveLength(3);
    for (const subnet of subnets) expect(subnet).toContain('PrivateSubnet');
    const tg = resourceAt(json, 'aws_lb_target_group', 'LoadBalancer/TargetGroup');
    expect(group.target_group_arns).toEqual([`\${${refOf(json, 'aws_lb_target_group', tg)}.arn}`]);
    expect(group.launch_template).toEqual({
      id: `\${${refOf(json, 'aws_launch_template', template)}.id}`,
      version: `\${${refOf(json, 'aws_launch_template', template)}.latest_version}`,
    });
  });

  it('replaces every instance within the profile lifetime, so none runs an old image', () => {
    expect(group.max_instance_lifetime).toBe(PROFILES.staging.maxInstanceLifetimeDays * 86_400);
    const prod = synthesize({ ENVIRONMENT: 'prod' }).json;
    const prodGroup = resourceAt(prod, 'aws_autoscaling_group', 'App/Group');
    expect(prodGroup.max_instance_lifetime).toBeLessThanOrEqual(30 * 86_400);
    for (const profile of PROFILE_NAMES) {
      expect(PROFILES[profile].maxInstanceLifetimeDays).toBeLessThanOrEqual(30);
    }
  });

  it('refuses a lifetime AWS would reject (under a day) or that never ends', () => {
    for (const days of [0, 0.5, 366]) {
      const bad = {
        ...stagingConfig,
        settings: { ...stagingConfig.settings, maxInstanceLifetimeDays: days },
      };
      const outdir = mkdtempSync(join(tmpdir(), 'lifetime-'));
      // The guard is an InvalidPropsError naming the construct (the config branch's shape).
      expect(() => buildApp(bad, outdir)).toThrow(
        `maxInstanceLifetimeDays: ${days} must be 1-365 whole days`,
      );
      rmSync(outdir, { recursive: true });
    }
  });

  it('propagates the stack tags to instances at launch', () => {
    const tags = group.tag as Array<{ key: string; value: string; propagate_at_launch: boolean }>;
    expect(tags.find((t) => t.key === 'Environment')).toEqual({
      key: 'Environment',
      value: 'staging',
      propagate_at_launch: true,
    });
    expect(tags.every((t) => t.propagate_at_launch)).toBe(true);
  });

  it('tracks average CPU and requests per target', () => {
    const policies = blocksOf(json, 'aws_autoscaling_policy');
    const metrics = policies.map((p) => {
      const spec = (p.target_tracking_configuration as Record<string, Record<string, string>>)
        .predefined_metric_specification!;
      return spec.predefined_metric_type;
    });
    expect(metrics.sort()).toEqual(['ALBRequestCountPerTarget', 'ASGAverageCPUUtilization']);
    const requests = policies.find((p) => JSON.stringify(p).includes('ALBRequestCountPerTarget'))!;
    expect(JSON.stringify(requests)).toMatch(
      /arn_suffix\}\/\$\{aws_lb_target_group\.[\w]+\.arn_suffix/,
    );
  });

  it('creates the request-count policy only after the HTTPS listener attaches the target group', () => {
    // The listener may wait 75 minutes for a DNS-validated certificate; until it exists the
    // target group has no load balancer and ALBRequestCountPerTarget is refused.
    const listener = resourceAt(json, 'aws_lb_listener', 'LoadBalancer/Https');
    const requests = resourceAt(json, 'aws_autoscaling_policy', 'App/RequestTracking');
    expect(requests.depends_on).toEqual([refOf(json, 'aws_lb_listener', listener)]);
  });

  it('is what the data tier grants database connect to, and what the alarms watch', () => {
    const role = resourceAt(json, 'aws_iam_role', 'App/InstanceRole');
    const connect = blocksOf(json, 'aws_iam_role_policy').filter(
      (p) => p.role === `\${${refOf(json, 'aws_iam_role', role)}.name}`,
    );
    expect(connect.map((p) => policyOf(p).Statement[0]!.Action)).toEqual(['rds-db:connect']);
    const dimensions = blocksOf(json, 'aws_cloudwatch_metric_alarm').map((a) =>
      JSON.stringify(a.dimensions ?? a.metric_query ?? {}),
    );
    expect(
      dimensions.some((d) => d.includes(`${refOf(json, 'aws_autoscaling_group', group)}.name`)),
    ).toBe(true);
  });

  it('outputs the group name and no ECS names', () => {
    expect(json.output.asg_name).toBeDefined();
    expect(json.output).not.toHaveProperty('ecs_cluster_name');
  });
});

describe('Ec2AppTier guards against invalid props', () => {
  it('refuses an instance type of the other architecture, naming its path', () => {
    const { stack, key, placement, logGroup } = appTierScaffold('guards');
    const error = invalidPropsOf(
      () =>
        new Ec2AppTier(stack, 'Ec2', {
          ...placement,
          instanceType: 't3.small',
          architecture: 'arm64',
          ebsKey: key,
          tags: {},
          logGroup,
          maxInstanceLifetimeDays: 14,
        }),
    );
    expect(error.constructPath).toBe('guards/Ec2');
    expect(error.message).toContain(
      'instanceType: "t3.small" is x86_64, not arm64: the image would not boot',
    );
  });
});
