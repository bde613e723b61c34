/** `npm run verify`: post-deploy checks of a live environment with the AWS SDK. */
import { verify } from '../../verify/verify';
import { defineCommand } from '../contract';
import { ENVIRONMENT_OPTION } from './shared';

export const verifyCommand = defineCommand({
  name: 'verify',
  summary:
    'Checks the deployed environment named in cfn-outputs/flat-outputs.json with the AWS SDK (credentials and Region as for the AWS CLI): HTTPS, the redirect, TLS, WAF, the database, encryption, alarms, flow logs. Exit status 1 when a check fails.',
  options: { env: ENVIRONMENT_OPTION },
  examples: ['npm run verify -- --env dev'],
  run: async ({ options }, io) => {
    const name = options.env ?? io.env['ENVIRONMENT_SUFFIX'] ?? io.env['ENVIRONMENT'] ?? 'dev';
    return (await verify(name, { ...io, projectRoot: io.cwd })) ? 0 : 1;
  },
});
