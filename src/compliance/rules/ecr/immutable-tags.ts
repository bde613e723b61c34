import { attributeRule } from '../../rule';

/** C2. */
export const ecrImmutableTags = attributeRule({
  id: 'PAY-ECR-002',
  title: 'ECR repository tags are immutable',
  severity: 'medium',
  resourceTypes: ['aws_ecr_repository'],
  pci: ['6.5.1', '11.5.2'],
  catalogue: 'C2',
  equivalents: {
    checkov: ['CKV_AWS_51'],
    trivy: ['AWS-0031'],
    kics: ['d1846b12'],
    securityHub: ['ECR.2'],
  },
  rationale:
    'A mutable tag can be re-pointed at a different image, so the reviewed image is not necessarily the one deployed.',
  remediation: 'Set image_tag_mutability = "IMMUTABLE".',
  attribute: 'image_tag_mutability',
  complies: (v) => String(v ?? 'MUTABLE').startsWith('IMMUTABLE'),
  problem: 'image_tag_mutability is not IMMUTABLE',
});
