/**
 * The post-deploy checks of `npm run verify`, each a function of the outputs, the
 * expectations from the synthesized stack, and AWS SDK v3 clients. A check passes, fails, or
 * (where the profile only asks for it to be reported) warns.
 */
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeListenersCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { GetWebACLForResourceCommand } from '@aws-sdk/client-wafv2';
import type { RDSClient } from '@aws-sdk/client-rds';
import {
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
} from '@aws-sdk/client-rds';
import type { S3Client } from '@aws-sdk/client-s3';
import { GetBucketEncryptionCommand, GetPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import { ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import type { EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
} from '@aws-sdk/client-ec2';
import { isAllowedTlsPolicy } from '../aws-facts/tls-policies';
import type { Expectations, Outputs } from './expectations';
import { get, handshakes } from './http';

export interface VerifyClients {
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly wafv2: WAFV2Client;
  readonly rds: RDSClient;
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly ec2: EC2Client;
}

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skipped';

export interface CheckResult {
  readonly check: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

export interface CheckContext {
  readonly outputs: Outputs;
  readonly expect: Expectations;
  readonly clients: VerifyClients;
}

type Check = (ctx: CheckContext) => Promise<Omit<CheckResult, 'check'>>;

const pass = (detail: string) => ({ status: 'pass' as const, detail });
const fail = (detail: string) => ({ status: 'fail' as const, detail });

function output(outputs: Outputs, name: string): string {
  const value = outputs[name];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`output ${name} is missing from the outputs file`);
  }
  return value;
}

const httpRedirects: Check = async ({ outputs }) => {
  const url = `http://${output(outputs, 'alb_dns_name')}/`;
  const answer = await get(url);
  return answer.status === 301 && answer.location?.startsWith('https://')
    ? pass(`${url} -> 301 ${answer.location}`)
    : fail(
        `${url} answered ${answer.status}${answer.location ? ` -> ${answer.location}` : ''}, not 301 to https://`,
      );
};

const httpsHealth: Check = async ({ outputs, expect }) => {
  const url = `${output(outputs, 'app_url').replace(/\/$/, '')}/health`;
  const answer = await get(url, expect.selfSigned);
  const note = expect.selfSigned ? ' (self-signed certificate: chain not validated)' : '';
  return answer.status === 200
    ? pass(`${url} -> 200${note}`)
    : fail(`${url} answered ${answer.status}${note}`);
};

const tlsVersions: Check = async ({ outputs }) => {
  const { hostname, port } = new URL(output(outputs, 'app_url'));
  const at = Number(port) || 443;
  const [v10, v11, v12] = await Promise.all([
    handshakes(hostname, at, 'TLSv1'),
    handshakes(hostname, at, 'TLSv1.1'),
    handshakes(hostname, at, 'TLSv1.2'),
  ]);
  const legacy = [v10 && 'TLS 1.0', v11 && 'TLS 1.1'].filter(Boolean);
  if (legacy.length > 0) return fail(`the listener accepts ${legacy.join(' and ')}`);
  return v12 ? pass('TLS 1.0 and 1.1 refused, TLS 1.2 accepted') : fail('TLS 1.2 handshake failed');
};

const tlsPolicy: Check = async ({ outputs, expect, clients }) => {
  const { Listeners = [] } = await clients.elbv2.send(
    new DescribeListenersCommand({ LoadBalancerArn: output(outputs, 'alb_arn') }),
  );
  const httpsListener = Listeners.find((l) => l.Protocol === 'HTTPS');
  const policy = httpsListener?.SslPolicy;
  if (!policy) return fail('no HTTPS listener on the load balancer');
  if (!isAllowedTlsPolicy(policy)) return fail(`${policy} is not on the TLS policy allow-list`);
  if (expect.tlsPolicy && policy !== expect.tlsPolicy) {
    return fail(`${policy} differs from the configured ${expect.tlsPolicy}`);
  }
  return pass(policy);
};

const wafAssociated: Check = async ({ outputs, clients }) => {
  const { WebACL } = await clients.wafv2.send(
    new GetWebACLForResourceCommand({ ResourceArn: output(outputs, 'alb_arn') }),
  );
  const expected = output(outputs, 'web_acl_arn');
  if (!WebACL?.ARN) return fail('no web ACL is associated with the load balancer');
  return WebACL.ARN === expected
    ? pass(WebACL.Name ?? WebACL.ARN)
    : fail(`associated ${WebACL.ARN}, expected ${expected}`);
};

const healthyTargets: Check = async ({ outputs, expect, clients }) => {
  const { TargetHealthDescriptions = [] } = await clients.elbv2.send(
    new DescribeTargetHealthCommand({ TargetGroupArn: output(outputs, 'target_group_arn') }),
  );
  const healthy = TargetHealthDescriptions.filter((t) => t.TargetHealth?.State === 'healthy')
    .map((t) => t.Target?.Id)
    .filter((id): id is string => id !== undefined);
  if (healthy.length === 0)
    return fail(`no healthy target (of ${TargetHealthDescriptions.length})`);
  const zones = new Set(await zonesOf(healthy, clients.ec2));
  const needed = expect.appCount >= 2 ? 2 : 1;
  const detail = `${healthy.length} healthy in ${zones.size} AZ(s): ${[...zones].sort().join(', ')}`;
  return zones.size >= needed
    ? pass(detail)
    : fail(`${detail}; the profile runs ${expect.appCount}, so at least ${needed} AZs are needed`);
};

/** Availability Zones of instance targets (i-...) and IP targets (Fargate tasks). */
async function zonesOf(ids: readonly string[], ec2: EC2Client): Promise<string[]> {
  const instances = ids.filter((id) => id.startsWith('i-'));
  const ips = ids.filter((id) => !id.startsWith('i-'));
  const zones: string[] = [];
  if (instances.length > 0) {
    const { Reservations = [] } = await ec2.send(
      new DescribeInstancesCommand({ InstanceIds: instances }),
    );
    for (const r of Reservations)
      for (const i of r.Instances ?? [])
        if (i.Placement?.AvailabilityZone) zones.push(i.Placement.AvailabilityZone);
  }
  if (ips.length > 0) {
    const { NetworkInterfaces = [] } = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'addresses.private-ip-address', Values: ips }],
      }),
    );
    for (const n of NetworkInterfaces) if (n.AvailabilityZone) zones.push(n.AvailabilityZone);
  }
  return zones;
}

/** The cluster parameter that refuses clear-text connections, per engine. */
const TLS_PARAMETER: Readonly<Record<string, readonly [string, string]>> = {
  'aurora-mysql': ['require_secure_transport', 'ON'],
  'aurora-postgresql': ['rds.force_ssl', '1'],
};

const database: Check = async ({ outputs, expect, clients }) => {
  const id = output(outputs, 'rds_cluster_identifier');
  const { DBClusters = [] } = await clients.rds.send(
    new DescribeDBClustersCommand({ DBClusterIdentifier: id }),
  );
  const cluster = DBClusters[0];
  if (!cluster) return fail(`cluster ${id} not found`);
  const problems: string[] = [];
  if (!cluster.StorageEncrypted) problems.push('storage not encrypted');
  if (!cluster.BackupRetentionPeriod || cluster.BackupRetentionPeriod < 1)
    problems.push('no automated backups');
  if (!cluster.LatestRestorableTime) problems.push('no restorable backup yet');
  const { DBInstances = [] } = await clients.rds.send(
    new DescribeDBInstancesCommand({ Filters: [{ Name: 'db-cluster-id', Values: [id] }] }),
  );
  const open = DBInstances.filter((i) => i.PubliclyAccessible).map((i) => i.DBInstanceIdentifier);
  if (open.length > 0) problems.push(`publicly accessible: ${open.join(', ')}`);
  const [name, value] = TLS_PARAMETER[cluster.Engine ?? expect.engine] ?? ['', ''];
  const actual =
    name && cluster.DBClusterParameterGroup
      ? await parameterValue(clients.rds, cluster.DBClusterParameterGroup, name)
      : undefined;
  if (!name) problems.push(`unknown engine ${cluster.Engine ?? '?'}`);
  else if (actual !== value)
    problems.push(`${name} is ${actual ?? 'unset'}, not ${value} (TLS not enforced)`);
  return problems.length > 0
    ? fail(problems.join('; '))
    : pass(
        `encrypted, ${DBInstances.length} private instance(s), ${name}=${value}, backups ${cluster.BackupRetentionPeriod} days`,
      );
};

async function parameterValue(
  rds: RDSClient,
  group: string,
  name: string,
): Promise<string | undefined> {
  let marker: string | undefined;
  do {
    const page = await rds.send(
      new DescribeDBClusterParametersCommand({
        DBClusterParameterGroupName: group,
        Marker: marker,
      }),
    );
    const found = page.Parameters?.find((p) => p.ParameterName === name);
    if (found) return found.ParameterValue;
    marker = page.Marker;
  } while (marker);
  return undefined;
}

const buckets: Check = async ({ outputs, clients }) => {
  const names = Object.entries(outputs)
    .filter(([key, value]) => key.endsWith('_bucket_name') && typeof value === 'string')
    .map(([, value]) => value as string);
  if (names.length === 0) return fail('no *_bucket_name output');
  const problems: string[] = [];
  for (const bucket of names) {
    const { PublicAccessBlockConfiguration: block } = await clients.s3.send(
      new GetPublicAccessBlockCommand({ Bucket: bucket }),
    );
    const flags = [
      'BlockPublicAcls',
      'IgnorePublicAcls',
      'BlockPublicPolicy',
      'RestrictPublicBuckets',
    ] as const;
    const off = flags.filter((f) => block?.[f] !== true);
    if (off.length > 0) problems.push(`${bucket}: ${off.join(', ')} off`);
    const { ServerSideEncryptionConfiguration: sse } = await clients.s3.send(
      new GetBucketEncryptionCommand({ Bucket: bucket }),
    );
    const algorithm = sse?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
    if (!algorithm) problems.push(`${bucket}: no default encryption`);
  }
  return problems.length > 0
    ? fail(problems.join('; '))
    : pass(`${names.length} buckets private and encrypted`);
};

const alarmSubscription: Check = async ({ outputs, expect, clients }) => {
  const { Subscriptions = [] } = await clients.sns.send(
    new ListSubscriptionsByTopicCommand({ TopicArn: output(outputs, 'alarm_topic_arn') }),
  );
  const confirmed = Subscriptions.filter(
    (s) => s.SubscriptionArn && s.SubscriptionArn !== 'PendingConfirmation',
  );
  if (confirmed.length > 0)
    return pass(
      `${confirmed.length} confirmed: ${confirmed.map((s) => `${s.Protocol}:${s.Endpoint}`).join(', ')}`,
    );
  const pending = Subscriptions.length - confirmed.length;
  const detail = `no confirmed subscription${pending > 0 ? ` (${pending} pending confirmation)` : ''}: alarms reach nobody`;
  return expect.prod ? fail(detail) : { status: 'warn', detail: `${detail} (required in prod)` };
};

const flowLogs: Check = async ({ outputs, clients }) => {
  const vpc = output(outputs, 'vpc_id');
  const { FlowLogs = [] } = await clients.ec2.send(
    new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpc] }] }),
  );
  const active = FlowLogs.filter((f) => f.FlowLogStatus === 'ACTIVE' && f.TrafficType === 'ALL');
  if (active.length === 0) return fail(`no active flow log of ALL traffic on ${vpc}`);
  const failing = active.filter((f) => f.DeliverLogsStatus && f.DeliverLogsStatus !== 'SUCCESS');
  return failing.length > 0
    ? fail(`flow log delivery ${failing.map((f) => f.DeliverLogsStatus).join(', ')}`)
    : pass(`${active.map((f) => f.FlowLogId).join(', ')} active`);
};

export const CHECKS: ReadonlyArray<readonly [string, Check]> = [
  ['HTTP redirects to HTTPS', httpRedirects],
  ['HTTPS /health answers 200', httpsHealth],
  ['TLS 1.2+ only', tlsVersions],
  ['TLS policy', tlsPolicy],
  ['WAF web ACL associated', wafAssociated],
  ['Healthy targets across AZs', healthyTargets],
  ['Database encrypted, private, TLS, backups', database],
  ['Buckets block public access, encrypted', buckets],
  ['Alarm topic has a confirmed subscription', alarmSubscription],
  ['VPC flow logs active', flowLogs],
];

/** Runs every check; an exception (AWS error, timeout) is that check's failure, not the run's. */
/**
 * Runs every check; `skip` names checks that cannot run where this is (check -> reason), as
 * against the local emulator, which has no load balancer to connect to: they are reported as
 * skipped with the reason, never passed.
 */
export async function runChecks(
  ctx: CheckContext,
  skip: Readonly<Record<string, string>> = {},
): Promise<CheckResult[]> {
  return Promise.all(
    CHECKS.map(async ([check, run]) => {
      const reason = skip[check];
      if (reason !== undefined) return { check, status: 'skipped' as const, detail: reason };
      try {
        return { check, ...(await run(ctx)) };
      } catch (error) {
        const e = error as Error;
        return {
          check,
          status: 'fail' as const,
          detail: `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`,
        };
      }
    }),
  );
}

export function renderResults(stack: string, results: readonly CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.check.length));
  const label = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skipped: 'SKIPPED' } as const;
  const lines = results.map((r) => `  ${label[r.status]}  ${r.check.padEnd(width)}  ${r.detail}`);
  const failed = results.filter((r) => r.status === 'fail').length;
  const warned = results.filter((r) => r.status === 'warn').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  const ran = results.length - skipped;
  const notRun = skipped > 0 ? `; ${skipped} skipped (not checked here)` : '';
  const verdict =
    failed > 0
      ? `FAIL: ${failed} of ${ran} checks failed${notRun}`
      : `PASS: ${ran - warned} of ${ran} checks passed${warned ? `, ${warned} reported` : ''}${notRun}`;
  return `Verify ${stack}\n${lines.join('\n')}\n${verdict}\n`;
}
