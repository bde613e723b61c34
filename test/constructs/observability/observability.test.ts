import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/errors';
import { loadConfig } from '../../../src/config/load';
import { PROFILES } from '../../../src/config/profiles';
import { auroraMaxConnections } from '../../../src/constructs/observability/aurora-connections';
import type { Block, Synthesized, TerraformJson } from '../../helpers/synth';
import {
  defaultStack,
  blocksOf,
  policyOf,
  refOf,
  resourceAt,
  resourcesOf,
  synthesize,
} from '../../helpers/synth';

const dev = defaultStack('dev');
const prod = synthesize({ ENVIRONMENT: 'prod', ALARM_EMAIL: 'oncall@example.com' });
const postgres = synthesize({}, { database: { engine: 'aurora-postgresql' } });
const fargate = synthesize({}, { compute: { kind: 'ecs-fargate' } });

const topicRef = (s: Synthesized) =>
  `\${${refOf(s.json, 'aws_sns_topic', resourceAt(s.json, 'aws_sns_topic', 'Observability/Topic/Topic'))}.arn}`;
const alarms = (s: Synthesized) => blocksOf(s.json, 'aws_cloudwatch_metric_alarm');
const alarmNamed = (s: Synthesized, name: string) => {
  const found = alarms(s).find((a) => a.alarm_name === name);
  if (!found) throw new Error(`no alarm ${name}`);
  return found;
};

/** Every `${type.name.attr}` reference in a value resolves to a block of the stack. */
function unresolvedReferences(json: TerraformJson, value: unknown): string[] {
  const text = JSON.stringify(value);
  const missing: string[] = [];
  for (const [, ref] of text.matchAll(
    /\$\{((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]+\}/g,
  )) {
    const parts = ref!.split('.');
    const [type, name] = parts[0] === 'data' ? [parts[1]!, parts[2]!] : [parts[0]!, parts[1]!];
    const blocks = parts[0] === 'data' ? json.data?.[type] : json.resource[type];
    if (!blocks?.[name]) missing.push(ref!);
  }
  return missing;
}

describe('alarm topic', () => {
  it('is encrypted with its own key, which CloudWatch may use only for this account', () => {
    const topic = resourceAt(dev.json, 'aws_sns_topic', 'Observability/Topic/Topic');
    const key = resourceAt(dev.json, 'aws_kms_key', 'Observability/Topic/Key/Key');
    expect(topic.kms_master_key_id).toBe(`\${${refOf(dev.json, 'aws_kms_key', key)}.arn}`);
    expect(topic.name).toBe('payment-alarms-dev');
    const statements = policyOf(
      resourceAt(dev.json, 'aws_kms_key_policy', 'Observability/Topic/Key/Policy'),
    ).Statement;
    const cloudwatch = statements.find((s) => s.Sid === 'CloudWatchAlarmsPublishEncrypted')!;
    expect(cloudwatch.Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
    expect(cloudwatch.Condition!.StringEquals).toHaveProperty('aws:SourceAccount');
  });

  it('lets only this account’s CloudWatch alarms publish, and refuses publishing without TLS', () => {
    const statements = policyOf(
      resourceAt(dev.json, 'aws_sns_topic_policy', 'Observability/Topic/Policy'),
    ).Statement;
    expect(statements).toHaveLength(2);
    const allow = statements.find((s) => s.Effect === 'Allow')!;
    expect(allow.Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
    expect(allow.Action).toBe('sns:Publish');
    expect(allow.Condition!.StringEquals).toHaveProperty('aws:SourceAccount');
    expect(allow.Condition!.ArnLike!['aws:SourceArn']).toMatch(
      /:cloudwatch:us-east-1:.*:alarm:\*$/,
    );
    const deny = statements.find((s) => s.Effect === 'Deny')!;
    expect(deny.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
  });

  it('subscribes the configured email address, and nobody when none is configured', () => {
    expect(blocksOf(dev.json, 'aws_sns_topic_subscription')).toEqual([]);
    expect(blocksOf(prod.json, 'aws_sns_topic_subscription')).toEqual([
      expect.objectContaining({
        protocol: 'email',
        endpoint: 'oncall@example.com',
        topic_arn: topicRef(prod),
      }),
    ]);
  });
});

describe("alarm topic and the account baseline's finding routes", () => {
  const withBaseline = synthesize(
    { ENVIRONMENT: 'prod' },
    { accountBaseline: { account: 'main' } },
  );
  const sids = (json: TerraformJson, type: string, path: string) =>
    policyOf(resourceAt(json, type, path)).Statement.map((s) => s.Sid);

  it("lets this account's payment-findings-* rules publish, through topic and key policy, when the environment uses the project baseline", () => {
    const topic = policyOf(
      resourceAt(withBaseline.json, 'aws_sns_topic_policy', 'Observability/Topic/Policy'),
    ).Statement.find((s) => s.Sid === 'AccountBaselineFindingsPublish')!;
    expect(topic.Principal).toEqual({ Service: 'events.amazonaws.com' });
    expect(topic.Condition!.ArnLike!['aws:SourceArn']).toMatch(
      /:events:us-east-1:.*:rule\/payment-findings-\*$/,
    );
    expect(topic.Condition!.StringEquals).toHaveProperty('aws:SourceAccount');
    expect(
      sids(withBaseline.json, 'aws_kms_key_policy', 'Observability/Topic/Key/Policy'),
    ).toContain('EventBridgeFindingsPublishEncrypted');
  });

  it('grants EventBridge nothing when the organisation provides the baseline, or nobody says', () => {
    for (const json of [prod.json, dev.json]) {
      expect(sids(json, 'aws_sns_topic_policy', 'Observability/Topic/Policy')).not.toContain(
        'AccountBaselineFindingsPublish',
      );
      expect(sids(json, 'aws_kms_key_policy', 'Observability/Topic/Key/Policy')).not.toContain(
        'EventBridgeFindingsPublishEncrypted',
      );
    }
  });

  it('records who provides the baseline for the gate, and nothing when undeclared', () => {
    const locals = (json: TerraformJson) =>
      (json as unknown as { locals?: Record<string, unknown> }).locals ?? {};
    expect(locals(withBaseline.json)['account_baseline']).toEqual({
      provider: 'project',
      account: 'main',
      accountId: '123456789012',
      regions: ['us-east-1'],
      environments: ['prod'],
    });
    expect(locals(dev.json)['account_baseline']).toBeUndefined();
  });
});

describe('alarms', () => {
  it('every alarm notifies the topic on ALARM and on OK, with actions enabled and missing data chosen', () => {
    for (const s of [dev, prod, postgres, fargate]) {
      const all = [...alarms(s), ...blocksOf(s.json, 'aws_cloudwatch_composite_alarm')];
      expect(all.length).toBeGreaterThan(0);
      for (const alarm of all) {
        expect(alarm.alarm_actions, alarm.alarm_name as string).toEqual([topicRef(s)]);
        expect(alarm.ok_actions).toEqual([topicRef(s)]);
        expect(alarm.actions_enabled).toBe(true);
      }
      for (const alarm of alarms(s)) {
        expect(['notBreaching', 'breaching', 'missing']).toContain(alarm.treat_missing_data);
        expect(alarm.alarm_name).toMatch(/^payment-[a-z0-9-]+-(dev|prod)$/);
      }
    }
  });

  it('watches resources that exist in the stack (every dimension reference resolves)', () => {
    // The check itself can fail:
    expect(unresolvedReferences(dev.json, { id: '${aws_nat_gateway.Gone.id}' })).toEqual([
      'aws_nat_gateway.Gone',
    ]);
    for (const s of [dev, prod, postgres, fargate]) {
      for (const alarm of alarms(s)) {
        expect(unresolvedReferences(s.json, alarm.dimensions ?? alarm.metric_query)).toEqual([]);
      }
    }
  });

  it('has a NAT port-allocation alarm per NAT gateway', () => {
    expect(alarms(dev).filter((a) => a.metric_name === 'ErrorPortAllocation')).toHaveLength(1);
    const prodNat = alarms(prod).filter((a) => a.metric_name === 'ErrorPortAllocation');
    expect(prodNat).toHaveLength(3);
    const natRefs = resourcesOf(prod.json, 'aws_nat_gateway').map(
      ([name]) => `\${aws_nat_gateway.${name}.id}`,
    );
    expect(prodNat.map((a) => (a.dimensions as Block).NatGatewayId).sort()).toEqual(natRefs.sort());
  });

  it('alarms on the database writer CPU above 80 % and treats a silent writer as down', () => {
    // Dev's writer may pause (0 ACU minimum); prod's never does.
    const cpu = alarmNamed(prod, 'payment-db-writer-cpu-prod');
    expect(cpu).toMatchObject({
      namespace: 'AWS/RDS',
      metric_name: 'CPUUtilization',
      threshold: 80,
      comparison_operator: 'GreaterThanThreshold',
      treat_missing_data: 'breaching',
    });
    expect((cpu.dimensions as Block).Role).toBe('WRITER');
  });

  it('derives the connections threshold from the engine’s max_connections at the maximum ACU', () => {
    const threshold = (s: Synthesized) =>
      alarmNamed(s, `payment-db-connections-${s.config.suffix}`).threshold;
    expect(threshold(dev)).toBe(Math.floor(auroraMaxConnections('aurora-mysql', 0.5, 2) * 0.8));
    expect(threshold(prod)).toBe(Math.floor(auroraMaxConnections('aurora-mysql', 2, 64) * 0.8));
    expect(threshold(postgres)).toBe(
      Math.floor(auroraMaxConnections('aurora-postgresql', 0.5, 2) * 0.8),
    );
    expect(threshold(prod)).toBeGreaterThan(threshold(dev) as number);
  });

  it('covers ACU utilization, freeable memory and replica lag for both engines', () => {
    for (const s of [dev, postgres]) {
      const metrics = alarms(s).map((a) => a.metric_name);
      expect(metrics).toEqual(
        expect.arrayContaining([
          'ACUUtilization',
          'FreeableMemory',
          'AuroraReplicaLag',
          'DatabaseConnections',
        ]),
      );
    }
    expect(alarmNamed(dev, 'payment-db-freeable-memory-dev')).toMatchObject({
      comparison_operator: 'LessThanThreshold',
      threshold: PROFILES.dev.alarms.databaseFreeableMemoryMiB * 1024 * 1024,
    });
  });

  it('takes thresholds from the profile, and overrides from configuration', () => {
    expect(alarmNamed(prod, 'payment-db-acu-utilization-prod').threshold).toBe(
      PROFILES.prod.alarms.acuUtilizationPercent,
    );
    const tuned = synthesize({}, { alarms: { databaseCpuPercent: 65, acuUtilizationPercent: 70 } });
    expect(alarmNamed(tuned, 'payment-db-writer-cpu-dev').threshold).toBe(65);
    expect(alarmNamed(tuned, 'payment-db-acu-utilization-dev').threshold).toBe(70);
  });
});

describe('edge and app-tier alarms', () => {
  const ref = (s: Synthesized, type: string, attr: string) =>
    resourcesOf(s.json, type).map(([name]) => `\${${type}.${name}.${attr}}`);

  it('watches the load balancer: ELB 5xx, target 5xx rate, p99 latency, unhealthy hosts, rejected connections', () => {
    const [lb] = ref(dev, 'aws_lb', 'arn_suffix');
    const [tg] = ref(dev, 'aws_lb_target_group', 'arn_suffix');
    expect(alarmNamed(dev, 'payment-alb-5xx-dev')).toMatchObject({
      namespace: 'AWS/ApplicationELB',
      metric_name: 'HTTPCode_ELB_5XX_Count',
      dimensions: { LoadBalancer: lb },
      treat_missing_data: 'notBreaching',
    });
    expect(alarmNamed(dev, 'payment-latency-p99-dev')).toMatchObject({
      metric_name: 'TargetResponseTime',
      extended_statistic: 'p99',
      threshold: PROFILES.dev.alarms.p99LatencySeconds,
    });
    expect(alarmNamed(dev, 'payment-unhealthy-hosts-dev')).toMatchObject({
      metric_name: 'UnHealthyHostCount',
      dimensions: { LoadBalancer: lb, TargetGroup: tg },
      threshold: 0,
    });
    expect(alarmNamed(dev, 'payment-alb-rejected-connections-dev').metric_name).toBe(
      'RejectedConnectionCount',
    );
    const rate = alarmNamed(dev, 'payment-target-5xx-rate-dev');
    const queries = rate.metric_query as Block[];
    expect(
      queries.map((q) => (q.metric as Block | undefined)?.metric_name ?? q.expression),
    ).toEqual(['HTTPCode_Target_5XX_Count', 'RequestCount', 'IF(m2 > 0, 100 * m1 / m2, 0)']);
    expect(queries.filter((q) => q.return_data === true)).toHaveLength(1);
  });

  it('watches the Auto Scaling group CPU for EC2, and the ECS service CPU and memory for Fargate', () => {
    const [asg] = ref(dev, 'aws_autoscaling_group', 'name');
    expect(alarmNamed(dev, 'payment-app-cpu-dev')).toMatchObject({
      namespace: 'AWS/EC2',
      dimensions: { AutoScalingGroupName: asg },
    });
    expect(alarms(dev).some((a) => a.namespace === 'AWS/ECS')).toBe(false);
    const [cluster] = ref(fargate, 'aws_ecs_cluster', 'name');
    const [service] = ref(fargate, 'aws_ecs_service', 'name');
    for (const [name, metric] of [
      ['payment-app-cpu-dev', 'CPUUtilization'],
      ['payment-app-memory-dev', 'MemoryUtilization'],
    ] as const) {
      expect(alarmNamed(fargate, name)).toMatchObject({
        namespace: 'AWS/ECS',
        metric_name: metric,
        dimensions: { ClusterName: cluster, ServiceName: service },
      });
    }
  });

  it('watches WAF for a spike of blocked requests on the stack’s web ACL', () => {
    const [acl] = ref(dev, 'aws_wafv2_web_acl', 'name');
    expect(alarmNamed(dev, 'payment-waf-blocked-spike-dev')).toMatchObject({
      namespace: 'AWS/WAFV2',
      metric_name: 'BlockedRequests',
      dimensions: { WebACL: acl, Region: 'us-east-1', Rule: 'ALL' },
    });
  });

  it('raises "payment service degraded" over exactly the customer-facing alarms', () => {
    for (const s of [dev, fargate]) {
      const [composite] = blocksOf(s.json, 'aws_cloudwatch_composite_alarm');
      expect(composite!.alarm_name).toBe('payment-service-degraded-dev');
      const members = [
        ...(composite!.alarm_rule as string).matchAll(
          /ALARM\("\$\{aws_cloudwatch_metric_alarm\.(\w[\w-]*)\.alarm_name\}"\)/g,
        ),
      ].map((m) => s.json.resource.aws_cloudwatch_metric_alarm![m[1]!]!.alarm_name);
      expect(members.sort()).toEqual(
        [
          'payment-alb-5xx-dev',
          'payment-alb-rejected-connections-dev',
          'payment-latency-p99-dev',
          'payment-target-5xx-rate-dev',
          'payment-unhealthy-hosts-dev',
        ].sort(),
      );
    }
  });
});

describe('app log group', () => {
  it('exists, encrypted and retained, for both compute kinds (an agent-created group would have neither)', () => {
    for (const s of [dev, fargate]) {
      const group = blocksOf(s.json, 'aws_cloudwatch_log_group').find(
        (g) => g.name === '/payment/dev/app',
      );
      expect(group, s.config.compute.kind).toMatchObject({ retention_in_days: 90 });
      expect(group!.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
      expect(s.json.output.app_log_group_name).toBeDefined();
    }
  });
});

describe('a dev database that may pause', () => {
  it('does not treat the paused writer’s silence as an outage', () => {
    // Dev pauses by default (0 ACU minimum); with a 0.5 ACU floor a silent writer is down.
    const steady = synthesize({}, { database: { minCapacity: 0.5 } });
    expect(alarmNamed(dev, 'payment-db-writer-cpu-dev').treat_missing_data).toBe('notBreaching');
    expect(alarmNamed(steady, 'payment-db-writer-cpu-dev').treat_missing_data).toBe('breaching');
  });
});

describe('dashboard', () => {
  it('is named with the suffix and shows request, latency, error, capacity and database widgets', () => {
    const [dashboard] = blocksOf(dev.json, 'aws_cloudwatch_dashboard');
    expect(dashboard!.dashboard_name).toBe('payment-dashboard-dev');
    const body = JSON.parse(dashboard!.dashboard_body as string) as {
      widgets: Array<{ properties: { title: string } }>;
    };
    const titles = body.widgets.map((w) => w.properties.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Requests',
        'Latency (p50, p99)',
        'Errors',
        'Target health',
        'App capacity and CPU',
        'Database CPU and capacity',
        'Database connections and replica lag',
        'WAF allowed and blocked',
        'NAT gateways',
      ]),
    );
    expect(unresolvedReferences(dev.json, body)).toEqual([]);
  });
});

describe('log groups', () => {
  it('every log group in the stack is KMS-encrypted, has a retention, and is kept on destroy in prod only', () => {
    for (const s of [dev, prod, postgres]) {
      const groups = blocksOf(s.json, 'aws_cloudwatch_log_group');
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) {
        expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\.\w+\.arn\}$/);
        // The log group is created only once the key policy lets CloudWatch Logs use the key.
        const keyName = /^\$\{aws_kms_key\.(\w+)\.arn\}$/.exec(group.kms_key_id as string)![1]!;
        const keyPolicy = Object.entries(s.json.resource['aws_kms_key_policy'] ?? {}).find(
          ([, policy]) => policy.key_id === `\${aws_kms_key.${keyName}.id}`,
        );
        expect(keyPolicy).toBeDefined();
        expect(group.depends_on).toContain(`aws_kms_key_policy.${keyPolicy![0]}`);
        expect(group.retention_in_days).toBe(s.config.settings.logRetentionDays);
        expect(group.skip_destroy).toBe(s === prod);
      }
    }
  });
});

describe('configuration', () => {
  const problems = (env: Record<string, string>, file?: unknown) => {
    try {
      loadConfig(file === undefined ? env : { ...env, CONFIG_FILE: 'c.json' }, () =>
        JSON.stringify(file),
      );
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map((p) => p.field);
      throw error;
    }
    return [];
  };

  it('accepts an alarm email from the environment or the file, and rejects a bad one', () => {
    expect(problems({ ALARM_EMAIL: 'oncall@example.com' })).toEqual([]);
    expect(problems({}, { alarmEmail: 'oncall@example.com' })).toEqual([]);
    expect(problems({ ALARM_EMAIL: 'not-an-email' })).toEqual(['ALARM_EMAIL']);
    expect(problems({}, { alarmEmail: 'oncall@' })).toEqual(['alarmEmail']);
    expect(problems({ ALARM_EMAIL: 'a@example.com' }, { alarmEmail: 'b@example.com' })).toEqual([
      'ALARM_EMAIL',
    ]);
  });

  it.each([
    ['appCpuPercent', 0],
    ['appCpuPercent', 101],
    ['target5xxRatePercent', 0],
    ['p99LatencySeconds', 0.01],
    ['p99LatencySeconds', 61],
    ['elb5xxPerFiveMinutes', 2.5],
    ['databaseFreeableMemoryMiB', 10],
    ['replicaLagMilliseconds', 5],
    ['wafBlockedPerFiveMinutes', 0],
    ['databaseConnectionsPercent', '80'],
  ])('rejects alarms.%s = %j', (key, value) => {
    expect(problems({}, { alarms: { [key]: value } })).toEqual([`alarms.${key}`]);
  });

  it('rejects an unknown threshold name', () => {
    expect(problems({}, { alarms: { cpuPercent: 70 } })).toEqual(['alarms.cpuPercent']);
  });
});

describe('auroraMaxConnections', () => {
  it('follows the AWS table by maximum ACU, taking the row below for values in between', () => {
    expect(auroraMaxConnections('aurora-mysql', 0.5, 1)).toBe(90);
    expect(auroraMaxConnections('aurora-mysql', 0.5, 2)).toBe(90);
    expect(auroraMaxConnections('aurora-mysql', 2, 64)).toBe(4000);
    expect(auroraMaxConnections('aurora-mysql', 2, 256)).toBe(6000);
    expect(auroraMaxConnections('aurora-postgresql', 1, 16)).toBe(3360);
    expect(auroraMaxConnections('aurora-postgresql', 1, 64)).toBe(5000);
  });

  it('caps PostgreSQL at 2,000 when the minimum capacity is 0.5 ACU or less', () => {
    expect(auroraMaxConnections('aurora-postgresql', 0.5, 16)).toBe(2000);
    expect(auroraMaxConnections('aurora-postgresql', 0.5, 4)).toBe(823);
  });
});

describe('audit-log delivery alarms (PCI DSS 10.7.2)', () => {
  const bucketRef = (s: Synthesized, path: string) =>
    `\${${refOf(s.json, 'aws_s3_bucket', resourceAt(s.json, 'aws_s3_bucket', path))}.id}`;
  const metricsOn = (s: Synthesized, path: string) =>
    blocksOf(s.json, 'aws_s3_bucket_metric').filter((m) => m.bucket === bucketRef(s, path));

  it('turns on S3 request metrics for each log destination: flow-log prefix, ALB access-log prefix, the WAF bucket', () => {
    for (const s of [dev, fargate]) {
      expect(metricsOn(s, 'FlowLogs/Bucket')).toEqual([
        expect.objectContaining({ name: 'FlowLogDelivery', filter: { prefix: 'vpc-flow-logs/' } }),
      ]);
      expect(metricsOn(s, 'AlbLogs/Bucket')).toEqual([
        expect.objectContaining({
          name: 'AlbAccessLogDelivery',
          filter: { prefix: 'alb/access/' },
        }),
      ]);
      const waf = metricsOn(s, 'WafLogs/Bucket');
      expect(waf).toEqual([expect.objectContaining({ name: 'WafLogDelivery' })]);
      expect(waf[0]!.filter).toBeUndefined();
    }
  });

  it('alarms when an hour passes without a flow-log object, treating silence as the failure', () => {
    const alarm = alarmNamed(dev, 'payment-flow-log-delivery-dev');
    expect(alarm).toMatchObject({
      namespace: 'AWS/S3',
      metric_name: 'PutRequests',
      dimensions: {
        BucketName: expect.stringMatching(/aws_s3_bucket\.FlowLogs/),
        FilterId: 'FlowLogDelivery',
      },
      period: 3600,
      statistic: 'Sum',
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      treat_missing_data: 'breaching',
      alarm_actions: [topicRef(dev)],
      ok_actions: [topicRef(dev)],
    });
    expect(alarm.alarm_description).toMatch(
      /PCI DSS 10\.7\.2.*Runbook: aws ec2 describe-flow-logs/,
    );
  });

  it('alarms when the ALB or WAF saw requests but no log object arrived, two hours running', () => {
    for (const [name, metrics, runbook] of [
      [
        'payment-alb-log-delivery-dev',
        ['RequestCount', 'PutRequests'],
        /aws elbv2 describe-load-balancer-attributes/,
      ],
      [
        'payment-waf-log-delivery-dev',
        ['AllowedRequests', 'BlockedRequests', 'PutRequests'],
        /aws wafv2 get-logging-configuration/,
      ],
    ] as const) {
      const alarm = alarmNamed(dev, name);
      const queries = alarm.metric_query as Block[];
      const names = queries.flatMap((q) => (q.metric ? [(q.metric as Block).metric_name] : []));
      expect(names.sort(), name).toEqual([...metrics].sort());
      const expression = queries.find((q) => q.expression);
      expect(expression!.expression).toMatch(/^IF\(FILL\(m2, 0\) == 0, /);
      expect(alarm).toMatchObject({
        evaluation_periods: 2,
        datapoints_to_alarm: 2,
        threshold: 1,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        treat_missing_data: 'notBreaching',
        alarm_actions: [topicRef(dev)],
      });
      expect(alarm.alarm_description).toMatch(runbook);
    }
  });
});
