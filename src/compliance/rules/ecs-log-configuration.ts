import { resourceRule } from '../rule';
import { containerName, containersOf } from './ecs-containers';

/** E9. */
export const ecsLogConfiguration = resourceRule({
  id: 'PAY-ECS-008',
  title: 'ECS containers send their logs to a log driver',
  severity: 'medium',
  resourceTypes: ['aws_ecs_task_definition'],
  pci: ['10.2.1'],
  catalogue: 'E9',
  equivalents: { securityHub: ['ECS.9'], cdkNag: ['AwsSolutions-ECS7'] },
  rationale: 'Without a log configuration, container output is lost when the task stops.',
  remediation: 'Set logConfiguration (awslogs to an EncryptedLogGroup).',
  test(task) {
    const { containers, error } = containersOf(task);
    if (error) return error;
    return containers
      .filter((c) => c['logConfiguration'] === undefined)
      .map((c) => `container ${containerName(c)} has no logConfiguration`);
  },
});
