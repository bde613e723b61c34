import { resourceRule } from '../../rule';

/** E7. */
export const ecsNoHostPid = resourceRule({
  id: 'PAY-ECS-006',
  title: 'ECS task does not share the host process namespace',
  severity: 'high',
  resourceTypes: ['aws_ecs_task_definition'],
  pci: ['2.2.1'],
  catalogue: 'E7',
  equivalents: { checkov: ['CKV_AWS_335'], securityHub: ['ECS.3'] },
  rationale: 'pid_mode = "host" lets containers see and signal every process on the host.',
  remediation: 'Remove pid_mode or set it to "task".',
  test: (task) => (task.attrs['pid_mode'] === 'host' ? 'pid_mode is host' : undefined),
});
