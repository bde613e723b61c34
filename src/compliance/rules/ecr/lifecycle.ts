import { resourceRule } from '../../rule';
import { needsReferrer } from '../../checks/referrer';

/** C5. */
export const ecrLifecycle = resourceRule({
  id: 'PAY-ECR-005',
  title: 'ECR repository has a lifecycle policy',
  severity: 'low',
  resourceTypes: ['aws_ecr_repository'],
  pci: ['6.3.3'],
  catalogue: 'C5',
  equivalents: { securityHub: ['ECR.3'] },
  rationale: 'Old images with known vulnerabilities accumulate and can be redeployed by mistake.',
  remediation: 'Add an aws_ecr_lifecycle_policy that expires untagged and old images.',
  test: needsReferrer('aws_ecr_lifecycle_policy', 'repository', 'repository'),
});
