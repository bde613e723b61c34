/**
 * The ids of what the emulator holds, by the resource types `inventory.ts` judges: asked the
 * way an operator would ask AWS (the SDK clients `verify` uses; KMS through the emulator's
 * JSON protocol, a key scheduled for deletion counting as gone).
 */
import {
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { ListWebACLsCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import type { Emulator } from './emulator';

export async function presentIds(emulator: Emulator, region: string): Promise<Set<string>> {
  const config = { region };
  const ec2 = new EC2Client(config);
  const elb = new ElasticLoadBalancingV2Client(config);
  const rds = new RDSClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const sns = new SNSClient(config);
  const waf = new WAFV2Client(config);
  try {
    const ids: Array<string | undefined> = [];
    ids.push(...((await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).map((v) => v.VpcId));
    ids.push(
      ...((await ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? []).map((s) => s.SubnetId),
    );
    ids.push(
      ...((await ec2.send(new DescribeNatGatewaysCommand({}))).NatGateways ?? [])
        .filter((n) => n.State !== 'deleted')
        .map((n) => n.NatGatewayId),
    );
    ids.push(
      ...((await ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways ?? []).map(
        (g) => g.InternetGatewayId,
      ),
    );
    ids.push(
      ...((await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? []).map(
        (g) => g.GroupId,
      ),
    );
    ids.push(
      ...((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []).map(
        (l) => l.LoadBalancerArn,
      ),
    );
    ids.push(
      ...((await rds.send(new DescribeDBClustersCommand({}))).DBClusters ?? []).map(
        (c) => c.DBClusterIdentifier,
      ),
    );
    ids.push(...((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name));
    ids.push(...((await sns.send(new ListTopicsCommand({}))).Topics ?? []).map((t) => t.TopicArn));
    ids.push(
      ...((await waf.send(new ListWebACLsCommand({ Scope: 'REGIONAL' }))).WebACLs ?? []).map(
        (w) => w.Id,
      ),
    );
    const keys = JSON.parse(
      (await emulator.call(region, 'kms', 'TrentService.ListKeys', {})).text,
    ) as {
      Keys?: Array<{ KeyId?: string }>;
    };
    for (const key of keys.Keys ?? []) {
      const described = JSON.parse(
        (await emulator.call(region, 'kms', 'TrentService.DescribeKey', { KeyId: key.KeyId })).text,
      ) as { KeyMetadata?: { KeyState?: string } };
      if (described.KeyMetadata?.KeyState !== 'PendingDeletion') ids.push(key.KeyId);
    }
    return new Set(ids.filter((id): id is string => typeof id === 'string'));
  } finally {
    for (const client of [ec2, elb, rds, s3, sns, waf]) client.destroy();
  }
}
