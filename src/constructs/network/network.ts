import { Construct } from 'constructs';
import { Fn, Op, Token } from 'cdktn';
import { DataAwsAvailabilityZones } from '@cdktn/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktn/provider-aws/lib/default-security-group';
import { Eip } from '@cdktn/provider-aws/lib/eip';
import { InternetGateway } from '@cdktn/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktn/provider-aws/lib/nat-gateway';
import { Route } from '@cdktn/provider-aws/lib/route';
import { RouteTable } from '@cdktn/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktn/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktn/provider-aws/lib/subnet';
import { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktn/provider-aws/lib/vpc-endpoint';
import type { Naming } from '../../naming/naming';
import type { AwsEnvironment } from '../core/aws-environment';
import { PolicyDocument } from '../security/policy-document';

/**
 * AWS-owned buckets the app tier reads through the S3 gateway endpoint, per Region:
 * - ECR image layers: Amazon ECR serves layers from `prod-<region>-starport-layer-bucket`
 *   ("Minimum Amazon S3 bucket permissions for Amazon ECR",
 *   https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html);
 * - Amazon Linux 2023 package repositories: dnf on AL2023 resolves its mirror to
 *   `al2023-repos-<region>-de612dc2` (the bucket `dnf repolist -v` shows on an instance).
 */
export function awsOwnedBucketObjectArns(partition: string, region: string): string[] {
  return [
    `arn:${partition}:s3:::prod-${region}-starport-layer-bucket/*`,
    `arn:${partition}:s3:::al2023-repos-${region}-de612dc2/*`,
  ];
}

/** The three subnet tiers, one subnet of each per AZ. */
export type Tier = 'private' | 'data' | 'public';

/** Subnet CIDRs of the VPC: per tier, one per AZ, in AZ order (all inside `vpcCidr`). */
export interface SubnetPlan {
  readonly vpcCidr: string;
  /** Private app subnets (default route through a NAT gateway). */
  readonly private: readonly string[];
  /** Isolated data subnets (no route to the internet). */
  readonly data: readonly string[];
  /** Public subnets (the ALB and the NAT gateways). */
  readonly public: readonly string[];
}

/** One NAT gateway for the VPC, or one per AZ with a private route table each. */
export type NatGatewayMode = 'single' | 'per-az';

export interface NetworkProps {
  readonly naming: Naming;
  /** The deployment's account: the S3 gateway endpoint admits only its buckets (and AWS's). */
  readonly aws: AwsEnvironment;
  readonly region: string;
  /** Subnet CIDRs per tier and AZ, from configuration (`planSubnets`). */
  readonly subnets: SubnetPlan;
  /** One NAT gateway, or one per AZ with a private route table each. */
  readonly natGateways: NatGatewayMode;
}

/**
 * The VPC and its three tiers in every AZ:
 * - public: the ALB and NAT gateways only; no public IPs on launch; default route to the IGW;
 * - private: the app tier; default route through a NAT gateway;
 * - data: the database; no route to the internet at all.
 * The default security group is adopted and stripped of every rule. S3 is reached through a
 * gateway endpoint on the private and data route tables.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly availabilityZones: readonly string[];
  readonly publicSubnets: readonly Subnet[];
  readonly privateSubnets: readonly Subnet[];
  readonly dataSubnets: readonly Subnet[];
  readonly natGateways: readonly NatGateway[];
  readonly privateRouteTables: readonly RouteTable[];
  readonly dataRouteTable: RouteTable;
  readonly s3GatewayEndpoint: VpcEndpoint;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { naming, subnets } = props;
    const azCount = subnets.private.length;

    const zones = new DataAwsAvailabilityZones(this, 'Zones', {
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    // Indexing (not element(), which wraps around) so a Region with too few AZs fails the
    // plan instead of putting two subnets of a tier in one AZ; the precondition says why.
    this.availabilityZones = Array.from({ length: azCount }, (_, i) =>
      Token.asString(Fn.lookupNested(zones.names, [i])),
    );

    this.vpc = new Vpc(this, 'Vpc', {
      cidrBlock: subnets.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: naming.name('vpc') },
      lifecycle: {
        precondition: [
          {
            condition: Op.gte(Fn.lengthOf(zones.names), azCount),
            errorMessage: `The Region has fewer than ${azCount} available AZs that need no opt-in; lower azCount.`,
          },
        ],
      },
    });
    const vpcId = this.vpc.id;

    new DefaultSecurityGroup(this, 'DefaultSecurityGroup', {
      vpcId,
      // No ingress or egress blocks: Terraform removes every rule of the default group.
      tags: { Name: naming.name('default-sg-unused') },
    });

    const makeSubnets = (tier: Tier): Subnet[] =>
      subnets[tier].map(
        (cidrBlock, az) =>
          new Subnet(this, `${capitalise(tier)}Subnet${az}`, {
            vpcId,
            cidrBlock,
            availabilityZone: this.availabilityZones[az],
            mapPublicIpOnLaunch: false,
            tags: { Name: naming.name(`${tier}-${az + 1}`), Tier: tier },
          }),
      );
    this.publicSubnets = makeSubnets('public');
    this.privateSubnets = makeSubnets('private');
    this.dataSubnets = makeSubnets('data');

    const igw = new InternetGateway(this, 'InternetGateway', {
      vpcId,
      tags: { Name: naming.name('igw') },
    });
    const publicRouteTable = new RouteTable(this, 'PublicRouteTable', {
      vpcId,
      tags: { Name: naming.name('public-rt') },
    });
    new Route(this, 'PublicDefaultRoute', {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.id,
    });
    this.associate('Public', this.publicSubnets, () => publicRouteTable);

    const natCount = props.natGateways === 'per-az' ? azCount : 1;
    this.natGateways = Array.from({ length: natCount }, (_, az) => {
      const eip = new Eip(this, `NatEip${az}`, {
        domain: 'vpc',
        tags: { Name: naming.name(`nat-eip-${az + 1}`) },
        dependsOn: [igw],
      });
      return new NatGateway(this, `NatGateway${az}`, {
        allocationId: eip.allocationId,
        subnetId: this.publicSubnets[az]!.id,
        connectivityType: 'public',
        tags: { Name: naming.name(`nat-${az + 1}`) },
        dependsOn: [igw],
      });
    });

    this.privateRouteTables = this.natGateways.map((nat, index) => {
      const table = new RouteTable(this, `PrivateRouteTable${index}`, {
        vpcId,
        tags: { Name: naming.name(natCount === 1 ? 'private-rt' : `private-rt-${index + 1}`) },
      });
      new Route(this, `PrivateDefaultRoute${index}`, {
        routeTableId: table.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: nat.id,
      });
      return table;
    });
    this.associate('Private', this.privateSubnets, (az) => this.privateRouteTables[az % natCount]!);

    // The data tier's table has only the VPC's local route (and the S3 gateway endpoint).
    this.dataRouteTable = new RouteTable(this, 'DataRouteTable', {
      vpcId,
      tags: { Name: naming.name('data-rt') },
    });
    this.associate('Data', this.dataSubnets, () => this.dataRouteTable);

    this.s3GatewayEndpoint = new VpcEndpoint(this, 'S3GatewayEndpoint', {
      vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...this.privateRouteTables, this.dataRouteTable].map((t) => t.id),
      // Without a policy the endpoint lets the app tier read and write any bucket of any
      // account (a path out for card data); this one admits this account's buckets and the
      // AWS-owned buckets the instances and ECR need, read-only.
      policy: new PolicyDocument([
        {
          sid: 'ThisAccountsBuckets',
          effect: 'Allow',
          principal: '*',
          actions: ['s3:*'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:ResourceAccount': props.aws.accountId } },
        },
        {
          sid: 'AwsOwnedBucketsReadOnly',
          effect: 'Allow',
          principal: '*',
          actions: ['s3:GetObject'],
          resources: awsOwnedBucketObjectArns(props.aws.partition, props.region),
        },
      ]).toJson(),
      tags: { Name: naming.name('s3-endpoint') },
    });
  }

  private associate(tier: string, subnets: readonly Subnet[], table: (az: number) => RouteTable) {
    subnets.forEach((subnet, az) => {
      new RouteTableAssociation(this, `${tier}RouteTableAssociation${az}`, {
        subnetId: subnet.id,
        routeTableId: table(az).id,
      });
    });
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
