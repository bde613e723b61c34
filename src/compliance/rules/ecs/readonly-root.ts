import { containerRule } from '../../checks/containers';

/** E6. */
export const ecsReadonlyRoot = containerRule({
  id: 'PAY-ECS-005',
  title: 'ECS containers have a read-only root filesystem',
  severity: 'medium',
  resourceTypes: ['aws_ecs_task_definition'],
  pci: ['2.2.1', '11.5.2'],
  catalogue: 'E6',
  equivalents: { checkov: ['CKV_AWS_336'], securityHub: ['ECS.5'] },
  rationale: 'A writable root filesystem lets an intruder change binaries and persist.',
  remediation: 'Set readonlyRootFilesystem: true and mount writable volumes where needed.',
  breaks: (c) => c['readonlyRootFilesystem'] !== true,
  problem: 'does not have readonlyRootFilesystem: true',
});
