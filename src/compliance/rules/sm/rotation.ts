import { resourceRule } from '../../rule';
import { needsReferrer } from '../../checks/referrer';

/** M2. */
export const smRotation = resourceRule({
  id: 'PAY-SM-002',
  title: 'Secrets Manager secret rotates automatically',
  severity: 'medium',
  resourceTypes: ['aws_secretsmanager_secret'],
  pci: ['8.3.9', '8.6.3'],
  catalogue: 'M2',
  equivalents: {
    checkov: ['CKV2_AWS_57'],
    securityHub: ['SecretsManager.1'],
    cdkNag: ['AwsSolutions-SMG4'],
  },
  rationale: 'Rotation limits how long a leaked credential stays useful.',
  remediation:
    'Add an aws_secretsmanager_secret_rotation for the secret (RDS-managed master secrets rotate on their own).',
  test: needsReferrer('aws_secretsmanager_secret_rotation', 'secret_id', 'secret'),
});
