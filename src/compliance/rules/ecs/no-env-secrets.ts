import { blockList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';
import { containerName, containersOf } from '../../checks/containers';

const SECRET_NAME = /(pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential)/i;

/** E4: secrets come through `secrets` (valueFrom), never plain `environment`. */
export const ecsNoEnvSecrets = resourceRule({
  id: 'PAY-ECS-003',
  title: 'ECS containers take secrets from Secrets Manager, not environment variables',
  severity: 'critical',
  resourceTypes: ['aws_ecs_task_definition'],
  pci: ['8.6.2', '3.5.1'],
  catalogue: 'E4',
  equivalents: { trivy: ['AWS-0036'], securityHub: ['ECS.8'], cdkNag: ['AwsSolutions-ECS2'] },
  rationale:
    'Environment values are stored in the task definition in clear text and shown in the console and API.',
  remediation:
    'Move the value to Secrets Manager or SSM and reference it under secrets[].valueFrom.',
  test(task) {
    const { containers, error } = containersOf(task);
    if (error) return error;
    return containers.flatMap((c) =>
      blockList(c['environment'])
        .filter((e) => typeof e['name'] === 'string' && SECRET_NAME.test(e['name']))
        .map(
          (e) =>
            `container ${containerName(c)} has secret-looking environment variable ${String(e['name'])}`,
        ),
    );
  },
});
