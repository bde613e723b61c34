/** Rules for VPC, subnets, routes and flow logs, in ID order. */
import type { Rule } from '../../rule';
import { vpcFlowLog } from './flow-log';
import { vpcDefaultSgClosed } from './default-sg-closed';
import { vpcSubnetNoPublicIp } from './subnet-no-public-ip';
import { vpcNoDefaultVpc } from './no-default-vpc';
import { vpcDataSubnetsIsolated } from './data-subnets-isolated';
import { vpcAppSubnetsPrivate } from './app-subnets-private';
import { vpcFlowLogAllTraffic } from './flow-log-all-traffic';
import { vpcS3EndpointPolicy } from './s3-endpoint-policy';
import { vpcDefaultNaclClosed } from './default-nacl-closed';
import { vpcPciScopeTags } from './pci-scope-tags';

export const VPC_RULES: readonly Rule[] = [
  vpcFlowLog,
  vpcDefaultSgClosed,
  vpcSubnetNoPublicIp,
  vpcNoDefaultVpc,
  vpcDataSubnetsIsolated,
  vpcAppSubnetsPrivate,
  vpcFlowLogAllTraffic,
  vpcS3EndpointPolicy,
  vpcDefaultNaclClosed,
  vpcPciScopeTags,
];
