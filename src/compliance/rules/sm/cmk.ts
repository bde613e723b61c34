import { resourceRule } from '../../rule';

/** M1. */
export const smCmk = resourceRule({
  id: 'PAY-SM-001',
  title: 'Secrets Manager secret is encrypted with a customer managed key',
  severity: 'medium',
  resourceTypes: ['aws_secretsmanager_secret'],
  pci: ['3.6.1', '8.3.2'],
  catalogue: 'M1',
  equivalents: {
    checkov: ['CKV_AWS_149'],
    trivy: ['AWS-0098'],
    kics: ['a2f548f2', 'b0d3ef3f'],
    cdkNag: ['PCI.DSS.321-SecretsManagerUsingKMSKey'],
  },
  rationale:
    'The AWS managed key cannot be restricted by key policy; a customer key limits who can decrypt credentials.',
  remediation: 'Set kms_key_id to a customer managed key.',
  test: (s) => {
    const key = s.attrs['kms_key_id'];
    return typeof key === 'string' && key !== '' && !key.includes('alias/aws/')
      ? undefined
      : 'kms_key_id is not a customer managed key';
  },
});
