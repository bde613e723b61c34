import { resourceRule } from '../../rule';
import { mfaDeleteEnabled } from '../../checks/bucket';

/** S4: MFA delete. Terraform cannot enable it without the root user's MFA device. */
export const s3MfaDelete = resourceRule({
  id: 'PAY-S3-004',
  title: 'S3 bucket has MFA delete enabled',
  severity: 'low',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['10.3.2'],
  catalogue: 'S4',
  equivalents: { trivy: ['AWS-0170'], kics: ['c5b31ab9'] },
  rationale: 'MFA delete requires a second factor to delete object versions or suspend versioning.',
  remediation:
    'Enable MFA delete with the root user and its MFA device (it cannot be automated), or suppress with the compensating controls.',
  test: (bucket, graph) =>
    mfaDeleteEnabled(bucket, graph) ? undefined : 'MFA delete is not enabled',
});
