import { resourceRule } from '../../rule';

/** E8. */
export const ecsSeparateRoles = resourceRule({
  id: 'PAY-ECS-007',
  title: 'ECS task role differs from the execution role',
  severity: 'medium',
  resourceTypes: ['aws_ecs_task_definition'],
  pci: ['7.2.1', '7.2.2'],
  catalogue: 'E8',
  equivalents: { checkov: ['CKV_AWS_249'] },
  rationale:
    'The execution role pulls images and secrets for ECS; the application must not inherit those permissions.',
  remediation: 'Give the task definition a separate task_role_arn.',
  test: (task) => {
    const exec = task.attrs['execution_role_arn'];
    return exec !== undefined && exec === task.attrs['task_role_arn']
      ? 'task_role_arn equals execution_role_arn'
      : undefined;
  },
});
