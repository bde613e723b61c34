/** `npm run bootstrap`: the Terraform state bucket and its KMS key for an account and Region. */
import { AWS_REGIONS } from '../../aws-facts/regions';
import { IAM_PRINCIPAL_ARN } from '../../config/key-administrators';
import type { BootstrapOptions } from '../../deploy/bootstrap';
import { bootstrap } from '../../deploy/bootstrap';
import { UsageProblem } from '../../errors/problems';
import type { OptionValues } from '../args';
import { parseCommandLine } from '../args';
import { defineCommand } from '../contract';

const OPTIONS = {
  region: {
    type: 'string',
    value: 'region',
    example: 'eu-west-1',
    help: 'Region of the state bucket (required)',
  },
  'key-administrator': {
    type: 'string',
    value: 'arn',
    example: 'arn:aws:iam::123456789012:role/KeyAdmins',
    multiple: true,
    pattern: { regex: IAM_PRINCIPAL_ARN, rule: 'is not an IAM role or user ARN' },
    help: 'IAM role or user ARN that administers (never uses) the state key (required)',
  },
  'allowed-account-id': {
    type: 'string',
    value: 'id',
    example: '123456789012',
    multiple: true,
    pattern: { regex: /^\d{12}$/, rule: 'is not a 12-digit AWS account ID' },
    help: 'AWS account ID the provider may act in (PAY-ACCT-001)',
  },
  apply: { type: 'boolean', help: 'apply the saved plan and print the backend settings' },
} as const;

/** The typed options of a parsed command line; every required flag checked. */
export function bootstrapOptions(values: OptionValues<typeof OPTIONS>): BootstrapOptions {
  const region = values.region;
  if (!region) throw new UsageProblem('--region is required. Example: --region eu-west-1');
  if (!(region in AWS_REGIONS))
    throw new UsageProblem(
      `--region "${region}" is not an AWS Region this project knows. Example: --region eu-west-1`,
    );
  if (values['key-administrator'].length === 0)
    throw new UsageProblem(
      '--key-administrator is required (the state key is held to prod rules, PAY-KMS-006). Example: --key-administrator arn:aws:iam::123456789012:role/KeyAdmins',
    );
  const allowedAccountIds = values['allowed-account-id'];
  return {
    region,
    apply: values.apply,
    keyAdministrators: values['key-administrator'],
    ...(allowedAccountIds.length > 0 ? { allowedAccountIds } : {}),
  };
}

/** Parses a command line as the command does (for tests). */
export function parseBootstrapArgs(argv: readonly string[]): BootstrapOptions {
  return bootstrapOptions(parseCommandLine(OPTIONS, argv).options);
}

export const bootstrapCommand = defineCommand({
  name: 'bootstrap',
  summary:
    "Plans (and with --apply, creates) the S3 bucket and KMS key that hold every environment's Terraform state in this account and Region, and prints the backend settings.",
  options: OPTIONS,
  examples: [
    'npm run bootstrap -- --region eu-west-1 --key-administrator arn:aws:iam::123456789012:role/KeyAdmins --allowed-account-id 123456789012',
  ],
  run: async ({ options }, io) => {
    await bootstrap(bootstrapOptions(options), {
      ...io,
      projectRoot: io.cwd,
      synthesize: () => [],
    });
    return 0;
  },
});
