import { Construct } from 'constructs';
import { DataAwsAmi } from '@cdktn/provider-aws/lib/data-aws-ami';
import { IamInstanceProfile } from '@cdktn/provider-aws/lib/iam-instance-profile';
import { IamPolicy } from '@cdktn/provider-aws/lib/iam-policy';
import type { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { Instance } from '@cdktn/provider-aws/lib/instance';
import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktn/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktn/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Naming } from '../../naming/naming';
import type { AwsEnvironment } from '../core/aws-environment';
import type { KmsKey } from '../security/kms-key';
import { SESSION_MANAGER_ACTIONS } from '../security/permissions';
import { PolicyDocument } from '../security/policy-document';
import { serviceRole } from '../security/service-role';
import { HTTPS_PORT } from '../security/tier-security-groups';

/**
 * The SSM document that forwards a local port, through a managed instance, to a host and port
 * the instance reaches (the database endpoint). Its parameters are `host`, `portNumber` and
 * `localPortNumber`. Systems Manager User Guide, "Start a session" (port forwarding to a
 * remote host): https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-sessions-start.html
 */
export const PORT_FORWARDING_DOCUMENT = 'AWS-StartPortForwardingSessionToRemoteHost';
/** The smallest burstable x86 type: the host only relays one admin's TCP session. */
export const ADMIN_HOST_INSTANCE_TYPE = 't3.micro';
export const ADMIN_HOST_ROOT_VOLUME_GIB = 8;

export interface DatabaseAdminHostProps {
  readonly naming: Naming;
  readonly aws: AwsEnvironment;
  readonly vpcId: string;
  /** A private app subnet (route to SSM through NAT or endpoints; no public IP). */
  readonly subnetId: string;
  /** The database security group: it gets one ingress rule from this host. */
  readonly databaseSecurityGroupId: string;
  readonly databasePort: number;
  /** Key for the root volume. */
  readonly ebsKey: KmsKey;
}

/**
 * An admin host for Session Manager port forwarding to the database, and nothing else: a
 * small Amazon Linux 2023 instance in a private app subnet, managed by SSM (the scoped Session
 * Manager statement of the app instances, no AmazonSSMManagedInstanceCore), no key pair, no
 * inbound rule, IMDSv2 only, encrypted root volume. Its security group may send HTTPS (to
 * Systems Manager) and the engine port to the database group, which gets one ingress rule
 * from it. The stack creates it only when `database.adminAccess.enabled` is true.
 *
 * Admins start sessions with their own IAM identity (`sessionPolicy`) and then authenticate
 * to the database with an IAM token as their named database user: no SSH, no password, no
 * public endpoint.
 */
export class DatabaseAdminHost extends Construct {
  readonly instance: Instance;
  readonly role: IamRole;
  readonly securityGroup: SecurityGroup;
  /** Attach to an administrator's role: start port-forwarding sessions to this host only. */
  readonly sessionPolicy: IamPolicy;

  constructor(scope: Construct, id: string, props: DatabaseAdminHostProps) {
    super(scope, id);
    const { naming, aws } = props;
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: naming.name('db-admin-sg', 'securityGroup'),
      description: 'Database admin host: no inbound; out to Systems Manager and the database only',
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      tags: { Name: naming.name('db-admin') },
    });
    const tcp = { ipProtocol: 'tcp' } as const;
    new VpcSecurityGroupEgressRule(this, 'HttpsOut', {
      ...tcp,
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS to Systems Manager (Session Manager channels) through NAT or endpoints',
      cidrIpv4: '0.0.0.0/0',
      fromPort: HTTPS_PORT,
      toPort: HTTPS_PORT,
    });
    new VpcSecurityGroupEgressRule(this, 'ToDatabase', {
      ...tcp,
      securityGroupId: this.securityGroup.id,
      description: 'Admin host to the database on the engine port (port forwarding)',
      referencedSecurityGroupId: props.databaseSecurityGroupId,
      fromPort: props.databasePort,
      toPort: props.databasePort,
    });
    new VpcSecurityGroupIngressRule(this, 'DatabaseFromAdminHost', {
      ...tcp,
      securityGroupId: props.databaseSecurityGroupId,
      description: 'Database port from the admin host (Session Manager port forwarding)',
      referencedSecurityGroupId: this.securityGroup.id,
      fromPort: props.databasePort,
      toPort: props.databasePort,
    });

    this.role = serviceRole(this, 'Role', {
      name: naming.name('db-admin-host', 'iamRole'),
      description: 'Database admin host: Session Manager only',
      service: 'ec2.amazonaws.com',
      trustConditions: { StringEquals: { 'aws:SourceAccount': aws.accountId } },
      statements: [
        {
          sid: 'SessionManagerChannels',
          effect: 'Allow',
          // The same scoped statement as the app instances (no account-wide parameter reads).
          actions: SESSION_MANAGER_ACTIONS,
          resources: ['*'],
        },
      ],
    });
    const profile = new IamInstanceProfile(this, 'InstanceProfile', {
      name: naming.name('db-admin-host', 'iamRole'),
      role: this.role.name,
    });

    // The newest Amazon Linux 2023 (SSM Agent preinstalled). A newer image replaces the host
    // at the next apply: it keeps no state, so it is always patched.
    const ami = new DataAwsAmi(this, 'Ami', {
      mostRecent: true,
      owners: ['amazon'],
      filter: [
        { name: 'name', values: ['al2023-ami-2023.*-kernel-*-x86_64'] },
        { name: 'architecture', values: ['x86_64'] },
        { name: 'state', values: ['available'] },
      ],
    });
    this.instance = new Instance(this, 'Instance', {
      ami: ami.id,
      instanceType: ADMIN_HOST_INSTANCE_TYPE,
      subnetId: props.subnetId,
      vpcSecurityGroupIds: [this.securityGroup.id],
      associatePublicIpAddress: false,
      iamInstanceProfile: profile.name,
      monitoring: true,
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: 'disabled',
      },
      rootBlockDevice: {
        volumeType: 'gp3',
        volumeSize: ADMIN_HOST_ROOT_VOLUME_GIB,
        encrypted: true,
        kmsKeyId: props.ebsKey.arn,
        deleteOnTermination: true,
      },
      tags: { Name: naming.name('db-admin') },
      volumeTags: { Name: naming.name('db-admin') },
    });

    this.sessionPolicy = new IamPolicy(this, 'SessionPolicy', {
      name: naming.name('db-admin-session', 'iamPolicy'),
      description: `Start ${PORT_FORWARDING_DOCUMENT} sessions to the database admin host only`,
      policy: new PolicyDocument([
        {
          sid: 'PortForwardThroughAdminHost',
          effect: 'Allow',
          actions: ['ssm:StartSession'],
          resources: [
            `arn:${aws.partition}:ec2:${aws.region}:${aws.accountId}:instance/${this.instance.id}`,
            `arn:${aws.partition}:ssm:${aws.region}::document/${PORT_FORWARDING_DOCUMENT}`,
          ],
        },
      ]).toJson(),
    });
  }
}
