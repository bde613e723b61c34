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
import type { PolicyStatement } from '../security/policy-document';
import { PolicyDocument } from '../security/policy-document';
import { serviceRole } from '../security/service-role';
import { HTTPS_PORT } from '../security/tier-security-groups';
import { PCI_SCOPE_TAG } from '../../tfjson/markers';

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
      tags: { Name: naming.name('db-admin'), [PCI_SCOPE_TAG]: 'connected' },
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
      policy: new PolicyDocument(
        adminSessionStatements({
          partition: aws.partition,
          region: aws.region,
          accountId: aws.accountId,
          instanceId: this.instance.id,
        }),
      ).toJson(),
    });
  }
}

export interface AdminSessionScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly instanceId: string;
}

/**
 * IAM's `${aws:userid}` policy variable, escaped for Terraform: in Terraform JSON a string's
 * `${...}` is an interpolation, and `$${` is the escape for a literal `${`, so Terraform hands
 * IAM `${aws:userid}` (checked with `terraform console` on 1.11: unescaped, the plan fails
 * with "Extra characters after interpolation expression").
 */
export const AWS_USERID_VARIABLE = '$${aws:userid}';

/**
 * The Identity Center permission-set roles (`AWSReservedSSO_*`), which IAM Identity Center
 * creates under this path in every account it provisions. IAM Identity Center User Guide,
 * "Referencing permission sets in resource policies":
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html
 */
export const IDENTITY_CENTER_ROLE_PATH = 'aws-reserved/sso.amazonaws.com';

/**
 * What an administrator may do with Session Manager on the admin host:
 *
 * - **Port forwarding only** (`PortForwardThroughAdminHost`): `ssm:StartSession` on the host
 *   and the port-forwarding document, with `ssm:SessionDocumentAccessCheck` true. Without that
 *   condition, `aws ssm start-session --target <host>` (no document) opens the default
 *   `SSM-SessionManagerRunShell` shell, which IAM then allows implicitly; with it, Session
 *   Manager checks the default document against this policy too and refuses it. `BoolIfExists`
 *   because the key is only in the request when a document check applies. Systems Manager User
 *   Guide, "Start a default shell session by specifying the default session document in IAM
 *   policies": https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-default-session-document.html
 * - **Ending one's own sessions only** (`EndOwnSessions`): `ssm:TerminateSession` and
 *   `ssm:ResumeSession` on sessions whose ID starts with the caller's `aws:userid` (the
 *   `ssm:resourceTag/aws:ssmmessages:session-id` tag Session Manager puts on each session;
 *   for a role session the user ID is `ROLEID:session-name`, so it works for federated and
 *   Identity Center users as well as IAM users). Systems Manager User Guide, "Additional sample
 *   IAM policies for Session Manager", example 4:
 *   https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-restrict-access-examples.html
 * - **MFA where the session says whether MFA was used** (`DenyWithoutMfa`): a deny when
 *   `aws:MultiFactorAuthPresent` is `false`. Plain `Bool` (not `BoolIfExists`): the key is only
 *   in the request context for temporary credentials, and a deny with `BoolIfExists` would also
 *   refuse every request whose credentials carry no MFA context at all. IAM User Guide, "AWS
 *   global condition context keys" (aws:MultiFactorAuthPresent):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 *   Identity Center sessions are exempt (`ArnNotLike aws:PrincipalArn` on the reserved
 *   `aws-reserved/sso.amazonaws.com` path): AWS does not pass Identity Center's sign-in MFA into
 *   the role session, so requiring it here would lock every Identity Center administrator out.
 *   For them MFA is enforced where they sign in: Identity Center's MFA setting ("Every time
 *   they sign in"), or the external IdP's policy for SAML federation (see docs/operations.md, Bootstrap).
 */
export function adminSessionStatements(scope: AdminSessionScope): PolicyStatement[] {
  const { partition, region, accountId } = scope;
  const startSession = ['ssm:StartSession'];
  return [
    {
      sid: 'PortForwardThroughAdminHost',
      effect: 'Allow',
      actions: startSession,
      resources: [
        `arn:${partition}:ec2:${region}:${accountId}:instance/${scope.instanceId}`,
        `arn:${partition}:ssm:${region}::document/${PORT_FORWARDING_DOCUMENT}`,
      ],
      conditions: { BoolIfExists: { 'ssm:SessionDocumentAccessCheck': 'true' } },
    },
    {
      sid: 'EndOwnSessions',
      effect: 'Allow',
      actions: ['ssm:TerminateSession', 'ssm:ResumeSession'],
      resources: [`arn:${partition}:ssm:${region}:${accountId}:session/*`],
      conditions: {
        StringLike: {
          'ssm:resourceTag/aws:ssmmessages:session-id': [`${AWS_USERID_VARIABLE}*`],
        },
      },
    },
    {
      sid: 'DenyWithoutMfa',
      effect: 'Deny',
      actions: [...startSession, 'ssm:ResumeSession'],
      resources: ['*'],
      conditions: {
        Bool: { 'aws:MultiFactorAuthPresent': 'false' },
        ArnNotLike: {
          'aws:PrincipalArn': `arn:${partition}:iam::${accountId}:role/${IDENTITY_CENTER_ROLE_PATH}/*`,
        },
      },
    },
  ];
}
