import { resourceRule } from '../../rule';

/** V4: no default VPC resource. */
export const vpcNoDefaultVpc = resourceRule({
  id: 'PAY-VPC-004',
  title: 'No resources are built on the default VPC',
  severity: 'medium',
  resourceTypes: ['aws_default_vpc'],
  pci: ['1.2.1', '2.2.1'],
  catalogue: 'V4',
  equivalents: { checkov: ['CKV_AWS_148'], trivy: ['AWS-0101'], kics: ['96ed3526'] },
  rationale:
    'The default VPC has public subnets and permissive defaults that were never designed for the cardholder data environment.',
  remediation: "Remove aws_default_vpc and use the stack's own VPC.",
  test: () => 'the stack manages the default VPC',
});
