import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktn/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktn/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Naming } from '../../naming/naming';
import type { Network } from './network';
import { PCI_SCOPE_TAG } from '../../tfjson/markers';

export interface InterfaceEndpointsProps {
  readonly naming: Naming;
  readonly region: string;
  readonly network: Network;
  /** Service names after `com.amazonaws.<region>.`, e.g. `ssm`, `ecr.api`. */
  readonly services: readonly string[];
}

/**
 * Interface VPC endpoints in the private subnets, so the app tier reaches AWS APIs without
 * the internet. Their security group accepts HTTPS from the VPC only and sends nothing.
 */
export class InterfaceEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly endpoints: Readonly<Record<string, VpcEndpoint>>;

  constructor(scope: Construct, id: string, props: InterfaceEndpointsProps) {
    super(scope, id);
    const { naming, network } = props;
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: naming.name('endpoints', 'securityGroup'),
      description: 'Interface VPC endpoints: HTTPS from inside the VPC only',
      vpcId: network.vpc.id,
      tags: { Name: naming.name('endpoints'), [PCI_SCOPE_TAG]: 'connected' },
    });
    new VpcSecurityGroupIngressRule(this, 'HttpsFromVpc', {
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS to AWS service endpoints from inside the VPC',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: network.vpc.cidrBlock,
    });

    const endpoints: Record<string, VpcEndpoint> = {};
    for (const service of props.services) {
      endpoints[service] = new VpcEndpoint(this, `Endpoint-${service}`, {
        vpcId: network.vpc.id,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: network.privateSubnets.map((s) => s.id),
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: naming.name(`${service.replace(/\./g, '-')}-endpoint`) },
      });
    }
    this.endpoints = endpoints;
  }
}
