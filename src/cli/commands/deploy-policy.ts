/** `npm run deploy-policy`: the apply role's policies generated from one environment's stack. */
import { runDeployPolicy } from '../../deploy/deploy-policy';
import { synthesizeAndGate } from '../../deploy/synth';
import { UsageProblem } from '../../errors/problems';
import { defineCommand } from '../contract';
import { ENVIRONMENT_OPTION } from './shared';

export const deployPolicyCommand = defineCommand({
  name: 'deploy-policy',
  summary:
    "Synthesizes one environment and prints its apply role's managed policies as JSON, generated from the resource types of the stack (docs/ci.md).",
  options: {
    env: ENVIRONMENT_OPTION,
    'account-id': {
      type: 'string',
      value: 'id',
      example: '123456789012',
      pattern: { regex: /^\d{12}$/, rule: 'is not a 12-digit AWS account ID' },
      help: 'the AWS account the role is in',
    },
    boundary: {
      type: 'string',
      value: 'arn',
      example: 'arn:aws:iam::123456789012:policy/payment-deploy-boundary',
      pattern: {
        regex: /^arn:aws[a-z-]*:iam::\d{12}:policy\/[\w+=,.@/-]+$/,
        rule: 'is not an IAM managed policy ARN',
      },
      help: 'the permissions boundary every role the stack creates must carry',
    },
  },
  examples: [
    'npm run deploy-policy -- --env dev --account-id 123456789012 --boundary arn:aws:iam::123456789012:policy/payment-deploy-boundary',
  ],
  run: ({ options }, io) => {
    const { env, 'account-id': account, boundary } = options;
    if (env === undefined || account === undefined || boundary === undefined) {
      throw new UsageProblem(
        'deploy-policy needs --env, --account-id and --boundary. Example: npm run deploy-policy -- --env dev --account-id 123456789012 --boundary arn:aws:iam::123456789012:policy/payment-deploy-boundary',
      );
    }
    const deployIo = { ...io, projectRoot: io.cwd };
    return runDeployPolicy(
      { environment: env, account, permissionsBoundaryArn: boundary },
      {
        ...deployIo, // Synthesis and gate messages go to stderr: stdout carries only the report.
        synthesize: (envs) => synthesizeAndGate(envs, { ...deployIo, stdout: io.stderr }),
      },
    );
  },
});
