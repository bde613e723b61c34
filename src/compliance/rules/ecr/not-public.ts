import { referrers } from '../../../tfjson/graph';
import type { PolicyResult } from '../../../tfjson/policy';
import { publicPolicyProblems, readPolicy } from '../../../tfjson/policy';
import { resourceRule } from '../../rule';

/** C4. */
export const ecrNotPublic = resourceRule({
  id: 'PAY-ECR-004',
  title: 'ECR repository policy is not public',
  severity: 'critical',
  resourceTypes: ['aws_ecr_repository'],
  pci: ['7.2.1'],
  catalogue: 'C4',
  equivalents: {
    checkov: ['CKV_AWS_32'],
    trivy: ['AWS-0032'],
    kics: ['e86e26fc'],
    cdkNag: ['AwsSolutions-ECR1'],
  },
  rationale:
    "A public repository exposes the application's images, and with write actions lets anyone replace them.",
  remediation: 'Name the principals in the aws_ecr_repository_policy.',
  test(repo, graph) {
    const policies = referrers(graph, repo, 'aws_ecr_repository_policy', 'repository')
      .map((p) => readPolicy(graph, p))
      .filter((p): p is PolicyResult => p !== undefined);
    return publicPolicyProblems(policies, 'repository policy');
  },
});
