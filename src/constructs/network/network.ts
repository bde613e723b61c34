import { Construct } from 'constructs';
import { Fn, Op, Token } from 'cdktn';
import { DataAwsAvailabilityZones } from '@cdktn/provider-aws/lib/data-aws-availability-zones';
import type {
  DefaultNetworkAclEgress,
  DefaultNetworkAclIngress,
} from '@cdktn/provider-aws/lib/default-network-acl';
import { DefaultNetworkAcl } from '@cdktn/provider-aws/lib/default-network-acl';
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
import { HTTP_PORT, HTTPS_PORT } from '../security/tier-security-groups';
import { RDP_PORT } from '../../tfjson/aws';
import { PCI_SCOPE_TAG } from '../../tfjson/markers';

/** NAT gateways and Linux clients use source ports in 1024-65535 (the ephemeral range). */
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;

/**
 * The rules of the VPC's default network ACL, which every subnet of the stack uses (the stack
 * creates no other ACL). Network ACLs are stateless, so inbound rules must admit the replies
 * to every connection the tiers open (HTTPS through the NAT gateways and endpoints), as well
 * as the connections they accept: HTTPS and the HTTP redirect at the load balancer, the app
 * port from the load balancer and the engine port from the app tier. Those last two are always
 * at or above 1024 (`compute.appPort` is 1024-65535 and not 3389; the Aurora ports are 3306
 * and 5432), so the ephemeral-range rules admit them.
 *
 * No rule admits TCP 22 or 3389 from anywhere: the ephemeral range is split around 3389. The
 * security groups stay the per-tier filter; this ACL only keeps the remote-administration
 * ports closed at the subnet boundary even if a security group were opened by mistake.
 * Outbound is left open: replies go to clients' ephemeral ports, and the security groups
 * already limit what each tier may open. ICMP type 3 code 4 (fragmentation needed) is admitted
 * so path MTU discovery works.
 *
 * Amazon VPC User Guide, "Control subnet traffic with network access control lists" and its
 * ephemeral-ports section: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
 * (network ACLs do not filter traffic to the Amazon DNS server, instance metadata or the
 * Time Sync Service, so no UDP rule is needed).
 */
export function defaultNetworkAclRules(): {
  readonly ingress: DefaultNetworkAclIngress[];
  readonly egress: DefaultNetworkAclEgress[];
} {
  const anywhere = '0.0.0.0/0';
  const tcp = (ruleNo: number, fromPort: number, toPort: number): DefaultNetworkAclIngress => ({
    ruleNo,
    action: 'allow',
    protocol: 'tcp',
    cidrBlock: anywhere,
    fromPort,
    toPort,
  });
  return {
    ingress: [
      tcp(100, HTTPS_PORT, HTTPS_PORT),
      tcp(110, HTTP_PORT, HTTP_PORT),
      tcp(120, EPHEMERAL_PORTS.from, RDP_PORT - 1),
      tcp(130, RDP_PORT + 1, EPHEMERAL_PORTS.to),
      {
        ruleNo: 140,
        action: 'allow',
        protocol: 'icmp',
        cidrBlock: anywhere,
        fromPort: 0,
        toPort: 0,
        icmpType: 3,
        icmpCode: 4,
      },
    ],
    egress: [
      { ruleNo: 100, action: 'allow', protocol: '-1', cidrBlock: anywhere, fromPort: 0, toPort: 0 },
    ],
  };
}

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
  /**
   * The AZs by ID (`euw1-az1`), AZ `i` of every tier in element `i`: subnets set
   * `availability_zone_id`, so a change in the Region's list of AZs moves nothing. Without
   * it, subnets take the Region's available AZs by position (`names[i]`), as they always did.
   */
  readonly availabilityZoneIds?: readonly string[];
}

/**
 * The VPC and its three tiers in every AZ:
 * - public: the ALB and NAT gateways only; no public IPs on launch; default route to the IGW;
 * - private: the app tier; default route through a NAT gateway;
 * - data: the database; no route to the internet at all.
 * The default security group is adopted and stripped of every rule; the default network ACL,
 * which every subnet uses, is adopted with the rules of `defaultNetworkAclRules`. S3 is
 * reached through a gateway endpoint on the private and data route tables.
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
  readonly defaultNetworkAcl: DefaultNetworkAcl;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { naming, subnets } = props;
    const azCount = subnets.private.length;

    const pinned = props.availabilityZoneIds?.slice(0, azCount);
    const zones = new DataAwsAvailabilityZones(this, 'Zones', {
      // Pinned AZs are checked against every AZ of the Region, whatever its state: an
      // impaired AZ must not stop the plan of an environment that already has subnets there.
      ...(pinned ? {} : { state: 'available' }),
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    // Indexing (not element(), which wraps around) so a Region with too few AZs fails the
    // plan instead of putting two subnets of a tier in one AZ; the precondition says why.
    const byPosition = Array.from({ length: azCount }, (_, i) =>
      Token.asString(Fn.lookupNested(zones.names, [i])),
    );

    this.vpc = new Vpc(this, 'Vpc', {
      cidrBlock: subnets.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: naming.name('vpc') },
      lifecycle: {
        precondition: [
          pinned
            ? {
                condition: Op.eq(Fn.lengthOf(Fn.setsubtract(pinned, zones.zoneIds)), 0),
                errorMessage: `availabilityZoneIds lists an AZ ID that is not an AZ of this Region (${pinned.join(', ')}); aws ec2 describe-availability-zones lists them.`,
              }
            : {
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
            ...(pinned ? { availabilityZoneId: pinned[az] } : { availabilityZone: byPosition[az] }),
            mapPublicIpOnLaunch: false,
            // Every tier holds a CDE component: the load balancer (which terminates TLS), the
            // app tier, the database (src/analysis/cde-boundary.ts).
            tags: { Name: naming.name(`${tier}-${az + 1}`), Tier: tier, [PCI_SCOPE_TAG]: 'cde' },
          }),
      );
    this.publicSubnets = makeSubnets('public');
    this.privateSubnets = makeSubnets('private');
    this.dataSubnets = makeSubnets('data');
    // Pinned, a subnet's AZ name is the one AWS maps its ID to in this account: read from the
    // subnet (the data subnet of each AZ, which the database's instances use).
    this.availabilityZones = pinned
      ? this.dataSubnets.map((subnet) => subnet.availabilityZone)
      : byPosition;

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

    // Adopted like the default security group: Terraform replaces the allow-all rules AWS
    // created with these, in place. Every subnet is listed, because the provider otherwise
    // plans to change the (implicit) associations at every run.
    const aclRules = defaultNetworkAclRules();
    this.defaultNetworkAcl = new DefaultNetworkAcl(this, 'DefaultNetworkAcl', {
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      subnetIds: [...this.publicSubnets, ...this.privateSubnets, ...this.dataSubnets].map(
        (subnet) => subnet.id,
      ),
      ingress: aclRules.ingress,
      egress: aclRules.egress,
      tags: { Name: naming.name('default-nacl') },
    });

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
