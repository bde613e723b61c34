import { containerRule } from '../../checks/containers';

/** E9. */
export const ecsLogConfiguration = containerRule({
  id: 'PAY-ECS-008',
  title: 'ECS containers send their logs to a log driver',
  severity: 'medium',
  resourceTypes: ['aws_ecs_task_definition'],
  pci: ['10.2.1'],
  catalogue: 'E9',
  equivalents: { securityHub: ['ECS.9'], cdkNag: ['AwsSolutions-ECS7'] },
  rationale: 'Without a log configuration, container output is lost when the task stops.',
  remediation: 'Set logConfiguration (awslogs to an EncryptedLogGroup).',
  breaks: (c) => c['logConfiguration'] === undefined,
  problem: 'has no logConfiguration',
});
