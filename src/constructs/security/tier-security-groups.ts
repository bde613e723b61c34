import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktn/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktn/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Naming } from '../../naming/naming';
import { PCI_SCOPE_TAG } from '../../tfjson/markers';

export const HTTPS_PORT = 443;
export const HTTP_PORT = 80;

export interface TierSecurityGroupsProps {
  readonly naming: Naming;
  readonly vpcId: string;
  /** Port the app tier listens on behind the ALB. */
  readonly appPort: number;
  /** Port of the database engine (3306 for MySQL, 5432 for PostgreSQL). */
  readonly databasePort: number;
}

/**
 * The chain internet -> ALB -> app -> database, one security group per tier and one rule
 * resource per rule, each described:
 * - ALB: 443 from anywhere, 80 from anywhere (only to redirect to HTTPS); out only to the app.
 * - app: in only from the ALB on the app port; out 443 (AWS APIs through NAT or endpoints)
 *   and the database port to the database group.
 * - database: in only from the app on the engine's port; no egress at all.
 */
export class TierSecurityGroups extends Construct {
  readonly alb: SecurityGroup;
  readonly app: SecurityGroup;
  readonly database: SecurityGroup;

  constructor(scope: Construct, id: string, props: TierSecurityGroupsProps) {
    super(scope, id);
    const { naming, vpcId, appPort, databasePort } = props;
    const group = (groupId: string, component: string, description: string) =>
      new SecurityGroup(this, groupId, {
        name: naming.name(component, 'securityGroup'),
        description,
        vpcId,
        // Rules are separate resources; an inline block would fight them on every apply.
        revokeRulesOnDelete: true,
        tags: { Name: naming.name(component), [PCI_SCOPE_TAG]: 'cde' },
      });
    this.alb = group(
      'Alb',
      'alb-sg',
      'Payment ALB: HTTPS (and HTTP for the redirect) from the internet',
    );
    this.app = group('App', 'app-sg', 'Payment app tier: traffic from the ALB only');
    this.database = group('Database', 'db-sg', 'Payment database: traffic from the app tier only');

    const tcp = { ipProtocol: 'tcp' } as const;
    new VpcSecurityGroupIngressRule(this, 'AlbHttpsFromInternet', {
      ...tcp,
      securityGroupId: this.alb.id,
      description: 'HTTPS from the internet to the load balancer',
      cidrIpv4: '0.0.0.0/0',
      fromPort: HTTPS_PORT,
      toPort: HTTPS_PORT,
    });
    new VpcSecurityGroupIngressRule(this, 'AlbHttpFromInternet', {
      ...tcp,
      securityGroupId: this.alb.id,
      description: 'HTTP from the internet, answered only with a redirect to HTTPS',
      cidrIpv4: '0.0.0.0/0',
      fromPort: HTTP_PORT,
      toPort: HTTP_PORT,
    });
    new VpcSecurityGroupEgressRule(this, 'AlbToApp', {
      ...tcp,
      securityGroupId: this.alb.id,
      description: 'Load balancer to the app tier on the app port',
      referencedSecurityGroupId: this.app.id,
      fromPort: appPort,
      toPort: appPort,
    });
    new VpcSecurityGroupIngressRule(this, 'AppFromAlb', {
      ...tcp,
      securityGroupId: this.app.id,
      description: 'App port from the load balancer only',
      referencedSecurityGroupId: this.alb.id,
      fromPort: appPort,
      toPort: appPort,
    });
    new VpcSecurityGroupEgressRule(this, 'AppHttpsOut', {
      ...tcp,
      securityGroupId: this.app.id,
      description: 'HTTPS to AWS APIs through the NAT gateway or VPC endpoints',
      cidrIpv4: '0.0.0.0/0',
      fromPort: HTTPS_PORT,
      toPort: HTTPS_PORT,
    });
    new VpcSecurityGroupEgressRule(this, 'AppToDatabase', {
      ...tcp,
      securityGroupId: this.app.id,
      description: 'App tier to the database on the engine port',
      referencedSecurityGroupId: this.database.id,
      fromPort: databasePort,
      toPort: databasePort,
    });
    new VpcSecurityGroupIngressRule(this, 'DatabaseFromApp', {
      ...tcp,
      securityGroupId: this.database.id,
      description: 'Database port from the app tier only',
      referencedSecurityGroupId: this.app.id,
      fromPort: databasePort,
      toPort: databasePort,
    });
  }
}
