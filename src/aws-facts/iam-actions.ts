/**
 * The IAM actions the Terraform AWS provider (hashicorp/aws 5.x) calls to create, read, update
 * and delete each resource type the stacks synthesize, and how AWS lets a policy narrow them
 * to one environment. The apply role's policy is generated from this table and the
 * synthesized JSON (src/permissions/deploy-policy.ts): a type missing here is an error there,
 * never `*`.
 *
 * Sources: each service's page of the AWS Service Authorization Reference (the `SERVICES`
 * table: actions, which resource ARNs and condition keys each supports) and the provider's
 * page of each resource (`providerDocs`). The actions are the API calls of the provider's
 * create/read/update/delete functions; tagging calls are listed because the provider sets
 * `default_tags` on every taggable resource.
 *
 * Scopes:
 * - `name`: the ARN pattern of the resource, for services whose ARNs carry the name. The
 *   generator fills `{name}` with one environment's name pattern `payment-*-<suffix>` (names
 *   end in the suffix: no trailing `*`), `{bucket}` with `payment-*-<suffix>-<account>-<region
 *   code>`, `{wafLogBucket}` with `aws-waf-logs-payment-<suffix>-<account>-<region code>`,
 *   `{prefix}` with `payment` and `{suffix}` with the suffix (src/permissions/deploy-policy.ts).
 * - `tag`: the environment tag (`aws:RequestTag` on create, `aws:ResourceTag` afterwards),
 *   for services whose ARNs are random IDs (EC2, ELB, RDS cluster IDs are named, but the
 *   provider's create calls also touch subnets and security groups by ID).
 * - `none`: the actions accept only `*` (stated per entry, with the reason).
 * The local emulator evaluates neither resource scopes nor most conditions; it cannot prove
 * these policies, and no test pretends it does.
 *
 * Verification (issue 26): every action string below was checked, one by one, against the
 * Actions table of its service's page (`SERVICES`), and every `name` and `tag` claim against
 * the page's resource-type and condition-key columns (copies of the pages dated May-June 2026;
 * docs/ci.md, "Keeping the table true", says how to repeat it). Dependent actions the pages list for the calls the
 * provider makes (RDS's KMS and Secrets Manager calls, ECR's grants) are included. What this
 * does not prove: that the list is complete for every provider code path (the provider's source
 * was not read call by call), and the tag-on-create authorizations (`ec2:CreateTags`,
 * `kms:TagResource`, `acm:AddTagsToCertificate` during a create), which the generator grants
 * under `aws:ResourceTag`. test/aws-facts/iam-actions.test.ts checks only the shape of the
 * table (action syntax, prefixes, duplicates, the exceptions below), never AWS itself.
 */

const SAR = 'https://docs.aws.amazon.com/service-authorization/latest/reference';

/** The Service Authorization Reference page of each service prefix the table uses. */
export const SERVICES = {
  ec2: `${SAR}/list_amazonec2.html`,
  s3: `${SAR}/list_amazons3.html`,
  iam: `${SAR}/list_awsidentityandaccessmanagementiam.html`,
  kms: `${SAR}/list_awskeymanagementservice.html`,
  rds: `${SAR}/list_amazonrds.html`,
  ecs: `${SAR}/list_amazonelasticcontainerservice.html`,
  ecr: `${SAR}/list_amazonelasticcontainerregistry.html`,
  // list_elasticloadbalancingv2.html is the page's old name (its copy stops in 2023 and lacks
  // DescribeListenerAttributes); the current page is list_awselasticloadbalancingv2.html.
  elasticloadbalancing: `${SAR}/list_awselasticloadbalancingv2.html`,
  autoscaling: `${SAR}/list_amazonec2autoscaling.html`,
  'application-autoscaling': `${SAR}/list_awsapplicationautoscaling.html`,
  cloudwatch: `${SAR}/list_amazoncloudwatch.html`,
  logs: `${SAR}/list_amazoncloudwatchlogs.html`,
  sns: `${SAR}/list_amazonsns.html`,
  secretsmanager: `${SAR}/list_awssecretsmanager.html`,
  wafv2: `${SAR}/list_awswafv2.html`,
  acm: `${SAR}/list_awscertificatemanager.html`,
  sts: `${SAR}/list_awssecuritytokenservice.html`,
  route53: `${SAR}/list_amazonroute53.html`,
} as const;
export type ServicePrefix = keyof typeof SERVICES;

export type ActionScope =
  | { readonly kind: 'name'; readonly arns: readonly string[] }
  | { readonly kind: 'tag' }
  /**
   * Route 53 records: the hosted zone the stack's records name by literal ID (the
   * `hostedzone/<id>` resource of ChangeResourceRecordSets), narrowed to the stack's own record
   * names with `route53:ChangeResourceRecordSetsNormalizedRecordNames` (lower case, no trailing
   * dot: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/specifying-rrset-conditions.html).
   */
  | { readonly kind: 'hosted-zone' }
  | { readonly kind: 'none'; readonly why: string };

export interface ResourceActions {
  readonly service: ServicePrefix;
  /** Read/List/Describe calls the provider's refresh makes (granted on `*`: most accept no ARN). */
  readonly read: readonly string[];
  /** Create, update, tag and delete calls. */
  readonly write: readonly string[];
  readonly scope: ActionScope;
  /**
   * Write actions of this entry that the Service Authorization Reference lists with no resource
   * type: IAM matches them only against `*`, so the generator grants them unscoped whatever
   * `scope` says (a name or tag scope would silently deny them). Each with the reason.
   */
  readonly unscoped?: { readonly actions: readonly string[]; readonly why: string };
  /** A type the provider handles without any AWS call (plan-time only). */
  readonly local?: true;
}

/** The provider's page of a resource or data source type. */
export function providerDocs(type: string): string {
  const [kind, name] = type.startsWith('data.')
    ? ['data-sources', type.slice(5)]
    : ['resources', type];
  return `https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/${kind}/${name.replace(/^aws_/, '')}`;
}

const EC2_TAGS = ['ec2:CreateTags', 'ec2:DeleteTags'];
const tag = { kind: 'tag' } as const;
const S3_BUCKET = {
  kind: 'name',
  arns: ['arn:{partition}:s3:::{bucket}', 'arn:{partition}:s3:::{wafLogBucket}'],
} as const;
const s3Bucket = (read: string[], write: string[]): ResourceActions => ({
  service: 's3',
  read: ['s3:ListBucket', ...read],
  write,
  scope: S3_BUCKET,
});
const NO_ARN_READS: readonly string[] = [];

/**
 * Actions named like a create (`Create…`) that add to an existing, already tagged resource and
 * carry no tags of their own: the Service Authorization Reference lists no `aws:RequestTag` for
 * them, only the parent's resource type (route-table, network-acl, launch-template, key), so a
 * `tag` scope must check the parent's `aws:ResourceTag`, never `aws:RequestTag` (which would be
 * absent and deny them).
 */
export const ACTS_ON_EXISTING: ReadonlySet<string> = new Set([
  'ec2:CreateRoute',
  'ec2:CreateNetworkAclEntry',
  'ec2:CreateLaunchTemplateVersion',
  'kms:CreateGrant',
]);

/**
 * Actions an entry lists under another service's prefix, with why: the call is made by the
 * service of the entry on the caller's behalf (a dependent action in the reference).
 */
export const CROSS_SERVICE: Readonly<Record<string, string>> = {
  'elasticloadbalancing:SetWebAcl':
    'wafv2:AssociateWebACL on a load balancer (dependent action, list_awswafv2.html)',
  'secretsmanager:CreateSecret':
    'rds:CreateDBCluster with manage_master_user_password (dependent action, list_amazonrds.html)',
  'secretsmanager:TagResource':
    'rds:CreateDBCluster tags the secret it creates (dependent action, list_amazonrds.html)',
  'secretsmanager:RotateSecret':
    'rds:ModifyDBCluster with manage_master_user_password (dependent action, list_amazonrds.html)',
};

/** Resource type (or `data.<type>`) -> the actions it needs. */
export const IAM_ACTIONS: Readonly<Record<string, ResourceActions>> = {
  // EC2 and VPC: IDs are random, so the environment tag scopes them (ec2:CreateTags on
  // create is allowed by the RunInstances/Create* tag-on-create condition keys).
  aws_vpc: {
    service: 'ec2',
    read: ['ec2:DescribeVpcs', 'ec2:DescribeVpcAttribute'],
    write: ['ec2:CreateVpc', 'ec2:ModifyVpcAttribute', 'ec2:DeleteVpc', ...EC2_TAGS],
    scope: tag,
  },
  aws_subnet: {
    service: 'ec2',
    read: ['ec2:DescribeSubnets'],
    write: ['ec2:CreateSubnet', 'ec2:ModifySubnetAttribute', 'ec2:DeleteSubnet', ...EC2_TAGS],
    scope: tag,
  },
  aws_internet_gateway: {
    service: 'ec2',
    read: ['ec2:DescribeInternetGateways'],
    write: [
      'ec2:CreateInternetGateway',
      'ec2:AttachInternetGateway',
      'ec2:DetachInternetGateway',
      'ec2:DeleteInternetGateway',
      ...EC2_TAGS,
    ],
    scope: tag,
  },
  aws_eip: {
    service: 'ec2',
    read: ['ec2:DescribeAddresses', 'ec2:DescribeAddressesAttribute'],
    write: ['ec2:AllocateAddress', 'ec2:ReleaseAddress', ...EC2_TAGS],
    scope: tag,
  },
  aws_nat_gateway: {
    service: 'ec2',
    read: ['ec2:DescribeNatGateways'],
    write: ['ec2:CreateNatGateway', 'ec2:DeleteNatGateway', ...EC2_TAGS],
    scope: tag,
  },
  aws_route_table: {
    service: 'ec2',
    read: ['ec2:DescribeRouteTables'],
    write: ['ec2:CreateRouteTable', 'ec2:DeleteRouteTable', ...EC2_TAGS],
    scope: tag,
  },
  // ec2:CreateRoute acts on the tagged route table (ACTS_ON_EXISTING).
  aws_route: {
    service: 'ec2',
    read: ['ec2:DescribeRouteTables'],
    write: ['ec2:CreateRoute', 'ec2:ReplaceRoute', 'ec2:DeleteRoute'],
    scope: tag,
  },
  aws_route_table_association: {
    service: 'ec2',
    read: ['ec2:DescribeRouteTables'],
    write: [
      'ec2:AssociateRouteTable',
      'ec2:ReplaceRouteTableAssociation',
      'ec2:DisassociateRouteTable',
    ],
    scope: tag,
  },
  aws_default_network_acl: {
    service: 'ec2',
    read: ['ec2:DescribeNetworkAcls'],
    write: [
      'ec2:CreateNetworkAclEntry',
      'ec2:ReplaceNetworkAclEntry',
      'ec2:DeleteNetworkAclEntry',
      ...EC2_TAGS,
    ],
    scope: tag,
  },
  aws_default_security_group: {
    service: 'ec2',
    read: ['ec2:DescribeSecurityGroups', 'ec2:DescribeSecurityGroupRules'],
    write: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress', ...EC2_TAGS],
    scope: tag,
  },
  aws_security_group: {
    service: 'ec2',
    read: [
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeSecurityGroupRules',
      'ec2:DescribeNetworkInterfaces',
    ],
    write: [
      'ec2:CreateSecurityGroup',
      'ec2:DeleteSecurityGroup',
      'ec2:RevokeSecurityGroupEgress',
      'ec2:ModifySecurityGroupRules',
      ...EC2_TAGS,
    ],
    scope: tag,
  },
  aws_vpc_security_group_ingress_rule: {
    service: 'ec2',
    read: ['ec2:DescribeSecurityGroupRules'],
    write: [
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:RevokeSecurityGroupIngress',
      'ec2:ModifySecurityGroupRules',
      ...EC2_TAGS,
    ],
    scope: tag,
  },
  aws_vpc_security_group_egress_rule: {
    service: 'ec2',
    read: ['ec2:DescribeSecurityGroupRules'],
    write: [
      'ec2:AuthorizeSecurityGroupEgress',
      'ec2:RevokeSecurityGroupEgress',
      'ec2:ModifySecurityGroupRules',
      ...EC2_TAGS,
    ],
    scope: tag,
  },
  aws_vpc_endpoint: {
    service: 'ec2',
    read: [
      'ec2:DescribeVpcEndpoints',
      'ec2:DescribePrefixLists',
      'ec2:DescribeVpcEndpointServices',
    ],
    write: [
      'ec2:CreateVpcEndpoint',
      'ec2:ModifyVpcEndpoint',
      'ec2:DeleteVpcEndpoints',
      ...EC2_TAGS,
    ],
    scope: tag,
  },
  aws_flow_log: {
    service: 'ec2',
    read: ['ec2:DescribeFlowLogs'],
    write: ['ec2:CreateFlowLogs', 'ec2:DeleteFlowLogs', ...EC2_TAGS],
    scope: tag,
  },
  aws_launch_template: {
    service: 'ec2',
    read: ['ec2:DescribeLaunchTemplates', 'ec2:DescribeLaunchTemplateVersions'],
    write: [
      'ec2:CreateLaunchTemplate',
      'ec2:CreateLaunchTemplateVersion',
      'ec2:ModifyLaunchTemplate',
      'ec2:DeleteLaunchTemplate',
      // Auto Scaling checks that the caller may launch what the template describes.
      'ec2:RunInstances',
      ...EC2_TAGS,
    ],
    scope: tag,
  },
  // S3: bucket ARNs carry the name.
  aws_s3_bucket: s3Bucket(
    [
      's3:GetBucketTagging',
      's3:GetBucketPolicy',
      's3:GetBucketAcl',
      's3:GetBucketCORS',
      's3:GetBucketWebsite',
      's3:GetBucketLocation',
      's3:GetAccelerateConfiguration',
      's3:GetBucketRequestPayment',
      's3:GetReplicationConfiguration',
      's3:GetBucketObjectLockConfiguration',
      's3:GetLifecycleConfiguration',
      's3:GetBucketLogging',
      's3:GetEncryptionConfiguration',
      's3:GetBucketVersioning',
    ],
    ['s3:CreateBucket', 's3:DeleteBucket', 's3:PutBucketTagging'],
  ),
  aws_s3_bucket_lifecycle_configuration: s3Bucket(
    ['s3:GetLifecycleConfiguration'],
    ['s3:PutLifecycleConfiguration'],
  ),
  aws_s3_bucket_logging: s3Bucket(['s3:GetBucketLogging'], ['s3:PutBucketLogging']),
  aws_s3_bucket_metric: s3Bucket(['s3:GetMetricsConfiguration'], ['s3:PutMetricsConfiguration']),
  aws_s3_bucket_object_lock_configuration: s3Bucket(
    ['s3:GetBucketObjectLockConfiguration'],
    ['s3:PutBucketObjectLockConfiguration'],
  ),
  aws_s3_bucket_ownership_controls: s3Bucket(
    ['s3:GetBucketOwnershipControls'],
    ['s3:PutBucketOwnershipControls'],
  ),
  aws_s3_bucket_policy: s3Bucket(
    ['s3:GetBucketPolicy'],
    ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  ),
  aws_s3_bucket_public_access_block: s3Bucket(
    ['s3:GetBucketPublicAccessBlock'],
    ['s3:PutBucketPublicAccessBlock'],
  ),
  aws_s3_bucket_server_side_encryption_configuration: s3Bucket(
    ['s3:GetEncryptionConfiguration'],
    ['s3:PutEncryptionConfiguration'],
  ),
  aws_s3_bucket_versioning: s3Bucket(['s3:GetBucketVersioning'], ['s3:PutBucketVersioning']),
  // IAM: role and profile ARNs carry the name; creating a role is allowed only under the
  // permissions boundary (the generator adds the iam:PermissionsBoundary condition).
  aws_iam_role: {
    service: 'iam',
    read: [
      'iam:GetRole',
      'iam:ListRolePolicies',
      'iam:ListAttachedRolePolicies',
      'iam:ListInstanceProfilesForRole',
    ],
    write: [
      'iam:CreateRole',
      'iam:UpdateRole',
      'iam:UpdateAssumeRolePolicy',
      'iam:DeleteRole',
      'iam:TagRole',
      'iam:UntagRole',
    ],
    scope: { kind: 'name', arns: ['arn:{partition}:iam::{account}:role/{name}'] },
  },
  aws_iam_role_policy: {
    service: 'iam',
    read: ['iam:GetRolePolicy'],
    write: ['iam:PutRolePolicy', 'iam:DeleteRolePolicy'],
    scope: { kind: 'name', arns: ['arn:{partition}:iam::{account}:role/{name}'] },
  },
  aws_iam_role_policy_attachment: {
    service: 'iam',
    read: ['iam:ListAttachedRolePolicies'],
    write: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
    scope: { kind: 'name', arns: ['arn:{partition}:iam::{account}:role/{name}'] },
  },
  aws_iam_instance_profile: {
    service: 'iam',
    read: ['iam:GetInstanceProfile'],
    write: [
      'iam:CreateInstanceProfile',
      'iam:AddRoleToInstanceProfile',
      'iam:RemoveRoleFromInstanceProfile',
      'iam:DeleteInstanceProfile',
      'iam:TagInstanceProfile',
      'iam:UntagInstanceProfile',
    ],
    scope: {
      kind: 'name',
      arns: [
        'arn:{partition}:iam::{account}:instance-profile/{name}',
        'arn:{partition}:iam::{account}:role/{name}',
      ],
    },
  },
  aws_iam_service_linked_role: {
    service: 'iam',
    read: ['iam:GetRole'],
    write: [
      'iam:CreateServiceLinkedRole',
      'iam:DeleteServiceLinkedRole',
      'iam:GetServiceLinkedRoleDeletionStatus',
    ],
    scope: { kind: 'name', arns: ['arn:{partition}:iam::{account}:role/aws-service-role/*'] },
  },
  // KMS: key IDs are random; aliases carry the name.
  aws_kms_key: {
    service: 'kms',
    read: [
      'kms:DescribeKey',
      'kms:GetKeyPolicy',
      'kms:GetKeyRotationStatus',
      'kms:ListResourceTags',
    ],
    write: [
      'kms:CreateKey',
      // CreateKey's dependent action when the key is created with a policy (list_awskeymanagementservice.html).
      'kms:PutKeyPolicy',
      'kms:EnableKeyRotation',
      'kms:DisableKeyRotation',
      'kms:UpdateKeyDescription',
      'kms:ScheduleKeyDeletion',
      'kms:TagResource',
      'kms:UntagResource',
      // Called with the apply role's identity by the services that use the environment's keys:
      // rds:CreateDBCluster/CreateDBInstance/ModifyDB* list kms:CreateGrant and kms:DescribeKey
      // as dependent actions (list_amazonrds.html: storage encryption, Performance Insights);
      // ECR creates two grants on the key when a repository is created with it ("Encryption at
      // rest", https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html).
      // Scoped by the key's environment tag like the rest of this entry. The same RDS rows also
      // list kms:Decrypt and kms:GenerateDataKey (the managed master user secret under the
      // cluster's key): not granted here, since a tag-conditioned Decrypt on "*" is what
      // PAY-IAM-007 refuses; docs/ci.md, "Keeping the table true", says what is left open.
      'kms:CreateGrant',
      'kms:RetireGrant',
    ],
    scope: tag,
  },
  aws_kms_key_policy: {
    service: 'kms',
    read: ['kms:GetKeyPolicy'],
    write: ['kms:PutKeyPolicy'],
    scope: tag,
  },
  aws_kms_alias: {
    service: 'kms',
    read: ['kms:ListAliases'],
    write: ['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias'],
    scope: {
      kind: 'name',
      arns: [
        'arn:{partition}:kms:{region}:{account}:alias/{name}',
        'arn:{partition}:kms:{region}:{account}:key/*',
      ],
    },
  },
  // RDS: names are in the ARNs.
  aws_rds_cluster: {
    service: 'rds',
    read: ['rds:DescribeDBClusters', 'rds:ListTagsForResource'],
    write: [
      'rds:CreateDBCluster',
      'rds:ModifyDBCluster',
      'rds:DeleteDBCluster',
      'rds:AddTagsToResource',
      'rds:RemoveTagsFromResource',
      'rds:EnableHttpEndpoint',
      'rds:DisableHttpEndpoint',
      // DeleteDBCluster's dependent action: the final snapshot (final_snapshot_identifier is
      // `<cluster identifier>-final-<hex>`: the cluster-snapshot ARN below).
      'rds:CreateDBClusterSnapshot',
      // manage_master_user_password: RDS creates, tags and rotates the master secret with the
      // caller's identity (dependent actions of CreateDBCluster/ModifyDBCluster; its name is
      // `rds!cluster-<id>`, so no environment pattern fits; see CROSS_SERVICE).
      'secretsmanager:CreateSecret',
      'secretsmanager:TagResource',
      'secretsmanager:RotateSecret',
    ],
    scope: {
      kind: 'name',
      arns: [
        'arn:{partition}:rds:{region}:{account}:cluster:{name}',
        'arn:{partition}:rds:{region}:{account}:cluster-pg:{name}',
        'arn:{partition}:rds:{region}:{account}:subgrp:{name}',
        // CreateDBCluster requires an option group resource (og*) and DeleteDBCluster a
        // cluster-snapshot one (list_amazonrds.html); the cluster takes the default option group.
        'arn:{partition}:rds:{region}:{account}:og:default:*',
        'arn:{partition}:rds:{region}:{account}:cluster-snapshot:{name}-final-*',
        'arn:{partition}:secretsmanager:{region}:{account}:secret:rds!cluster-*',
      ],
    },
  },
  aws_rds_cluster_instance: {
    service: 'rds',
    read: ['rds:DescribeDBInstances', 'rds:ListTagsForResource'],
    write: [
      'rds:CreateDBInstance',
      'rds:ModifyDBInstance',
      'rds:DeleteDBInstance',
      'rds:AddTagsToResource',
      'rds:RemoveTagsFromResource',
    ],
    scope: {
      kind: 'name',
      arns: [
        'arn:{partition}:rds:{region}:{account}:db:{name}',
        'arn:{partition}:rds:{region}:{account}:cluster:{name}',
        'arn:{partition}:rds:{region}:{account}:pg:{name}',
        // CreateDBInstance/ModifyDBInstance take the subnet group (subgrp) and option group (og)
        // named in the request as resources too (list_amazonrds.html).
        'arn:{partition}:rds:{region}:{account}:subgrp:{name}',
        'arn:{partition}:rds:{region}:{account}:og:default:*',
      ],
    },
  },
  aws_rds_cluster_parameter_group: {
    service: 'rds',
    read: ['rds:DescribeDBClusterParameterGroups', 'rds:DescribeDBClusterParameters'],
    write: [
      'rds:CreateDBClusterParameterGroup',
      'rds:ModifyDBClusterParameterGroup',
      // The provider resets the parameters a change removes.
      'rds:ResetDBClusterParameterGroup',
      'rds:DeleteDBClusterParameterGroup',
      'rds:AddTagsToResource',
      'rds:RemoveTagsFromResource',
    ],
    scope: { kind: 'name', arns: ['arn:{partition}:rds:{region}:{account}:cluster-pg:{name}'] },
  },
  aws_db_parameter_group: {
    service: 'rds',
    read: ['rds:DescribeDBParameterGroups', 'rds:DescribeDBParameters'],
    write: [
      'rds:CreateDBParameterGroup',
      'rds:ModifyDBParameterGroup',
      'rds:ResetDBParameterGroup',
      'rds:DeleteDBParameterGroup',
      'rds:AddTagsToResource',
      'rds:RemoveTagsFromResource',
    ],
    scope: { kind: 'name', arns: ['arn:{partition}:rds:{region}:{account}:pg:{name}'] },
  },
  aws_db_subnet_group: {
    service: 'rds',
    read: ['rds:DescribeDBSubnetGroups'],
    write: [
      'rds:CreateDBSubnetGroup',
      'rds:ModifyDBSubnetGroup',
      'rds:DeleteDBSubnetGroup',
      'rds:AddTagsToResource',
      'rds:RemoveTagsFromResource',
    ],
    scope: { kind: 'name', arns: ['arn:{partition}:rds:{region}:{account}:subgrp:{name}'] },
  },
  // ECS and ECR: names are in the ARNs.
  aws_ecs_cluster: {
    service: 'ecs',
    read: ['ecs:DescribeClusters'],
    write: [
      'ecs:CreateCluster',
      'ecs:UpdateCluster',
      'ecs:DeleteCluster',
      'ecs:TagResource',
      'ecs:UntagResource',
    ],
    scope: { kind: 'name', arns: ['arn:{partition}:ecs:{region}:{account}:cluster/{name}'] },
  },
  aws_ecs_service: {
    service: 'ecs',
    read: ['ecs:DescribeServices'],
    write: [
      'ecs:CreateService',
      'ecs:UpdateService',
      'ecs:DeleteService',
      'ecs:TagResource',
      'ecs:UntagResource',
    ],
    scope: { kind: 'name', arns: ['arn:{partition}:ecs:{region}:{account}:service/{name}/*'] },
  },
  aws_ecs_task_definition: {
    service: 'ecs',
    read: ['ecs:DescribeTaskDefinition'],
    write: [
      'ecs:RegisterTaskDefinition',
      'ecs:DeregisterTaskDefinition',
      'ecs:TagResource',
      'ecs:UntagResource',
    ],
    scope: {
      kind: 'none',
      why: 'ecs:DeregisterTaskDefinition (like DescribeTaskDefinition) lists no resource type, so it accepts only "*"; RegisterTaskDefinition takes task-definition (list_amazonelasticcontainerservice.html)',
    },
  },
  aws_ecr_repository: {
    service: 'ecr',
    read: ['ecr:DescribeRepositories', 'ecr:ListTagsForResource', 'ecr:GetRepositoryPolicy'],
    write: [
      'ecr:CreateRepository',
      'ecr:DeleteRepository',
      'ecr:PutImageScanningConfiguration',
      'ecr:PutImageTagMutability',
      'ecr:TagResource',
      'ecr:UntagResource',
    ],
    scope: { kind: 'name', arns: ['arn:{partition}:ecr:{region}:{account}:repository/{name}'] },
  },
  aws_ecr_lifecycle_policy: {
    service: 'ecr',
    read: ['ecr:GetLifecyclePolicy'],
    write: ['ecr:PutLifecyclePolicy', 'ecr:DeleteLifecyclePolicy'],
    scope: { kind: 'name', arns: ['arn:{partition}:ecr:{region}:{account}:repository/{name}'] },
  },
  // Load balancing and scaling.
  aws_lb: {
    service: 'elasticloadbalancing',
    read: [
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeLoadBalancerAttributes',
      'elasticloadbalancing:DescribeTags',
    ],
    write: [
      'elasticloadbalancing:CreateLoadBalancer',
      'elasticloadbalancing:ModifyLoadBalancerAttributes',
      'elasticloadbalancing:SetSecurityGroups',
      'elasticloadbalancing:SetSubnets',
      'elasticloadbalancing:DeleteLoadBalancer',
      'elasticloadbalancing:AddTags',
      'elasticloadbalancing:RemoveTags',
    ],
    scope: {
      kind: 'name',
      arns: ['arn:{partition}:elasticloadbalancing:{region}:{account}:loadbalancer/app/{name}/*'],
    },
  },
  aws_lb_target_group: {
    service: 'elasticloadbalancing',
    read: [
      'elasticloadbalancing:DescribeTargetGroups',
      'elasticloadbalancing:DescribeTargetGroupAttributes',
      'elasticloadbalancing:DescribeTags',
    ],
    write: [
      'elasticloadbalancing:CreateTargetGroup',
      'elasticloadbalancing:ModifyTargetGroup',
      'elasticloadbalancing:ModifyTargetGroupAttributes',
      'elasticloadbalancing:DeleteTargetGroup',
      'elasticloadbalancing:AddTags',
      'elasticloadbalancing:RemoveTags',
    ],
    scope: {
      kind: 'name',
      arns: ['arn:{partition}:elasticloadbalancing:{region}:{account}:targetgroup/{name}/*'],
    },
  },
  aws_lb_listener: {
    service: 'elasticloadbalancing',
    read: [
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeListenerAttributes',
      'elasticloadbalancing:DescribeTags',
    ],
    write: [
      'elasticloadbalancing:CreateListener',
      'elasticloadbalancing:ModifyListener',
      'elasticloadbalancing:DeleteListener',
      'elasticloadbalancing:AddTags',
      'elasticloadbalancing:RemoveTags',
    ],
    scope: {
      kind: 'name',
      arns: [
        'arn:{partition}:elasticloadbalancing:{region}:{account}:listener/app/{name}/*',
        'arn:{partition}:elasticloadbalancing:{region}:{account}:loadbalancer/app/{name}/*',
      ],
    },
  },
  aws_autoscaling_group: {
    service: 'autoscaling',
    read: ['autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeScalingActivities'],
    write: [
      'autoscaling:CreateAutoScalingGroup',
      'autoscaling:UpdateAutoScalingGroup',
      'autoscaling:DeleteAutoScalingGroup',
      'autoscaling:CreateOrUpdateTags',
      'autoscaling:DeleteTags',
      'autoscaling:AttachLoadBalancerTargetGroups',
      'autoscaling:DetachLoadBalancerTargetGroups',
    ],
    scope: {
      kind: 'name',
      arns: [
        'arn:{partition}:autoscaling:{region}:{account}:autoScalingGroup:*:autoScalingGroupName/{name}',
      ],
    },
  },
  aws_autoscaling_policy: {
    service: 'autoscaling',
    read: ['autoscaling:DescribePolicies'],
    write: ['autoscaling:PutScalingPolicy', 'autoscaling:DeletePolicy'],
    scope: {
      kind: 'name',
      arns: [
        'arn:{partition}:autoscaling:{region}:{account}:autoScalingGroup:*:autoScalingGroupName/{name}',
      ],
    },
  },
  aws_appautoscaling_target: {
    service: 'application-autoscaling',
    read: ['application-autoscaling:DescribeScalableTargets'],
    write: [
      'application-autoscaling:RegisterScalableTarget',
      'application-autoscaling:DeregisterScalableTarget',
      'application-autoscaling:TagResource',
      'application-autoscaling:UntagResource',
    ],
    scope: tag,
  },
  aws_appautoscaling_policy: {
    service: 'application-autoscaling',
    read: ['application-autoscaling:DescribeScalingPolicies'],
    write: [
      'application-autoscaling:PutScalingPolicy',
      'application-autoscaling:DeleteScalingPolicy',
    ],
    scope: tag,
  },
  // Observability.
  aws_cloudwatch_log_group: {
    service: 'logs',
    read: ['logs:DescribeLogGroups', 'logs:ListTagsForResource'],
    write: [
      'logs:CreateLogGroup',
      'logs:PutRetentionPolicy',
      'logs:AssociateKmsKey',
      'logs:DisassociateKmsKey',
      'logs:DeleteLogGroup',
      'logs:TagResource',
      'logs:UntagResource',
    ],
    scope: {
      kind: 'name',
      arns: [
        // Aurora's log groups `/aws/rds/cluster/<cluster>/<log>` and the app's
        // `/payment/<suffix>/app`. The trailing `*` also covers the `:*` form of the ARN most
        // Logs actions are authorized on ("Overview of managing access permissions to your
        // CloudWatch Logs resources":
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html).
        'arn:{partition}:logs:{region}:{account}:log-group:/aws/rds/cluster/{name}/*',
        'arn:{partition}:logs:{region}:{account}:log-group:/{prefix}/{suffix}/*',
      ],
    },
  },
  aws_cloudwatch_metric_alarm: {
    service: 'cloudwatch',
    read: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListTagsForResource'],
    write: [
      'cloudwatch:PutMetricAlarm',
      'cloudwatch:DeleteAlarms',
      'cloudwatch:TagResource',
      'cloudwatch:UntagResource',
    ],
    scope: { kind: 'name', arns: ['arn:{partition}:cloudwatch:{region}:{account}:alarm:{name}'] },
  },
  aws_cloudwatch_composite_alarm: {
    service: 'cloudwatch',
    read: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListTagsForResource'],
    write: [
      'cloudwatch:PutCompositeAlarm',
      'cloudwatch:DeleteAlarms',
      'cloudwatch:TagResource',
      'cloudwatch:UntagResource',
    ],
    scope: { kind: 'name', arns: ['arn:{partition}:cloudwatch:{region}:{account}:alarm:{name}'] },
  },
  aws_cloudwatch_dashboard: {
    service: 'cloudwatch',
    read: ['cloudwatch:GetDashboard'],
    write: ['cloudwatch:PutDashboard', 'cloudwatch:DeleteDashboards'],
    scope: { kind: 'name', arns: ['arn:{partition}:cloudwatch::{account}:dashboard/{name}'] },
  },
  aws_sns_topic: {
    service: 'sns',
    read: ['sns:GetTopicAttributes', 'sns:ListTagsForResource'],
    write: [
      'sns:CreateTopic',
      'sns:SetTopicAttributes',
      'sns:DeleteTopic',
      'sns:TagResource',
      'sns:UntagResource',
    ],
    scope: { kind: 'name', arns: ['arn:{partition}:sns:{region}:{account}:{name}'] },
  },
  // The prod alarm topic's e-mail subscription (alarmEmail). sns:Subscribe takes the topic
  // (topic*, list_amazonsns.html), so the topic's name pattern scopes it. The page lists no
  // resource type for sns:Unsubscribe, sns:SetSubscriptionAttributes or
  // sns:GetSubscriptionAttributes: IAM matches them only against "*", whatever the
  // subscription's ARN, so they are granted unscoped (any subscription in the account).
  aws_sns_topic_subscription: {
    service: 'sns',
    read: ['sns:GetSubscriptionAttributes', 'sns:ListSubscriptionsByTopic'],
    write: ['sns:Subscribe', 'sns:Unsubscribe', 'sns:SetSubscriptionAttributes'],
    scope: { kind: 'name', arns: ['arn:{partition}:sns:{region}:{account}:{name}'] },
    unscoped: {
      actions: ['sns:Unsubscribe', 'sns:SetSubscriptionAttributes'],
      why: 'no resource type in the Service Authorization Reference (list_amazonsns.html): only "*" matches',
    },
  },
  aws_sns_topic_policy: {
    service: 'sns',
    read: ['sns:GetTopicAttributes'],
    write: ['sns:SetTopicAttributes'],
    scope: { kind: 'name', arns: ['arn:{partition}:sns:{region}:{account}:{name}'] },
  },
  aws_secretsmanager_secret_policy: {
    service: 'secretsmanager',
    read: ['secretsmanager:GetResourcePolicy', 'secretsmanager:DescribeSecret'],
    write: ['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy'],
    scope: { kind: 'name', arns: ['arn:{partition}:secretsmanager:{region}:{account}:secret:*'] },
  },
  aws_wafv2_web_acl: {
    service: 'wafv2',
    read: ['wafv2:GetWebACL', 'wafv2:ListTagsForResource'],
    write: [
      'wafv2:CreateWebACL',
      'wafv2:UpdateWebACL',
      'wafv2:DeleteWebACL',
      'wafv2:TagResource',
      'wafv2:UntagResource',
    ],
    scope: {
      kind: 'name',
      arns: [
        'arn:{partition}:wafv2:{region}:{account}:regional/webacl/{name}/*',
        'arn:{partition}:wafv2:{region}:{account}:regional/managedruleset/*/*',
      ],
    },
  },
  aws_wafv2_web_acl_association: {
    service: 'wafv2',
    read: ['wafv2:GetWebACLForResource'],
    // elasticloadbalancing:SetWebAcl (so spelt in list_awselasticloadbalancingv2.html; it was
    // written SetWebACL here, which IAM's case-insensitive matching forgave) is the dependent
    // action of wafv2:AssociateWebACL/DisassociateWebACL on an ALB.
    write: ['wafv2:AssociateWebACL', 'wafv2:DisassociateWebACL', 'elasticloadbalancing:SetWebAcl'],
    unscoped: {
      actions: ['elasticloadbalancing:SetWebAcl'],
      why: 'a permission-only action with no resource type (list_awselasticloadbalancingv2.html): only "*" matches',
    },
    scope: {
      kind: 'name',
      arns: [
        'arn:{partition}:wafv2:{region}:{account}:regional/webacl/{name}/*',
        'arn:{partition}:elasticloadbalancing:{region}:{account}:loadbalancer/app/{name}/*',
      ],
    },
  },
  aws_wafv2_web_acl_logging_configuration: {
    service: 'wafv2',
    read: ['wafv2:GetLoggingConfiguration'],
    write: ['wafv2:PutLoggingConfiguration', 'wafv2:DeleteLoggingConfiguration'],
    scope: {
      kind: 'name',
      arns: ['arn:{partition}:wafv2:{region}:{account}:regional/webacl/{name}/*'],
    },
  },
  // A custom domain with Route 53 validation (certificate.domainName + hostedZoneId): the
  // validation CNAME and the alias A record. The zone is the customer's, shared by every
  // environment in it, so the grant names the zone and only this stack's record names.
  aws_route53_record: {
    service: 'route53',
    read: ['route53:GetHostedZone', 'route53:ListResourceRecordSets', 'route53:GetChange'],
    write: ['route53:ChangeResourceRecordSets'],
    scope: { kind: 'hosted-zone' },
  },
  // No AWS object: the provider waits until the certificate is issued.
  aws_acm_certificate_validation: {
    service: 'acm',
    read: ['acm:DescribeCertificate'],
    write: [],
    scope: { kind: 'none', why: 'read only: it waits for the certificate (DescribeCertificate)' },
  },
  aws_acm_certificate: {
    service: 'acm',
    read: ['acm:DescribeCertificate', 'acm:ListTagsForCertificate'],
    write: [
      'acm:ImportCertificate',
      'acm:RequestCertificate',
      'acm:DeleteCertificate',
      'acm:AddTagsToCertificate',
      'acm:RemoveTagsFromCertificate',
    ],
    scope: tag,
  },
  // Data sources: read-only calls.
  'data.aws_availability_zones': {
    service: 'ec2',
    read: ['ec2:DescribeAvailabilityZones'],
    write: [],
    scope: { kind: 'none', why: 'read only' },
  },
  'data.aws_caller_identity': {
    service: 'sts',
    read: ['sts:GetCallerIdentity'],
    write: [],
    scope: { kind: 'none', why: 'read only' },
  },
  'data.aws_elb_service_account': {
    service: 'elasticloadbalancing',
    read: NO_ARN_READS,
    write: [],
    scope: { kind: 'none', why: 'a table inside the provider: no AWS call' },
    local: true,
  },
  'data.aws_partition': {
    service: 'sts',
    read: NO_ARN_READS,
    write: [],
    scope: { kind: 'none', why: 'computed by the provider: no AWS call' },
    local: true,
  },
  'data.aws_region': {
    service: 'sts',
    read: NO_ARN_READS,
    write: [],
    scope: { kind: 'none', why: 'computed by the provider: no AWS call' },
    local: true,
  },
};

/** Types of other providers (random, tls): computed locally, no AWS permission. */
export const LOCAL_PROVIDER_PREFIXES = ['random_', 'tls_'] as const;

/** An IAM action as the Service Authorization Reference spells it: `prefix:PascalCaseName`. */
export const ACTION_SYNTAX = /^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/;

/**
 * What can be checked of the table offline (the tests run it on `IAM_ACTIONS`): each action's
 * syntax; its prefix is the entry's service or a listed cross-service call; no action twice in
 * one entry; `unscoped` names only the entry's own writes; the exception lists name only
 * actions the table uses. It does not check that an action exists in AWS or is sufficient:
 * that was done against the reference pages (see the header), and a live apply proves it.
 */
export function actionTableProblems(
  table: Readonly<Record<string, ResourceActions>>,
  crossService: Readonly<Record<string, string>> = CROSS_SERVICE,
  actsOnExisting: ReadonlySet<string> = ACTS_ON_EXISTING,
): string[] {
  const problems: string[] = [];
  const used = new Set<string>();
  for (const [type, entry] of Object.entries(table)) {
    const all = [...entry.read, ...entry.write];
    const seen = new Set<string>();
    for (const action of all) {
      used.add(action);
      if (!ACTION_SYNTAX.test(action)) {
        problems.push(
          `${type}: "${action}" is not an IAM action (expected prefix:Name, e.g. ec2:CreateVpc)`,
        );
        continue;
      }
      const prefix = action.slice(0, action.indexOf(':'));
      if (prefix !== entry.service && !(action in crossService)) {
        problems.push(
          `${type}: "${action}" is not a ${entry.service} action and is not listed in CROSS_SERVICE`,
        );
      }
      if (seen.has(action)) problems.push(`${type}: "${action}" is listed twice`);
      seen.add(action);
    }
    for (const action of entry.unscoped?.actions ?? []) {
      if (!entry.write.includes(action)) {
        problems.push(`${type}: unscoped "${action}" is not one of its write actions`);
      }
    }
  }
  for (const action of [...Object.keys(crossService), ...actsOnExisting]) {
    if (!used.has(action))
      problems.push(`"${action}" is listed as an exception but no entry uses it`);
  }
  return problems;
}
