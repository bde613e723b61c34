import { attributeRule, isTrue } from '../../rule';

/** C1. */
export const ecrScanOnPush = attributeRule({
  id: 'PAY-ECR-001',
  title: 'ECR repository scans images on push',
  severity: 'medium',
  resourceTypes: ['aws_ecr_repository'],
  pci: ['6.3.1', '11.3.1'],
  catalogue: 'C1',
  equivalents: {
    checkov: ['CKV_AWS_163'],
    trivy: ['AWS-0030'],
    kics: ['9630336b'],
    securityHub: ['ECR.1'],
  },
  rationale: 'Scanning finds known vulnerabilities in images before they run in the payment path.',
  remediation:
    'Set image_scanning_configuration.scan_on_push = true (or use registry-level enhanced scanning).',
  attribute: 'image_scanning_configuration.scan_on_push',
  complies: isTrue,
  problem: 'scan_on_push is not true',
});
