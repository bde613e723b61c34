/** `npm run verify`: post-deploy checks of a live environment with the AWS SDK. */
import { verify } from '../../verify/verify';
import { defineCommand } from '../contract';
import { resolveEnvironments } from '../../config/environments';
import { ENVIRONMENT_OPTION, ENVIRONMENT_OPTIONS } from './shared';

export const verifyCommand = defineCommand({
  name: 'verify',
  summary:
    'Checks the deployed environment named in cfn-outputs/flat-outputs.json with the AWS SDK (credentials and Region as for the AWS CLI): HTTPS, the redirect, TLS, WAF, the database, encryption, alarms, flow logs. Exit status 1 when a check fails.',
  options: { env: ENVIRONMENT_OPTION, ephemeral: ENVIRONMENT_OPTIONS.ephemeral },
  examples: ['npm run verify -- --env dev', 'npm run verify -- --env dev --ephemeral pr123'],
  run: async ({ options }, io) => {
    // The environment as every command resolves it: an unknown name is an error (exit 2)
    // listing the environments, never a check of a stack nobody defined.
    const [environment] = resolveEnvironments({
      projectRoot: io.cwd,
      env: io.env,
      names: options.env !== undefined ? [options.env] : [],
      all: false,
      ...(options.ephemeral !== undefined ? { ephemeral: options.ephemeral } : {}),
    }).environments;
    return (await verify(environment!.name, { ...io, projectRoot: io.cwd })) ? 0 : 1;
  },
});
