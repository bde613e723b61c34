/**
 * Deploy identities for CI, made once per account (in the account-global stack: IAM is
 * global, and one OIDC provider per issuer URL is all an account may hold): the issuer's IAM
 * OIDC provider, the permissions boundary of every role an apply role creates, and per
 * environment a plan role and an apply role. No access key anywhere: CI exchanges its job's
 * OIDC token for a role session.
 *
 * The names (`ci-payment-...`) never start with `payment-`, so no environment's generated
 * policy, scoped to `payment-*-<env>`, reaches them; explicit denials say the same again.
 */
import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktn';
import { IamOpenidConnectProvider } from '@cdktn/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktn/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import type { PolicyDocument, PolicyStatement } from '../../permissions/deploy-policy';
import { pack } from '../../permissions/deploy-policy';
import { CI_BOUNDARY_NAME, CI_NAME_PREFIX, ciRoleName } from '../../naming/naming';
import { CI_ENVIRONMENT_TAG, CI_PROFILE_TAG, CI_ROLE_TAG } from '../../tfjson/markers';
import type { CiIssuer, CiRoleKind } from './trust';
import { trustPolicy } from './trust';

export { CI_BOUNDARY_NAME, CI_NAME_PREFIX, ciRoleName } from '../../naming/naming';
/** The alias every state-bucket key carries (`npm run bootstrap`, StateBucketStack). */
export const STATE_KEY_ALIAS_PATTERN = 'alias/payment-tfstate-*';

/** Where an environment's Terraform state is, read from its synthesized S3 backend. */
export interface CiStateLocation {
  readonly bucket: string;
  readonly region: string;
  /** `<name>/payment-<name>.tfstate`. */
  readonly key: string;
  /** The backend's `kms_key_id` (key or alias ARN); absent: the bucket's default key. */
  readonly kmsKeyId?: string;
}

export interface CiEnvironmentProps {
  /** The environment's name (its suffix). */
  readonly name: string;
  /** Prod profile: its plan role is never assumable from a pull request. */
  readonly prod: boolean;
  readonly state: CiStateLocation;
  /** What planning reads (the provider's refresh calls for the stack's resource types). */
  readonly readActions: readonly string[];
  /** The apply role's managed policies, generated from the environment's synthesized stack. */
  readonly applyPolicies: readonly PolicyDocument[];
}

export interface CiDeployRolesProps {
  readonly issuer: CiIssuer;
  /** The branch that deploys: plan roles trust its pushes. */
  readonly branch: string;
  readonly accountId: string;
  readonly partition: string;
  /**
   * Name patterns of the account baseline's resources (buckets, log groups, rules) that no CI
   * role and no role it creates may change.
   */
  readonly baselineNamePatterns: {
    readonly buckets: string;
    readonly logGroups: string;
    readonly eventRules: string;
    readonly keyAliases: string;
  };
  readonly environments: readonly CiEnvironmentProps[];
}

/** The ARNs a state location stands for. */
export function stateArns(
  partition: string,
  accountId: string,
  state: CiStateLocation,
): { bucket: string; object: string; lock: string; keys: string } {
  const bucket = `arn:${partition}:s3:::${state.bucket}`;
  return {
    bucket,
    object: `${bucket}/${state.key}`,
    // S3-native locking (use_lockfile) writes `<key>.tflock` beside the state: "S3 bucket
    // permissions" of https://developer.hashicorp.com/terraform/language/backend/s3.
    lock: `${bucket}/${state.key}.tflock`,
    keys:
      state.kmsKeyId && /:key\//.test(state.kmsKeyId)
        ? state.kmsKeyId
        : `arn:${partition}:kms:${state.region}:${accountId}:key/*`,
  };
}

/**
 * Reading the environment's state and writing its lock (plan), or its state too (apply); the
 * state key only through S3 in the bucket's Region (`kms:ViaService`: "AWS KMS condition
 * keys", https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service).
 * The key's ARN when the backend names one (`kmsKeyId`); otherwise (an alias, or the bucket's
 * default key) any key of the account in that Region, still only through S3.
 */
export function stateStatements(
  props: Pick<CiDeployRolesProps, 'partition' | 'accountId'>,
  environment: CiEnvironmentProps,
  kind: CiRoleKind,
): PolicyStatement[] {
  const arns = stateArns(props.partition, props.accountId, environment.state);
  return [
    { Sid: 'ListStateBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: arns.bucket },
    {
      Sid: kind === 'apply' ? 'ReadWriteOwnState' : 'ReadOwnState',
      Effect: 'Allow',
      Action: kind === 'apply' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'],
      Resource: arns.object,
    },
    {
      Sid: 'OwnLock',
      Effect: 'Allow',
      Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      Resource: arns.lock,
    },
    {
      Sid: 'StateKeyThroughS3',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: arns.keys,
      Condition: {
        StringEquals: { 'kms:ViaService': `s3.${environment.state.region}.amazonaws.com` },
      },
    },
  ];
}

const IAM_WRITES = [
  'iam:Add*',
  'iam:Attach*',
  'iam:Create*',
  'iam:Delete*',
  'iam:Detach*',
  'iam:PassRole',
  'iam:Put*',
  'iam:Remove*',
  'iam:Set*',
  'iam:Tag*',
  'iam:Untag*',
  'iam:Update*',
];

const KEY_ADMIN = [
  'kms:CancelKeyDeletion',
  'kms:CreateGrant',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
];

/**
 * What neither an apply role nor any role it creates may do, whatever else it is granted:
 * change a CI identity or the boundary (so no role rewrites its own trust or policy), another
 * environment's state, the state buckets and their keys, or the account baseline.
 */
export function guardrailStatements(
  props: Pick<CiDeployRolesProps, 'partition' | 'accountId' | 'baselineNamePatterns'>,
  states: readonly CiStateLocation[],
  own?: CiStateLocation,
): PolicyStatement[] {
  const { partition, accountId } = props;
  const iam = (path: string) => `arn:${partition}:iam::${accountId}:${path}`;
  const buckets = [...new Set(states.map((s) => `arn:${partition}:s3:::${s.bucket}`))];
  const keys = [
    ...new Set(
      states.map((s) => s.kmsKeyId).filter((k): k is string => k !== undefined && /:key\//.test(k)),
    ),
  ];
  const patterns = props.baselineNamePatterns;
  const statements: PolicyStatement[] = [
    {
      Sid: 'NoChangeToCiIdentities',
      Effect: 'Deny',
      Action: IAM_WRITES,
      Resource: [
        iam(`role/${CI_NAME_PREFIX}-*`),
        iam(`policy/${CI_NAME_PREFIX}-*`),
        iam('oidc-provider/*'),
      ],
    },
    {
      Sid: 'NoAssumingCiRoles',
      Effect: 'Deny',
      Action: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
      Resource: iam(`role/${CI_NAME_PREFIX}-*`),
    },
    {
      Sid: 'NoChangeToStateBuckets',
      Effect: 'Deny',
      Action: [
        's3:DeleteBucket',
        's3:DeleteBucketPolicy',
        's3:PutBucketAcl',
        's3:PutBucketLogging',
        's3:PutBucketObjectLockConfiguration',
        's3:PutBucketOwnershipControls',
        's3:PutBucketPolicy',
        's3:PutBucketPublicAccessBlock',
        's3:PutBucketVersioning',
        's3:PutEncryptionConfiguration',
        's3:PutLifecycleConfiguration',
        's3:PutReplicationConfiguration',
      ],
      Resource: buckets,
    },
    {
      Sid: 'NoChangeToStateKeys',
      Effect: 'Deny',
      Action: KEY_ADMIN,
      Resource: '*',
      Condition: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': STATE_KEY_ALIAS_PATTERN } },
    },
    ...(keys.length > 0
      ? [
          {
            Sid: 'NoChangeToNamedStateKeys',
            Effect: 'Deny' as const,
            Action: KEY_ADMIN,
            Resource: keys,
          },
        ]
      : []),
    {
      Sid: 'NoChangeToBaselineKeys',
      Effect: 'Deny',
      Action: KEY_ADMIN,
      Resource: '*',
      Condition: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': patterns.keyAliases } },
    },
    {
      Sid: 'NoChangeToBaseline',
      Effect: 'Deny',
      Action: [
        'access-analyzer:DeleteAnalyzer',
        'cloudtrail:DeleteTrail',
        'cloudtrail:PutEventSelectors',
        'cloudtrail:StopLogging',
        'cloudtrail:UpdateTrail',
        'config:DeleteConfigurationRecorder',
        'config:DeleteConformancePack',
        'config:DeleteDeliveryChannel',
        'config:PutConfigurationRecorder',
        'config:PutDeliveryChannel',
        'config:StopConfigurationRecorder',
        'ec2:DisableEbsEncryptionByDefault',
        'ec2:ModifyEbsDefaultKmsKeyId',
        'ec2:ResetEbsDefaultKmsKeyId',
        'guardduty:DeleteDetector',
        'guardduty:UpdateDetector',
        'inspector2:Disable',
        's3:PutAccountPublicAccessBlock',
        'securityhub:BatchDisableStandards',
        'securityhub:DisableSecurityHub',
        'ssm:DeleteDocument',
        'ssm:UpdateDocument',
        'ssm:UpdateDocumentDefaultVersion',
      ],
      Resource: '*',
    },
    {
      Sid: 'NoChangeToBaselineResources',
      Effect: 'Deny',
      Action: [
        'events:DeleteRule',
        'events:DisableRule',
        'events:PutRule',
        'events:PutTargets',
        'events:RemoveTargets',
        'logs:DeleteLogGroup',
        'logs:DeleteRetentionPolicy',
        'logs:DisassociateKmsKey',
        'logs:PutRetentionPolicy',
        's3:Delete*',
        's3:PutBucket*',
        's3:PutEncryptionConfiguration',
        's3:PutLifecycleConfiguration',
        's3:PutObjectLegalHold',
        's3:PutObjectRetention',
        's3:PutReplicationConfiguration',
      ],
      Resource: [
        `arn:${partition}:s3:::${patterns.buckets}`,
        `arn:${partition}:s3:::${patterns.buckets}/*`,
        `arn:${partition}:logs:*:${accountId}:log-group:${patterns.logGroups}`,
        `arn:${partition}:events:*:${accountId}:rule/${patterns.eventRules}`,
      ],
    },
  ];
  statements.push(...otherStateDenial(partition, accountId, states, own));
  return statements;
}

/** Denies every state object (and lock) of `states` but `own`. */
function otherStateDenial(
  partition: string,
  accountId: string,
  states: readonly CiStateLocation[],
  own: CiStateLocation | undefined,
): PolicyStatement[] {
  const others = states
    .filter((s) => s !== own)
    .flatMap((s) => {
      const arns = stateArns(partition, accountId, s);
      return [arns.object, arns.lock];
    });
  return others.length === 0
    ? []
    : [
        {
          Sid: 'NoOtherEnvironmentsState',
          Effect: 'Deny',
          Action: ['s3:DeleteObject', 's3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
          Resource: others,
        },
      ];
}

/** The plan role's policy documents: reads, its own state, its lock, nothing else. */
export function planPolicies(
  props: CiDeployRolesProps,
  environment: CiEnvironmentProps,
): PolicyDocument[] {
  return pack([
    { Sid: 'Read', Effect: 'Allow', Action: [...environment.readActions], Resource: '*' },
    ...stateStatements(props, environment, 'plan'),
    ...otherStateDenial(
      props.partition,
      props.accountId,
      props.environments.map((e) => e.state),
      environment.state,
    ),
  ]);
}

/** The apply role's inline policy: its state and the guardrails. */
export function applyInlinePolicy(
  props: CiDeployRolesProps,
  environment: CiEnvironmentProps,
): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      ...stateStatements(props, environment, 'apply'),
      ...guardrailStatements(
        props,
        props.environments.map((e) => e.state),
        environment.state,
      ),
    ],
  };
}

/** The permissions boundary: a ceiling for the roles apply roles create, never a grant. */
export function boundaryPolicy(props: CiDeployRolesProps): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      // A boundary grants nothing by itself: the role's own policies do, within it.
      { Sid: 'Ceiling', Effect: 'Allow', Action: ['*'], Resource: '*' },
      { Sid: 'NoIamChanges', Effect: 'Deny', Action: IAM_WRITES, Resource: '*' },
      {
        Sid: 'NoStateAccess',
        Effect: 'Deny',
        Action: ['s3:*'],
        Resource: [
          ...new Set(
            props.environments.flatMap((e) => [
              `arn:${props.partition}:s3:::${e.state.bucket}`,
              `arn:${props.partition}:s3:::${e.state.bucket}/*`,
            ]),
          ),
        ],
      },
      // No `own`: every state object is denied, by the statement above as well.
      ...guardrailStatements(
        props,
        props.environments.map((e) => e.state),
      ),
    ],
  };
}

export class CiDeployRoles extends Construct {
  readonly provider: IamOpenidConnectProvider;
  readonly boundary: IamPolicy;
  readonly roles: ReadonlyMap<string, { readonly plan: IamRole; readonly apply: IamRole }>;

  constructor(scope: Construct, id: string, props: CiDeployRolesProps) {
    super(scope, id);
    const { issuer } = props;
    // No thumbprint_list: since July 2023 IAM verifies GitHub's (and GitLab's) OIDC endpoint
    // with its library of trusted root CAs and no longer uses a configured thumbprint
    // (UpdateOpenIDConnectProviderThumbprint, IAM API Reference:
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateOpenIDConnectProviderThumbprint.html);
    // the provider made thumbprint_list optional (hashicorp/terraform-provider-aws#37255,
    // before 5.100.0, which `terraform validate` accepts without it).
    this.provider = new IamOpenidConnectProvider(this, 'OidcProvider', {
      url: issuer.url,
      clientIdList: [issuer.audience],
    });
    this.boundary = new IamPolicy(this, 'Boundary', {
      name: CI_BOUNDARY_NAME,
      description:
        'Permissions boundary of every role a CI apply role creates: no IAM changes, no state, no baseline',
      policy: JSON.stringify(boundaryPolicy(props)),
    });

    const roles = new Map<string, { plan: IamRole; apply: IamRole }>();
    for (const environment of props.environments) {
      const role = (kind: CiRoleKind) =>
        new IamRole(this, `${environment.name}-${kind}`, {
          name: ciRoleName(environment.name, kind),
          description: `CI ${kind} role of environment ${environment.name} (${issuer.kind} OIDC, no keys)`,
          maxSessionDuration: 3600,
          tags: {
            [CI_ROLE_TAG]: kind,
            [CI_ENVIRONMENT_TAG]: environment.name,
            [CI_PROFILE_TAG]: environment.prod ? 'prod' : 'non-prod',
          },
          assumeRolePolicy: JSON.stringify(
            trustPolicy({
              issuer,
              providerArn: this.provider.arn,
              kind,
              environment: environment.name,
              prod: environment.prod,
              branch: props.branch,
            }),
          ),
        });
      const plan = role('plan');
      const apply = role('apply');
      this.attach(plan, environment.name, 'plan', planPolicies(props, environment));
      this.attach(apply, environment.name, 'apply', environment.applyPolicies, [this.boundary]);
      new IamRolePolicy(this, `${environment.name}-apply-guardrails`, {
        name: 'state-and-guardrails',
        role: apply.name,
        policy: JSON.stringify(applyInlinePolicy(props, environment)),
      });
      roles.set(environment.name, { plan, apply });
      const output = environment.name.replaceAll('-', '_');
      new TerraformOutput(scope, `ci_${output}_plan_role_arn`, {
        value: plan.arn,
        description: `The plan role of ${environment.name} (what npm run ci-identity -- --env ${environment.name} prints as plan-role-arn)`,
      });
      new TerraformOutput(scope, `ci_${output}_apply_role_arn`, {
        value: apply.arn,
        description: `The apply role of ${environment.name} (what npm run ci-identity -- --env ${environment.name} prints as apply-role-arn)`,
      });
    }
    this.roles = roles;
    new TerraformOutput(scope, 'ci_permissions_boundary_arn', {
      value: this.boundary.arn,
      description: 'The permissions boundary every role created by a CI apply role carries',
    });
  }

  private attach(
    role: IamRole,
    environment: string,
    kind: CiRoleKind,
    documents: readonly PolicyDocument[],
    dependsOn: readonly IamPolicy[] = [],
  ): void {
    documents.forEach((document, i) => {
      const policy = new IamPolicy(this, `${environment}-${kind}-${i + 1}`, {
        name: `${ciRoleName(environment, kind)}-${i + 1}`,
        policy: JSON.stringify(document),
        dependsOn: [...dependsOn],
      });
      new IamRolePolicyAttachment(this, `${environment}-${kind}-${i + 1}-attachment`, {
        role: role.name,
        policyArn: policy.arn,
      });
    });
  }
}
