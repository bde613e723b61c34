import { blockList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** E1. */
export const ecsContainerInsights = resourceRule({
  id: 'PAY-ECS-001',
  title: 'ECS cluster has Container Insights',
  severity: 'medium',
  resourceTypes: ['aws_ecs_cluster'],
  pci: ['10.2.1', '10.7.2'],
  catalogue: 'E1',
  equivalents: {
    checkov: ['CKV_AWS_65'],
    trivy: ['AWS-0034'],
    kics: ['97cb0688'],
    securityHub: ['ECS.12'],
    cdkNag: ['AwsSolutions-ECS4'],
  },
  rationale:
    'Task-level metrics and events show failing or abnormal containers in the payment path.',
  remediation: 'Add setting { name = "containerInsights", value = "enabled" } (or "enhanced").',
  test: (c) =>
    blockList(c.attrs['setting']).some(
      (s) =>
        s['name'] === 'containerInsights' &&
        (s['value'] === 'enabled' || s['value'] === 'enhanced'),
    )
      ? undefined
      : 'containerInsights is not enabled',
});
