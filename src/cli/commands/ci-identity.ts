/**
 * `npm run ci-identity -- --env NAME`: an environment's Region and CI role ARNs, derived from
 * the committed files (src/config/ci-identity.ts), for a workflow step to read instead of a
 * variable per environment (examples/ci/github/, docs/ci.md).
 */
import { ciIdentityOf, githubOutputLines } from '../../config/ci-identity';
import { resolveEnvironments } from '../../config/environments';
import { NAME_PREFIX } from '../../naming/naming';
import { UsageProblem } from '../../errors/problems';
import { defineCommand } from '../contract';
import { ENVIRONMENT_OPTION } from './shared';

export const ciIdentityCommand = defineCommand({
  name: 'ci-identity',
  summary:
    "Prints an environment's Region and the ARNs of its CI plan and apply roles, from config/<name>.json and the account file its accountBaseline names (whose ci must list it).",
  options: {
    env: ENVIRONMENT_OPTION,
    format: {
      type: 'string',
      value: 'format',
      example: 'github',
      choices: ['text', 'json', 'github'],
      help: 'text, json, or github (key=value lines to append to $GITHUB_OUTPUT); default text',
    },
  },
  examples: [
    'npm run ci-identity -- --env staging',
    'npm run --silent ci-identity -- --env staging-eu --format github >>"$GITHUB_OUTPUT"',
  ],
  run: ({ options }, io) => {
    if (options.env === undefined)
      throw new UsageProblem(
        'ci-identity needs --env: the environment whose roles a job assumes. Example: npm run ci-identity -- --env staging',
      );
    const resolution = resolveEnvironments({
      projectRoot: io.cwd,
      // Only the committed files decide: no variable may point a pipeline at other roles.
      env: {},
      names: [options.env],
      all: false,
    });
    const environment = resolution.environments[0]!;
    const identity = ciIdentityOf(environment.config, `${NAME_PREFIX}-${environment.name}`);
    const format = options.format ?? 'text';
    if (format === 'github') io.stdout(githubOutputLines(identity));
    else if (format === 'json') io.stdout(`${JSON.stringify(identity, null, 2)}\n`);
    else
      io.stdout(
        [
          `${identity.stack} (${identity.region}, account ${identity.accountId})`,
          `  plan role:  ${identity.planRoleArn}`,
          `  apply role: ${identity.applyRoleArn}`,
        ].join('\n') + '\n',
      );
    return 0;
  },
});
