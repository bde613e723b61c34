import { attributeRule } from '../../rule';

/** C3. */
export const ecrKms = attributeRule({
  id: 'PAY-ECR-003',
  title: 'ECR repository is encrypted with KMS',
  severity: 'low',
  resourceTypes: ['aws_ecr_repository'],
  pci: ['3.5.1'],
  catalogue: 'C3',
  equivalents: { checkov: ['CKV_AWS_136'], trivy: ['AWS-0033'], kics: ['0e32d561'] },
  rationale:
    'Images can embed configuration; a KMS key gives access control and audit on decryption.',
  remediation: 'Set encryption_configuration { encryption_type = "KMS", kms_key = <key ARN> }.',
  attribute: 'encryption_configuration.encryption_type',
  complies: (v) => v === 'KMS',
  problem: 'encryption_type is not KMS',
});
