import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeListenersCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import {
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import {
  GetBucketEncryptionCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/deploy/stacks';
import { awsClients, verify } from '../../src/verify/verify';
import type { TerraformJson } from '../helpers/synth';
import { synthesize } from '../helpers/synth';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const wafv2 = mockClient(WAFV2Client);
const rds = mockClient(RDSClient);
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const ec2 = mockClient(EC2Client);

const ALB_ARN =
  'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/payment-alb-dev/0123456789abcdef';
const WEB_ACL_ARN = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/payment-waf-dev/0e5e4a57';
const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:payment-alarms-dev';
const POLICY = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';

interface Site {
  readonly http: http.Server;
  readonly https: https.Server;
}

let dev: TerraformJson;
let scratch: string;
let good: Site;
let bad: Site;

/** An ALB stand-in: port 80 redirects (or not), 443 serves /health (or fails) at TLS 1.2+ (or any). */
async function site(cert: { key: Buffer; cert: Buffer }, healthy: boolean): Promise<Site> {
  const plain = http.createServer((req, res) => {
    if (healthy) res.writeHead(301, { location: `https://${req.headers.host}${req.url}` });
    else res.writeHead(200);
    res.end();
  });
  const secure = https.createServer(
    {
      ...cert,
      ...(healthy
        ? { minVersion: 'TLSv1.2' }
        : { minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }),
    },
    (req, res) => {
      res.writeHead(healthy && req.url === '/health' ? 200 : 503);
      res.end();
    },
  );
  await Promise.all(
    [plain, secure].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))),
  );
  return { http: plain, https: secure };
}

function port(server: http.Server | https.Server): number {
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  dev = synthesize({ ENVIRONMENT: 'dev', AWS_REGION: 'eu-west-1' }).json;
  scratch = mkdtempSync(join(tmpdir(), 'payment-verify-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(scratch, 'key.pem'),
      '-out',
      join(scratch, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
    ],
    { stdio: 'ignore' },
  );
  const cert = {
    key: readFileSync(join(scratch, 'key.pem')),
    cert: readFileSync(join(scratch, 'cert.pem')),
  };
  [good, bad] = await Promise.all([site(cert, true), site(cert, false)]);
}, 60_000);

afterAll(() => {
  for (const s of [good, bad]) for (const server of [s.http, s.https]) server.close();
  rmSync(scratch, { recursive: true, force: true });
  for (const m of [elbv2, wafv2, rds, s3, sns, ec2]) m.restore();
});

/** A healthy environment, as AWS would describe it. */
beforeEach(() => {
  for (const m of [elbv2, wafv2, rds, s3, sns, ec2]) m.reset();
  elbv2.on(DescribeListenersCommand).resolves({
    Listeners: [
      { Protocol: 'HTTP', Port: 80 },
      { Protocol: 'HTTPS', Port: 443, SslPolicy: POLICY },
    ],
  });
  elbv2.on(DescribeTargetHealthCommand).resolves({
    TargetHealthDescriptions: [
      { Target: { Id: 'i-0aaa' }, TargetHealth: { State: 'healthy' } },
      { Target: { Id: 'i-0bbb' }, TargetHealth: { State: 'healthy' } },
    ],
  });
  ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [
      {
        Instances: [
          { InstanceId: 'i-0aaa', Placement: { AvailabilityZone: 'eu-west-1a' } },
          { InstanceId: 'i-0bbb', Placement: { AvailabilityZone: 'eu-west-1b' } },
        ],
      },
    ],
  });
  ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
  ec2.on(DescribeFlowLogsCommand).resolves({
    FlowLogs: [
      {
        FlowLogId: 'fl-0123',
        FlowLogStatus: 'ACTIVE',
        TrafficType: 'ALL',
        DeliverLogsStatus: 'SUCCESS',
      },
    ],
  });
  wafv2.on(GetWebACLForResourceCommand).resolves({
    WebACL: {
      ARN: WEB_ACL_ARN,
      Name: 'payment-waf-dev',
      Id: 'x',
      DefaultAction: {},
      VisibilityConfig: undefined,
    },
  });
  rds.on(DescribeDBClustersCommand).resolves({
    DBClusters: [
      {
        DBClusterIdentifier: 'payment-aurora-dev',
        Engine: 'aurora-mysql',
        StorageEncrypted: true,
        BackupRetentionPeriod: 35,
        LatestRestorableTime: new Date(),
        DBClusterParameterGroup: 'payment-aurora-dev-cluster',
      },
    ],
  });
  rds.on(DescribeDBInstancesCommand).resolves({
    DBInstances: [
      { DBInstanceIdentifier: 'w', PubliclyAccessible: false },
      { DBInstanceIdentifier: 'r', PubliclyAccessible: false },
    ],
  });
  rds
    .on(DescribeDBClusterParametersCommand)
    .resolvesOnce({
      Parameters: [{ ParameterName: 'autocommit', ParameterValue: '1' }],
      Marker: 'page2',
    })
    .resolves({
      Parameters: [{ ParameterName: 'require_secure_transport', ParameterValue: 'ON' }],
    });
  s3.on(GetPublicAccessBlockCommand).resolves({
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    },
  });
  s3.on(GetBucketEncryptionCommand).resolves({
    ServerSideEncryptionConfiguration: {
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
    },
  });
  sns.on(ListSubscriptionsByTopicCommand).resolves({
    Subscriptions: [
      { SubscriptionArn: `${TOPIC_ARN}:1`, Protocol: 'email', Endpoint: 'oncall@example.com' },
    ],
  });
});

/** A project folder with the stack synthesized and the outputs a deploy of it wrote. */
function deployed(
  json: TerraformJson,
  target: Site = good,
  stackOfRecord = 'payment-dev',
  { outdir = 'cdktf.out', stackOfOutputs = 'payment-dev' as string | null } = {},
): string {
  const root = mkdtempSync(join(scratch, 'project-'));
  const dir = join(root, outdir, 'stacks', 'payment-dev');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json));
  writeFileSync(
    join(root, outdir, 'manifest.json'),
    JSON.stringify({
      stacks: {
        'payment-dev': {
          name: 'payment-dev',
          synthesizedStackPath: 'stacks/payment-dev/cdk.tf.json',
          workingDirectory: 'stacks/payment-dev',
        },
      },
    }),
  );
  mkdirSync(join(root, 'cfn-outputs'));
  writeFileSync(
    join(root, 'cfn-outputs', 'flat-outputs.json'),
    JSON.stringify({
      ...(stackOfOutputs ? { '@stack': stackOfOutputs } : {}),
      alb_arn: ALB_ARN,
      alb_dns_name: `127.0.0.1:${port(target.http)}`,
      app_url: `https://127.0.0.1:${port(target.https)}`,
      web_acl_arn: WEB_ACL_ARN,
      target_group_arn:
        'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/payment-t1a-dev/0123',
      rds_cluster_identifier: 'payment-aurora-dev',
      access_logs_bucket_name: 'payment-access-logs-dev',
      flow_logs_bucket_name: 'payment-flow-logs-dev',
      alarm_topic_arn: TOPIC_ARN,
      vpc_id: 'vpc-0123',
    }),
  );
  writeFileSync(
    join(root, 'cfn-outputs', 'flat-outputs.meta.json'),
    JSON.stringify({
      stack: stackOfRecord,
      synthSha256: contentHash(join(dir, 'cdk.tf.json')),
      writtenAt: '2026-12-01T12:00:00.000Z',
    }),
  );
  return root;
}

async function run(
  root: string,
  env: Record<string, string> = {},
): Promise<{ ok: boolean; table: string }> {
  const out: string[] = [];
  const ok = await verify('dev', {
    projectRoot: root,
    env,
    stdout: (t) => out.push(t),
    clients: awsClients,
  });
  return { ok, table: out.join('') };
}

function line(table: string, check: string): string {
  return table.split('\n').find((l) => l.includes(check)) ?? '';
}

describe('npm run verify', () => {
  it('passes a healthy environment and prints a pass/fail table', async () => {
    const { ok, table } = await run(deployed(dev));
    expect(table).toMatch(/PASS: 10 of 10 checks passed/);
    expect(line(table, 'HTTP redirects')).toMatch(/PASS .* -> 301 https:\/\//);
    expect(line(table, 'TLS 1.2+ only')).toContain('TLS 1.0 and 1.1 refused, TLS 1.2 accepted');
    expect(line(table, 'Healthy targets')).toContain(
      '2 healthy in 2 AZ(s): eu-west-1a, eu-west-1b',
    );
    expect(line(table, 'Database')).toContain('require_secure_transport=ON');
    expect(ok).toBe(true);
  });

  it('fails on a load balancer that serves HTTP, accepts old TLS and is unhealthy', async () => {
    const { ok, table } = await run(deployed(dev, bad));
    expect(line(table, 'HTTP redirects')).toMatch(/FAIL .* answered 200/);
    expect(line(table, 'HTTPS /health')).toMatch(/FAIL .* answered 503/);
    expect(line(table, 'TLS 1.2+ only')).toMatch(
      /FAIL +TLS 1\.2\+ only +the listener accepts TLS 1\.0 and TLS 1\.1/,
    );
    expect(table).toMatch(/FAIL: 3 of 10 checks failed/);
    expect(ok).toBe(false);
  });

  it('fails without the WAF, with an off-list TLS policy, or with the wrong configured one', async () => {
    wafv2.on(GetWebACLForResourceCommand).resolves({});
    elbv2
      .on(DescribeListenersCommand)
      .resolves({ Listeners: [{ Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-2016-08' }] });
    const { ok, table } = await run(deployed(dev));
    expect(line(table, 'WAF')).toMatch(/FAIL .*no web ACL is associated/);
    expect(line(table, 'TLS policy')).toMatch(
      /FAIL .*ELBSecurityPolicy-2016-08 is not on the TLS policy allow-list/,
    );
    expect(ok).toBe(false);
    elbv2.on(DescribeListenersCommand).resolves({
      Listeners: [{ Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' }],
    });
    expect(line((await run(deployed(dev))).table, 'TLS policy')).toMatch(
      /differs from the configured ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09/,
    );
  });

  it('needs healthy targets in two AZs only where the profile runs two or more', async () => {
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            { InstanceId: 'i-0aaa', Placement: { AvailabilityZone: 'eu-west-1a' } },
            { InstanceId: 'i-0bbb', Placement: { AvailabilityZone: 'eu-west-1a' } },
          ],
        },
      ],
    });
    expect(line((await run(deployed(dev))).table, 'Healthy targets')).toMatch(/PASS .*in 1 AZ/);
    const twoApps = structuredClone(dev);
    for (const asg of Object.values(twoApps.resource.aws_autoscaling_group ?? {}))
      asg.desired_capacity = 2;
    expect(line((await run(deployed(twoApps))).table, 'Healthy targets')).toMatch(
      /FAIL .*the profile runs 2, so at least 2 AZs/,
    );
    elbv2.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: 'i-0aaa' }, TargetHealth: { State: 'unhealthy' } },
      ],
    });
    expect(line((await run(deployed(dev))).table, 'Healthy targets')).toMatch(
      /FAIL .*no healthy target \(of 1\)/,
    );
  });

  it('fails a database that is unencrypted, public, accepts clear text or has no backups', async () => {
    rds.on(DescribeDBClustersCommand).resolves({
      DBClusters: [
        {
          Engine: 'aurora-mysql',
          StorageEncrypted: false,
          BackupRetentionPeriod: 0,
          DBClusterParameterGroup: 'g',
        },
      ],
    });
    rds
      .on(DescribeDBInstancesCommand)
      .resolves({ DBInstances: [{ DBInstanceIdentifier: 'w', PubliclyAccessible: true }] });
    rds.on(DescribeDBClusterParametersCommand).resolves({
      Parameters: [{ ParameterName: 'require_secure_transport', ParameterValue: 'OFF' }],
    });
    const row = line((await run(deployed(dev))).table, 'Database');
    for (const text of [
      'storage not encrypted',
      'no automated backups',
      'publicly accessible: w',
      'require_secure_transport is OFF, not ON',
    ]) {
      expect(row).toContain(text);
    }
  });

  it('fails a bucket without a public access flag or encryption, and a VPC without flow logs', async () => {
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'payment-flow-logs-dev' }).resolves({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: true,
      },
    });
    s3.on(GetBucketEncryptionCommand, { Bucket: 'payment-access-logs-dev' }).resolves({});
    ec2.on(DescribeFlowLogsCommand).resolves({
      FlowLogs: [{ FlowLogId: 'fl-1', FlowLogStatus: 'ACTIVE', TrafficType: 'REJECT' }],
    });
    const { table } = await run(deployed(dev));
    const buckets = line(table, 'Buckets');
    expect(buckets).toMatch(/^ {2}FAIL/);
    expect(buckets).toContain('payment-flow-logs-dev: BlockPublicPolicy off');
    expect(buckets).toContain('payment-access-logs-dev: no default encryption');
    expect(line(table, 'flow logs')).toMatch(
      /FAIL .*no active flow log of ALL traffic on vpc-0123/,
    );
  });

  it('reports an unconfirmed alarm subscription in dev and fails it in prod', async () => {
    sns
      .on(ListSubscriptionsByTopicCommand)
      .resolves({ Subscriptions: [{ SubscriptionArn: 'PendingConfirmation' }] });
    const inDev = await run(deployed(dev));
    expect(line(inDev.table, 'Alarm topic')).toMatch(
      /WARN .*1 pending confirmation.*required in prod/,
    );
    expect(inDev.ok).toBe(true);
    const asProd = structuredClone(dev);
    (
      asProd.provider.aws![0]!.default_tags as Array<{ tags: Record<string, string> }>
    )[0]!.tags.Profile = 'prod';
    const inProd = await run(deployed(asProd));
    expect(line(inProd.table, 'Alarm topic')).toMatch(/FAIL .*alarms reach nobody/);
    expect(inProd.ok).toBe(false);
  });

  it('refuses a missing, foreign or stale outputs file, saying how to produce it', async () => {
    const root = deployed(dev);
    writeFileSync(
      join(root, 'cdktf.out', 'stacks', 'payment-dev', 'cdk.tf.json'),
      JSON.stringify({ ...dev, output: {} }),
    );
    await expect(run(root)).rejects.toThrow(
      /flat-outputs\.json is stale: .*run `npm run plan -- --env dev` and `npm run deploy -- --env dev`/,
    );
    await expect(run(deployed(dev, good, 'payment-staging'))).rejects.toThrow(
      /holds the outputs of payment-staging, not payment-dev/,
    );
    const empty = deployed(dev);
    rmSync(join(empty, 'cfn-outputs'), { recursive: true });
    await expect(run(empty)).rejects.toThrow(
      /cfn-outputs\/flat-outputs\.json does not exist: run `npm run plan/,
    );
  });

  it('reads the output folder the other commands use (CDKTF_OUTDIR)', async () => {
    const root = deployed(dev, good, 'payment-dev', { outdir: 'elsewhere' });
    expect((await run(root, { CDKTF_OUTDIR: 'elsewhere' })).ok).toBe(true);
    await expect(run(root)).rejects.toThrow(/cdktf\.out\/manifest\.json does not exist/);
  });

  it("never reads one environment's outputs as another's, even under a matching record", async () => {
    // `npm run outputs` rewrote the file with prod's outputs; the record beside it is dev's.
    const prodOutputs = deployed(dev, good, 'payment-dev', { stackOfOutputs: 'payment-prod' });
    await expect(run(prodOutputs)).rejects.toThrow(
      /flat-outputs\.json holds the outputs of payment-prod, not payment-dev/,
    );
    // Written without saying whose they are: refused, with how to write them properly.
    const anonymous = deployed(dev, good, 'payment-dev', { stackOfOutputs: null });
    await expect(run(anonymous)).rejects.toThrow(
      /does not say which stack it belongs to .*npm run --silent outputs -- --stack payment-dev/,
    );
    expect(elbv2.calls()).toHaveLength(0);
  });
});
