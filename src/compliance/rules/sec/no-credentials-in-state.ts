import { resourceRule } from '../../rule';

const MESSAGES: Record<string, string> = {
  random_password: 'random_password keeps the generated password in Terraform state',
  aws_iam_access_key: 'aws_iam_access_key keeps a long-lived secret access key in Terraform state',
  aws_iam_user_login_profile:
    'aws_iam_user_login_profile keeps a console password in Terraform state',
};

/** docs/system.md 2.14: credentials never in code or in Terraform state. */
export const noCredentialsInState = resourceRule({
  id: 'PAY-SEC-003',
  title: 'No credential is generated into or stored in Terraform state',
  severity: 'critical',
  resourceTypes: [
    'random_password',
    'aws_iam_access_key',
    'aws_iam_user_login_profile',
    'aws_secretsmanager_secret_version',
    'aws_ssm_parameter',
  ],
  pci: ['8.3.2', '8.6.2', '3.5.1'],
  equivalents: {},
  rationale:
    'Terraform state is stored in clear text in the state bucket and read by every plan; a credential there is readable by anyone who can read the state and cannot be rotated without Terraform.',
  remediation:
    'Let AWS generate and keep credentials (manage_master_user_password, Secrets Manager rotation, IAM roles instead of access keys); for secret versions use the write-only secret_string_wo (Terraform 1.11+).',
  test(b) {
    const message = MESSAGES[b.type];
    if (message) return message;
    if (b.type === 'aws_secretsmanager_secret_version') {
      return b.attrs['secret_string'] !== undefined || b.attrs['secret_binary'] !== undefined
        ? 'secret_string/secret_binary is stored in Terraform state (use secret_string_wo)'
        : undefined;
    }
    // aws_ssm_parameter: a SecureString's value is a secret, and it is kept in state.
    return b.attrs['type'] === 'SecureString' && b.attrs['value'] !== undefined
      ? 'SecureString value is stored in Terraform state'
      : undefined;
  },
});
