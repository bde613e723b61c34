import { resourceRule } from '../rule';
import { containerName, containersOf } from './ecs-containers';

/** E6. */
export const ecsReadonlyRoot = resourceRule({
  id: 'PAY-ECS-005',
  title: 'ECS containers have a read-only root filesystem',
  severity: 'medium',
  resourceTypes: ['aws_ecs_task_definition'],
  pci: ['2.2.1', '11.5.2'],
  catalogue: 'E6',
  equivalents: { checkov: ['CKV_AWS_336'], securityHub: ['ECS.5'] },
  rationale: 'A writable root filesystem lets an intruder change binaries and persist.',
  remediation: 'Set readonlyRootFilesystem: true and mount writable volumes where needed.',
  test(task) {
    const { containers, error } = containersOf(task);
    if (error) return error;
    return containers
      .filter((c) => c['readonlyRootFilesystem'] !== true)
      .map((c) => `container ${containerName(c)} does not have readonlyRootFilesystem: true`);
  },
});
