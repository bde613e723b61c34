import { attr, blockList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** E3. */
export const ecsEfsTransitEncryption = resourceRule({
  id: 'PAY-ECS-002',
  title: 'ECS EFS volumes encrypt data in transit',
  severity: 'high',
  resourceTypes: ['aws_ecs_task_definition'],
  pci: ['4.2.1'],
  catalogue: 'E3',
  equivalents: { checkov: ['CKV_AWS_97'], trivy: ['AWS-0035'], kics: ['4d46ff3b'] },
  rationale: 'NFS traffic to EFS is clear text unless transit encryption is on.',
  remediation: 'Set efs_volume_configuration.transit_encryption = "ENABLED".',
  test: (task) =>
    blockList(task.attrs['volume'])
      .filter(
        (v) =>
          v['efs_volume_configuration'] !== undefined &&
          attr(v, 'efs_volume_configuration.transit_encryption') !== 'ENABLED',
      )
      .map((v) => `EFS volume ${JSON.stringify(v['name'] ?? '?')} has transit_encryption off`),
});
