import { IAM_TYPES, managedPolicyAttachments } from '../../checks/identity-policies';
import { graphRule } from '../../rule';

/**
 * AWS managed policies written for "any instance in any account", which grant far more than one
 * workload needs: AmazonSSMManagedInstanceCore allows ssm:GetParameter(s) on every parameter of
 * the account; CloudWatchAgentServerPolicy allows logs:CreateLogGroup on "*" (a log group with
 * no key and no retention) and ssm:GetParameter on every AmazonCloudWatch-* parameter.
 */
const ACCOUNT_WIDE =
  /:policy\/(AmazonSSMManagedInstanceCore|CloudWatchAgentServerPolicy|CloudWatchAgentAdminPolicy|AmazonSSMFullAccess|CloudWatchLogsFullAccess)$/;

export const iamNoAccountWideManagedPolicy = graphRule({
  id: 'PAY-IAM-008',
  title: 'Workload roles use scoped policies, not account-wide SSM or CloudWatch agent policies',
  severity: 'medium',
  resourceTypes: IAM_TYPES,
  pci: ['7.2.1', '7.2.2'],
  equivalents: { cdkNag: ['AwsSolutions-IAM4'] },
  rationale:
    'An instance role with AmazonSSMManagedInstanceCore reads every SSM parameter in the account; with CloudWatchAgentServerPolicy it creates unencrypted log groups that never expire.',
  remediation:
    'Grant Session Manager messaging, PutLogEvents on the app log group and PutMetricData limited by cloudwatch:namespace in an inline policy instead.',
  check: (graph) =>
    managedPolicyAttachments(graph)
      .filter((a) => ACCOUNT_WIDE.test(a.arn))
      .map((a) => ({
        address: a.address,
        message: `attaches ${a.arn}, which grants account-wide access; use a scoped policy`,
      })),
});
