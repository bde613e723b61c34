import { resourceRule } from '../../rule';

/** N1 + N2. */
export const snsKms = resourceRule({
  id: 'PAY-SNS-001',
  title: 'SNS topic is encrypted with a customer managed KMS key',
  severity: 'medium',
  resourceTypes: ['aws_sns_topic'],
  pci: ['3.5.1', '4.2.1'],
  catalogue: 'N1/N2',
  equivalents: {
    checkov: ['CKV_AWS_26'],
    trivy: ['AWS-0095', 'AWS-0136'],
    kics: ['28545147', 'b1a72f66'],
    securityHub: ['SNS.1'],
    cdkNag: ['PCI.DSS.321-SNSEncryptedKMS'],
  },
  rationale:
    'Alarm notifications may carry resource names and data; the AWS managed key cannot be restricted.',
  remediation:
    'Set kms_master_key_id to a customer managed key (not alias/aws/sns), whose policy lets CloudWatch use it.',
  test: (t) => {
    const key = t.attrs['kms_master_key_id'];
    if (typeof key !== 'string' || key === '') return 'kms_master_key_id is not set';
    return key.includes('alias/aws/sns')
      ? 'topic uses the AWS managed key alias/aws/sns'
      : undefined;
  },
});
