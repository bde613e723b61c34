import { describe, expect, it } from 'vitest';
import type { Block, Synthesized } from '../../helpers/synth';
import {
  defaultStack,
  blocksOf,
  policyOf,
  refOf,
  resourceAt,
  resourcesOf,
  synthesize,
} from '../../helpers/synth';
import { FLOW_LOG_FIELDS } from '../../../src/constructs/network/vpc-flow-log';
import { defaultNetworkAclRules } from '../../../src/constructs/network/network';
import { buildGraph } from '../../../src/tfjson/graph';
import { topologyOf } from '../../../src/analysis/topology';
import {
  naclAllows,
  networkAclEntries,
  REMOTE_ADMIN_PORTS,
  securityGroupRules,
} from '../../../src/tfjson/aws';

const dev = defaultStack('dev');
const staging = defaultStack('staging');
const prod = defaultStack('prod');

const ref = (s: Synthesized, type: string, block: Block, attr = 'id') =>
  `\${${refOf(s.json, type, block)}.${attr}}`;
const subnetsOf = (s: Synthesized, tier: string) =>
  blocksOf(s.json, 'aws_subnet').filter((b) => (b.tags as Record<string, string>).Tier === tier);

function routeTableOf(s: Synthesized, subnet: Block): Block {
  const association = blocksOf(s.json, 'aws_route_table_association').find(
    (a) => a.subnet_id === ref(s, 'aws_subnet', subnet),
  );
  const table = resourcesOf(s.json, 'aws_route_table').find(
    ([name]) => association?.route_table_id === `\${aws_route_table.${name}.id}`,
  );
  if (!table) throw new Error('subnet has no route table');
  return table[1];
}

function routesOf(s: Synthesized, table: Block): Block[] {
  return blocksOf(s.json, 'aws_route').filter(
    (r) => r.route_table_id === ref(s, 'aws_route_table', table),
  );
}

describe('VPC and subnets', () => {
  it('enables DNS support and hostnames on the configured CIDR', () => {
    expect(resourceAt(dev.json, 'aws_vpc', 'Network/Vpc')).toMatchObject({
      cidr_block: '10.0.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
    });
  });

  it('creates each tier in every AZ with the planned CIDRs and no public IPs on launch', () => {
    for (const tier of ['public', 'private', 'data'] as const) {
      const subnets = subnetsOf(dev, tier);
      expect(subnets.map((s) => s.cidr_block)).toEqual(dev.config.network.subnets[tier]);
      for (const subnet of subnets) expect(subnet.map_public_ip_on_launch).toBe(false);
    }
  });

  it('indexes AZs from the data source (never element(), which wraps) and checks there are enough', () => {
    const azs = subnetsOf(dev, 'private').map((s) => s.availability_zone as string);
    // `names.N` is Terraform's index syntax: out of range is a plan error, unlike element().
    azs.forEach((az, i) =>
      expect(az).toMatch(
        new RegExp(`^\\$\\{data\\.aws_availability_zones\\.\\w+\\.names(\\.${i}|\\[${i}\\])\\}$`),
      ),
    );
    const zones = Object.values(dev.json.data!.aws_availability_zones!)[0]!;
    expect(zones).toMatchObject({
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    const vpc = resourceAt(dev.json, 'aws_vpc', 'Network/Vpc');
    const [precondition] = (vpc.lifecycle as { precondition: Block[] }).precondition;
    expect(precondition!.condition).toMatch(
      /length\(data\.aws_availability_zones\.\w+\.names\) >= 3/,
    );
  });

  it('follows azCount and the VPC CIDR from configuration', () => {
    const custom = synthesize({}, { vpcCidr: '172.20.0.0/20', azCount: 2 });
    expect(subnetsOf(custom, 'data').map((s) => s.cidr_block)).toEqual(
      custom.config.network.subnets.data,
    );
    expect(subnetsOf(custom, 'public')).toHaveLength(2);
  });
});

describe('AZs pinned by ID', () => {
  const ids = ['euw1-az2', 'euw1-az3', 'euw1-az1'];
  const pinned = synthesize({}, { region: 'eu-west-1', availabilityZoneIds: ids });

  it("sets availability_zone_id (never the position in the Region's list) on every subnet", () => {
    for (const tier of ['public', 'private', 'data'] as const) {
      const subnets = subnetsOf(pinned, tier);
      expect(subnets.map((s) => s.availability_zone_id)).toEqual(ids);
      for (const subnet of subnets) expect(subnet).not.toHaveProperty('availability_zone');
    }
  });

  it("places the database's instances in the AZ of each data subnet", () => {
    const data = subnetsOf(pinned, 'data');
    const instances = blocksOf(pinned.json, 'aws_rds_cluster_instance');
    expect(instances.length).toBeGreaterThan(0);
    for (const instance of instances) {
      // Instance n (identifier ...-aurora-n) is in AZ n-1, wrapping around.
      const n = Number(/aurora-(\d+)/.exec(String(instance.identifier))![1]);
      expect(instance.availability_zone).toBe(
        ref(pinned, 'aws_subnet', data[(n - 1) % data.length]!, 'availability_zone'),
      );
    }
  });

  it('checks at plan time that every pinned ID is an AZ of the Region, whatever its state', () => {
    const zones = Object.values(pinned.json.data!.aws_availability_zones!)[0]!;
    expect(zones).not.toHaveProperty('state');
    const vpc = resourceAt(pinned.json, 'aws_vpc', 'Network/Vpc');
    const [precondition] = (vpc.lifecycle as { precondition: Block[] }).precondition;
    expect(precondition!.condition).toMatch(
      /length\(setsubtract\(\["euw1-az2", "euw1-az3", "euw1-az1"\], data\.aws_availability_zones\.\w+\.zone_ids\)\) == 0/,
    );
    expect(precondition!.error_message).toContain('availabilityZoneIds');
  });

  it('uses only the first azCount IDs (the rest are for growth)', () => {
    const two = synthesize({}, { region: 'eu-west-1', azCount: 2, availabilityZoneIds: ids });
    expect(subnetsOf(two, 'private').map((s) => s.availability_zone_id)).toEqual(ids.slice(0, 2));
  });

  it('labels the zones by ID in the topology the analyses read', () => {
    const topology = topologyOf(buildGraph(pinned.json, 'pinned.tf.json'));
    expect(topology.azs).toEqual(['euw1-az1', 'euw1-az2', 'euw1-az3']);
    for (const database of topology.databases)
      for (const instance of database.instances) expect(ids).toContain(instance.az);
  });
});

describe('routing', () => {
  it('routes public subnets to the internet gateway only', () => {
    for (const subnet of subnetsOf(dev, 'public')) {
      const routes = routesOf(dev, routeTableOf(dev, subnet));
      expect(routes).toHaveLength(1);
      expect(routes[0]).toMatchObject({ destination_cidr_block: '0.0.0.0/0' });
      expect(routes[0]!.gateway_id).toMatch(/^\$\{aws_internet_gateway\./);
    }
  });

  it('routes private subnets through NAT: one gateway in dev and staging, one per AZ in prod', () => {
    expect(blocksOf(dev.json, 'aws_nat_gateway')).toHaveLength(1);
    expect(blocksOf(staging.json, 'aws_nat_gateway')).toHaveLength(1);
    expect(blocksOf(prod.json, 'aws_nat_gateway')).toHaveLength(3);
    for (const s of [dev, prod]) {
      const nats = new Set<unknown>();
      for (const subnet of subnetsOf(s, 'private')) {
        const routes = routesOf(s, routeTableOf(s, subnet));
        expect(routes).toHaveLength(1);
        expect(routes[0]!.nat_gateway_id).toMatch(/^\$\{aws_nat_gateway\./);
        nats.add(routes[0]!.nat_gateway_id);
      }
      expect(nats.size).toBe(s === prod ? 3 : 1);
    }
    // Each NAT gateway sits in a public subnet with its own Elastic IP.
    const publicRefs = subnetsOf(prod, 'public').map((b) => ref(prod, 'aws_subnet', b));
    for (const nat of blocksOf(prod.json, 'aws_nat_gateway'))
      expect(publicRefs).toContain(nat.subnet_id);
    expect(blocksOf(prod.json, 'aws_eip')).toHaveLength(3);
  });

  it('gives data subnets no route to the internet at all', () => {
    for (const s of [dev, prod]) {
      for (const subnet of subnetsOf(s, 'data')) {
        expect(routesOf(s, routeTableOf(s, subnet))).toEqual([]);
      }
    }
  });

  it('reaches S3 through a gateway endpoint on the private and data route tables', () => {
    const endpoint = resourceAt(prod.json, 'aws_vpc_endpoint', 'Network/S3GatewayEndpoint');
    expect(endpoint).toMatchObject({
      service_name: 'com.amazonaws.us-east-1.s3',
      vpc_endpoint_type: 'Gateway',
    });
    const tables = [...subnetsOf(prod, 'private'), ...subnetsOf(prod, 'data')].map((s) =>
      ref(prod, 'aws_route_table', routeTableOf(prod, s)),
    );
    expect([...(endpoint.route_table_ids as string[])].sort()).toEqual([...new Set(tables)].sort());
  });

  it('admits only buckets of this account and, read-only, the AWS buckets of ECR and AL2023', () => {
    const endpoint = resourceAt(prod.json, 'aws_vpc_endpoint', 'Network/S3GatewayEndpoint');
    const statements = policyOf(endpoint).Statement;
    const account = statements.find((s) => s.Sid === 'ThisAccountsBuckets')!;
    expect(account).toMatchObject({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    expect(account.Condition).toEqual({
      StringEquals: {
        'aws:ResourceAccount': expect.stringMatching(
          /^\$\{data\.aws_caller_identity\..+\.account_id\}$/,
        ),
      },
    });
    const aws = statements.find((s) => s.Sid === 'AwsOwnedBucketsReadOnly')!;
    expect(aws).toMatchObject({ Effect: 'Allow', Action: 's3:GetObject' });
    expect(aws.Resource).toEqual([
      expect.stringMatching(/:s3:::prod-us-east-1-starport-layer-bucket\/\*$/),
      expect.stringMatching(/:s3:::al2023-repos-us-east-1-de612dc2\/\*$/),
    ]);
    expect(statements).toHaveLength(2);
  });
});

describe('default security group', () => {
  it('is adopted and keeps no rules', () => {
    const [group] = blocksOf(dev.json, 'aws_default_security_group');
    expect(group!.vpc_id).toMatch(/^\$\{aws_vpc\./);
    expect(group!.ingress).toBeUndefined();
    expect(group!.egress).toBeUndefined();
  });
});

describe('interface endpoints', () => {
  const services = (s: Synthesized) =>
    blocksOf(s.json, 'aws_vpc_endpoint')
      .filter((e) => e.vpc_endpoint_type === 'Interface')
      .map((e) => (e.service_name as string).replace('com.amazonaws.us-east-1.', ''))
      .sort();

  it('follows the profile: none in dev, the core set in staging, the full set in prod', () => {
    expect(services(dev)).toEqual([]);
    expect(services(staging)).toEqual(
      ['ec2messages', 'kms', 'logs', 'secretsmanager', 'ssm', 'ssmmessages', 'sts'].sort(),
    );
    expect(services(prod)).toEqual(
      [
        'ec2messages',
        'ecr.api',
        'ecr.dkr',
        'kms',
        'logs',
        'monitoring',
        'secretsmanager',
        'sns',
        'ssm',
        'ssmmessages',
        'sts',
      ].sort(),
    );
  });

  it('uses private DNS in the private subnets, behind a group that accepts HTTPS from the VPC only', () => {
    const endpoints = blocksOf(staging.json, 'aws_vpc_endpoint').filter(
      (e) => e.vpc_endpoint_type === 'Interface',
    );
    const group = resourceAt(staging.json, 'aws_security_group', 'Endpoints/SecurityGroup');
    for (const e of endpoints) {
      expect(e.private_dns_enabled).toBe(true);
      expect(e.security_group_ids).toEqual([ref(staging, 'aws_security_group', group)]);
      expect((e.subnet_ids as string[]).length).toBe(3);
    }
    const rules = blocksOf(staging.json, 'aws_vpc_security_group_ingress_rule').filter(
      (r) => r.security_group_id === ref(staging, 'aws_security_group', group),
    );
    expect(rules).toEqual([
      expect.objectContaining({
        from_port: 443,
        to_port: 443,
        ip_protocol: 'tcp',
        cidr_ipv4: expect.stringMatching(/aws_vpc\..*\.cidr_block/),
      }),
    ]);
    const egress = blocksOf(staging.json, 'aws_vpc_security_group_egress_rule').filter(
      (r) => r.security_group_id === ref(staging, 'aws_security_group', group),
    );
    expect(egress).toEqual([]);
  });

  it('can be set in configuration', () => {
    expect(services(synthesize({}, { interfaceEndpoints: ['ssm', 'logs'] }))).toEqual([
      'logs',
      'ssm',
    ]);
  });
});

describe('flow logs', () => {
  const [flowLog] = blocksOf(dev.json, 'aws_flow_log');
  const bucket = resourceAt(dev.json, 'aws_s3_bucket', 'FlowLogs/Bucket');

  it('records all traffic of the VPC every 60 seconds into the flow-log bucket', () => {
    expect(flowLog).toMatchObject({
      traffic_type: 'ALL',
      log_destination_type: 's3',
      max_aggregation_interval: 60,
      vpc_id: ref(dev, 'aws_vpc', resourceAt(dev.json, 'aws_vpc', 'Network/Vpc')),
      log_destination: `${ref(dev, 'aws_s3_bucket', bucket, 'arn')}/vpc-flow-logs/`,
    });
  });

  it('writes an explicit extended log format with every field escaped for Terraform', () => {
    const format = flowLog!.log_format as string;
    expect(format.split(' ')).toEqual(FLOW_LOG_FIELDS.map((f) => `$\${${f}}`));
    expect(format).toContain('$${vpc-id}');
    expect(format).toContain('$${flow-direction}');
    // No unescaped interpolation: Terraform would read it as a reference.
    expect(format.replace(/\$\$\{/g, '')).not.toContain('${');
  });

  it('lets delivery.logs.amazonaws.com write and check the bucket for this account only', () => {
    const statements = policyOf(
      resourceAt(dev.json, 'aws_s3_bucket_policy', 'FlowLogs/Policy'),
    ).Statement;
    const write = statements.find((s) => s.Sid === 'FlowLogsLogDeliveryWrite')!;
    expect(write.Principal).toEqual({ Service: 'delivery.logs.amazonaws.com' });
    expect(write.Resource).toMatch(
      /\/vpc-flow-logs\/AWSLogs\/\$\{data\.aws_caller_identity\..*\}\/\*$/,
    );
    expect(write.Condition!.StringEquals).toHaveProperty('aws:SourceAccount');
    expect(write.Condition!.ArnLike).toHaveProperty('aws:SourceArn');
    const check = statements.find((s) => s.Sid === 'FlowLogsLogDeliveryAclCheck')!;
    expect(check.Action).toEqual(['s3:GetBucketAcl', 's3:ListBucket']);
    expect(check.Condition!.StringEquals).toHaveProperty('aws:SourceAccount');
  });

  it('is created only after the bucket policy that holds the log-delivery statements', () => {
    const policy = resourceAt(dev.json, 'aws_s3_bucket_policy', 'FlowLogs/Policy');
    expect(flowLog!.depends_on).toContain(refOf(dev.json, 'aws_s3_bucket_policy', policy));
  });
});

describe('default network ACL', () => {
  const fargatePg = synthesize(
    {},
    { compute: { kind: 'ecs-fargate', appPort: 9000 }, database: { engine: 'aurora-postgresql' } },
  );
  const graphOf = (s: Synthesized) => buildGraph(s.json, 'stack.json');

  it('is managed in every profile and covers every subnet of the stack', () => {
    for (const s of [dev, staging, prod]) {
      const acl = resourceAt(s.json, 'aws_default_network_acl', 'Network/DefaultNetworkAcl');
      expect(acl.default_network_acl_id).toBe(
        ref(s, 'aws_vpc', resourceAt(s.json, 'aws_vpc', 'Network/Vpc'), 'default_network_acl_id'),
      );
      const subnets = resourcesOf(s.json, 'aws_subnet').map(
        ([name]) => `\${aws_subnet.${name}.id}`,
      );
      expect([...(acl.subnet_ids as string[])].sort()).toEqual(subnets.sort());
    }
  });

  it('admits no ingress to SSH or RDP from anywhere (Security Hub EC2.21), and no entry is a deny-all replacement', () => {
    for (const s of [dev, prod, fargatePg]) {
      const entries = networkAclEntries(graphOf(s)).filter((e) => !e.egress);
      expect(entries.length).toBeGreaterThan(0);
      for (const port of REMOTE_ADMIN_PORTS) {
        expect(entries.filter((e) => naclAllows(e, port))).toEqual([]);
        expect(entries.filter((e) => naclAllows(e, port, 'udp'))).toEqual([]);
      }
    }
  });

  it('admits every port a security group of the stack accepts, so no tier is cut off', () => {
    for (const s of [dev, prod, fargatePg]) {
      const graph = graphOf(s);
      const entries = networkAclEntries(graph).filter((e) => !e.egress);
      const ports = securityGroupRules(graph)
        .filter((r) => r.direction === 'ingress' && r.fromPort !== undefined)
        .map((r) => r.fromPort!);
      expect(ports).toEqual(expect.arrayContaining([443, 80]));
      for (const port of new Set(ports)) {
        expect(
          entries.some((e) => naclAllows(e, port)),
          `port ${port}`,
        ).toBe(true);
      }
    }
    // The Fargate variant's app port and the PostgreSQL port are among them.
    const ports = securityGroupRules(graphOf(fargatePg)).map((r) => r.fromPort);
    expect(ports).toEqual(expect.arrayContaining([9000, 5432]));
  });

  it('admits the replies to the HTTPS the tiers open (ephemeral ports) and allows all egress', () => {
    const entries = networkAclEntries(graphOf(dev));
    for (const port of [1024, 3388, 3390, 32768, 65535]) {
      expect(
        entries.some((e) => !e.egress && naclAllows(e, port)),
        `port ${port}`,
      ).toBe(true);
    }
    expect(defaultNetworkAclRules().egress).toEqual([
      expect.objectContaining({ protocol: '-1', cidrBlock: '0.0.0.0/0', action: 'allow' }),
    ]);
  });
});
