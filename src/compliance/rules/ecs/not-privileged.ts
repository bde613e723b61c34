import { containerRule } from '../../checks/containers';

/** E5. */
export const ecsNotPrivileged = containerRule({
  id: 'PAY-ECS-004',
  title: 'ECS containers are not privileged',
  severity: 'high',
  resourceTypes: ['aws_ecs_task_definition'],
  pci: ['2.2.1', '7.2.1'],
  catalogue: 'E5',
  equivalents: { checkov: ['CKV_AWS_334'], securityHub: ['ECS.4'] },
  rationale: 'A privileged container has root access to the host.',
  remediation: 'Remove privileged: true.',
  breaks: (c) => c['privileged'] === true,
  problem: 'is privileged',
});
