/**
 * The AWS Security Hub CSPM controls an assessor will run against what these stacks create,
 * and whether each synthesized stack would pass them, computed like the gate's rules: from the
 * rules that check the same thing (their status in the gate's report) or from the graph.
 * Controls that look at account-wide settings (GuardDuty, Inspector, EBS default encryption,
 * account-level S3 Block Public Access) are the account baseline's business, not a stack's:
 * they are listed with why.
 *
 * Each control's ID, title and PCI DSS v4.0.1 mapping are copied from its entry in the Security
 * Hub CSPM User Guide's control pages ("Related requirements"), read December 2026:
 * https://docs.aws.amazon.com/securityhub/latest/userguide/<service>-controls.html
 * (ec2-, s3-, elb-, waf-, kms-, rds-, ecr-, secretsmanager-, ssm-, guardduty-, inspector-).
 * `pci` is empty where the control has no PCI DSS v4.0.1 requirement (some still list v3.2.1
 * ones, e.g. EC2.2 and SSM.1; EC2.7 lists none).
 */
import type { StackResult, RuleStatus } from './engine';
import type { StackGraph } from '../tfjson/graph';

export type ControlStatus = RuleStatus | 'account' | 'deployed';

export interface ControlResult {
  readonly status: ControlStatus;
  /** Why, in a few words: the rules and their status, or the reason. */
  readonly why: string;
}

export interface SecurityHubControl {
  readonly id: string;
  readonly title: string;
  /** PCI DSS v4.0.1 requirements Security Hub maps the control to; empty when none. */
  readonly pci: readonly string[];
  /** The CloudFormation resource type the control evaluates (`AWS::::Account` for account-wide). */
  readonly resourceType: string;
  /**
   * How the stack's status is decided:
   * - `rules`: the worst status of these gate rules (fail, unknown, suppressed, pass; n/a when
   *   none applies), unless `notApplicable` gives a reason the control does not apply;
   * - `account`: an account-wide setting, not in any stack;
   * - `graph`: computed from the stack's graph.
   */
  readonly evaluation:
    | {
        readonly kind: 'rules';
        readonly rules: readonly string[];
        readonly notApplicable?: (stack: StackResult) => string | undefined;
      }
    | {
        readonly kind: 'account';
        readonly why: string;
        /**
         * The gate rules that check the setting where a stack makes it (the account baseline's
         * stacks, docs/account-baseline.md): such a stack takes their status. @default none
         */
        readonly baseline?: readonly string[];
      }
    | { readonly kind: 'graph'; readonly evaluate: (graph: StackGraph) => ControlResult };
}

const rules = (...ids: string[]) => ({ kind: 'rules' as const, rules: ids });
const account = (why: string, ...baseline: string[]) => ({
  kind: 'account' as const,
  why,
  ...(baseline.length > 0 ? { baseline } : {}),
});

export const SECURITY_HUB_CONTROLS: readonly SecurityHubControl[] = [
  {
    id: 'EC2.2',
    title: 'VPC default security groups should not allow inbound or outbound traffic',
    pci: [],
    resourceType: 'AWS::EC2::SecurityGroup',
    evaluation: rules('PAY-VPC-002'),
  },
  {
    id: 'EC2.6',
    title: 'VPC flow logging should be enabled in all VPCs',
    pci: [],
    resourceType: 'AWS::EC2::VPC',
    evaluation: rules('PAY-VPC-001'),
  },
  {
    id: 'EC2.7',
    title: 'EBS default encryption should be enabled',
    pci: [],
    resourceType: 'AWS::::Account',
    evaluation: account(
      'account setting (EBS encryption by default); the stacks encrypt every volume they create themselves (PAY-EC2-002)',
      'PAY-ACCT-009',
    ),
  },
  {
    id: 'EC2.8',
    title: 'EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)',
    pci: ['2.2.6'],
    resourceType: 'AWS::EC2::Instance',
    evaluation: rules('PAY-EC2-001'),
  },
  {
    id: 'EC2.13',
    title: 'Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 22',
    pci: ['1.3.1'],
    resourceType: 'AWS::EC2::SecurityGroup',
    evaluation: rules('PAY-SG-002'),
  },
  {
    id: 'EC2.14',
    title: 'Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 3389',
    pci: ['1.3.1'],
    resourceType: 'AWS::EC2::SecurityGroup',
    evaluation: rules('PAY-SG-003'),
  },
  {
    id: 'EC2.15',
    title: 'EC2 subnets should not automatically assign public IP addresses',
    pci: ['1.4.4'],
    resourceType: 'AWS::EC2::Subnet',
    evaluation: rules('PAY-VPC-003'),
  },
  {
    id: 'EC2.16',
    title: 'Unused Network Access Control Lists should be removed',
    pci: ['1.2.7'],
    resourceType: 'AWS::EC2::NetworkAcl',
    evaluation: {
      kind: 'graph',
      evaluate(graph) {
        // The control skips the default ACL; a custom ACL with no subnet fails it.
        const unused = graph
          .resources('aws_network_acl')
          .filter(
            (acl) =>
              acl.attrs['subnet_ids'] === undefined &&
              graph
                .refsTo(acl.address)
                .every((e) => graph.block(e.from)?.type !== 'aws_network_acl_association'),
          );
        if (unused.length > 0)
          return {
            status: 'fail',
            why: `no subnet uses ${unused.map((a) => a.address).join(', ')}`,
          };
        return graph.resources('aws_network_acl').length === 0
          ? { status: 'n/a', why: 'no network ACL but the default, which the control skips' }
          : { status: 'pass', why: 'every network ACL has subnets' };
      },
    },
  },
  {
    id: 'EC2.21',
    title: 'Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389',
    pci: ['1.3.1'],
    resourceType: 'AWS::EC2::NetworkAcl',
    // Stricter than the control, which skips the default ACL: PAY-VPC-009 checks it too.
    evaluation: rules('PAY-VPC-009'),
  },
  {
    id: 'S3.1',
    title: 'S3 general purpose buckets should have block public access settings enabled',
    pci: ['1.4.4'],
    resourceType: 'AWS::::Account',
    evaluation: account(
      'account-level S3 Block Public Access; every bucket of the stacks blocks public access itself (S3.8)',
      'PAY-ACCT-010',
    ),
  },
  {
    id: 'S3.5',
    title: 'S3 general purpose buckets should require requests to use SSL',
    pci: ['4.2.1'],
    resourceType: 'AWS::S3::Bucket',
    evaluation: rules('PAY-S3-014'),
  },
  {
    id: 'S3.8',
    title: 'S3 general purpose buckets should block public access',
    pci: ['1.4.4'],
    resourceType: 'AWS::S3::Bucket',
    evaluation: rules('PAY-S3-006', 'PAY-S3-007', 'PAY-S3-008', 'PAY-S3-009', 'PAY-S3-010'),
  },
  {
    id: 'S3.9',
    title: 'S3 general purpose buckets should have server access logging enabled',
    pci: ['10.2.1'],
    resourceType: 'AWS::S3::Bucket',
    evaluation: rules('PAY-S3-005'),
  },
  {
    id: 'ELB.1',
    title: 'Application Load Balancer should be configured to redirect all HTTP requests to HTTPS',
    pci: [],
    resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    evaluation: rules('PAY-ALB-007'),
  },
  {
    id: 'ELB.4',
    title: 'Application Load Balancer should be configured to drop invalid http headers',
    pci: ['6.2.4'],
    resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    evaluation: rules('PAY-ALB-001'),
  },
  {
    id: 'ELB.5',
    title: 'Application and Classic Load Balancers logging should be enabled',
    pci: [],
    resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    evaluation: rules('PAY-ALB-003'),
  },
  {
    id: 'ELB.12',
    title:
      'Application Load Balancer should be configured with defensive or strictest desync mitigation mode',
    pci: ['6.2.4'],
    resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    evaluation: rules('PAY-ALB-004'),
  },
  {
    id: 'ELB.16',
    title: 'Application Load Balancers should be associated with an AWS WAF web ACL',
    pci: [],
    resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    evaluation: rules('PAY-ALB-005'),
  },
  {
    id: 'WAF.11',
    title: 'AWS WAF web ACL logging should be enabled',
    pci: ['10.4.2'],
    resourceType: 'AWS::WAFv2::WebACL',
    evaluation: rules('PAY-WAF-004'),
  },
  {
    id: 'KMS.4',
    title: 'AWS KMS key rotation should be enabled',
    pci: ['3.7.4'],
    resourceType: 'AWS::KMS::Key',
    evaluation: rules('PAY-KMS-001'),
  },
  {
    id: 'RDS.7',
    title: 'RDS clusters should have deletion protection enabled',
    pci: [],
    resourceType: 'AWS::RDS::DBCluster',
    evaluation: rules('PAY-RDS-003'),
  },
  {
    id: 'RDS.27',
    title: 'RDS DB clusters should be encrypted at rest',
    pci: [],
    resourceType: 'AWS::RDS::DBCluster',
    evaluation: rules('PAY-RDS-001'),
  },
  {
    id: 'RDS.34',
    title: 'Aurora MySQL DB clusters should publish audit logs to CloudWatch Logs',
    pci: ['10.2.1'],
    resourceType: 'AWS::RDS::DBCluster',
    evaluation: {
      ...rules('PAY-RDS-006', 'PAY-RDS-017'),
      notApplicable: (stack) =>
        stack.shape.database === 'aurora-mysql'
          ? undefined
          : 'Aurora MySQL only (this stack runs Aurora PostgreSQL)',
    },
  },
  {
    id: 'RDS.35',
    title: 'RDS DB clusters should have automatic minor version upgrade enabled',
    pci: ['6.3.3'],
    resourceType: 'AWS::RDS::DBCluster',
    evaluation: rules('PAY-RDS-010'),
  },
  {
    id: 'ECR.1',
    title: 'ECR private repositories should have image scanning configured',
    pci: ['6.2.3', '6.2.4'],
    resourceType: 'AWS::ECR::Repository',
    evaluation: rules('PAY-ECR-001'),
  },
  {
    id: 'SecretsManager.1',
    title: 'Secrets Manager secrets should have automatic rotation enabled',
    pci: ['8.6.3', '8.3.9'],
    resourceType: 'AWS::SecretsManager::Secret',
    evaluation: {
      kind: 'graph',
      evaluate(graph) {
        const secrets = graph.resources('aws_secretsmanager_secret');
        const rotated = new Set(
          graph
            .resources('aws_secretsmanager_secret_rotation')
            .flatMap((r) => graph.refsFrom(r.address, 'secret_id').map((e) => e.to)),
        );
        const unrotated = secrets.filter((s) => !rotated.has(s.address));
        if (unrotated.length > 0)
          return {
            status: 'fail',
            why: `${unrotated.map((s) => s.address).join(', ')} has no rotation`,
          };
        if (secrets.length > 0) return { status: 'pass', why: 'every secret rotates (PAY-SM-002)' };
        return graph
          .resources('aws_rds_cluster')
          .some((c) => c.attrs['manage_master_user_password'] === true)
          ? {
              status: 'deployed',
              why: 'the only secret is the RDS-managed master secret (rds!cluster-*): RDS turns its rotation on (7 days) when it creates it',
            }
          : { status: 'n/a', why: 'no secret' };
      },
    },
  },
  {
    id: 'SSM.1',
    title: 'Amazon EC2 instances should be managed by AWS Systems Manager',
    pci: [],
    resourceType: 'AWS::EC2::Instance',
    evaluation: {
      kind: 'graph',
      evaluate(graph) {
        const ec2 =
          graph.resources('aws_autoscaling_group').length + graph.resources('aws_instance').length;
        return ec2 === 0
          ? { status: 'n/a', why: 'no EC2 instance (Fargate)' }
          : {
              status: 'deployed',
              why: 'decided by the running instances registering with SSM; the stacks give every instance the Session Manager permissions (PAY-IAM-008)',
            };
      },
    },
  },
  {
    id: 'GuardDuty.1',
    title: 'GuardDuty should be enabled',
    pci: ['11.5.1'],
    resourceType: 'AWS::::Account',
    evaluation: account(
      'account and Region setting: the account baseline enables GuardDuty',
      'PAY-ACCT-005',
    ),
  },
  {
    id: 'Inspector.1',
    title: 'Amazon Inspector EC2 scanning should be enabled',
    pci: ['11.3.1'],
    resourceType: 'AWS::::Account',
    evaluation: account(
      'account setting: scans the app instances and the admin host (compute.kind "ec2")',
      'PAY-ACCT-011',
    ),
  },
  {
    id: 'Inspector.2',
    title: 'Amazon Inspector ECR scanning should be enabled',
    pci: ['11.3.1'],
    resourceType: 'AWS::::Account',
    evaluation: account(
      'account setting: enhanced scanning of the app image repository (compute.kind "ecs-fargate")',
      'PAY-ACCT-011',
    ),
  },
];

/** Worst first: the status a control takes when its rules disagree. */
const ORDER: readonly RuleStatus[] = ['fail', 'unknown', 'suppressed', 'pass', 'n/a'];

/** Whether one stack would pass one control, and why. */
export function controlResult(
  control: SecurityHubControl,
  stack: StackResult,
  graph: StackGraph | undefined,
): ControlResult {
  const e = control.evaluation;
  if (e.kind === 'account') {
    // A stack that makes the setting (the account baseline's) passes or fails by its rules.
    const made = (e.baseline ?? [])
      .map((id) => ({ id, status: stack.status[id] ?? 'n/a' }))
      .filter((x) => x.status !== 'n/a');
    const worst = ORDER.find((s) => made.some((x) => x.status === s));
    if (!worst) return { status: 'account', why: e.why };
    return {
      status: worst,
      why: `${made.map((x) => x.id).join(', ')} ${worst}: the account baseline turns it on here`,
    };
  }
  if (e.kind === 'graph') {
    return graph ? e.evaluate(graph) : { status: 'unknown', why: 'stack graph not available' };
  }
  const reason = e.notApplicable?.(stack);
  if (reason) return { status: 'n/a', why: reason };
  const statuses = e.rules.map((id) => ({ id, status: stack.status[id] ?? 'n/a' }));
  const worst = ORDER.find((s) => statuses.some((x) => x.status === s)) ?? 'n/a';
  const named = statuses.filter((x) => x.status === worst).map((x) => x.id);
  return {
    status: worst,
    why:
      worst === 'n/a'
        ? `no resource ${e.rules.join(', ')} look at`
        : `${named.join(', ')} ${worst === 'fail' ? 'fail' : worst}`,
  };
}
