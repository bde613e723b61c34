import { attributeRule } from '../../rule';

/** E12. */
export const ecsPlatformLatest = attributeRule({
  id: 'PAY-ECS-011',
  title: 'Fargate service runs the latest platform version',
  severity: 'medium',
  resourceTypes: ['aws_ecs_service'],
  pci: ['6.3.3'],
  catalogue: 'E12',
  equivalents: { checkov: ['CKV_AWS_332'], securityHub: ['ECS.10'] },
  rationale: 'Platform versions carry kernel and runtime security patches.',
  remediation: 'Leave platform_version unset or "LATEST".',
  attribute: 'platform_version',
  complies: (v) => v === undefined || v === 'LATEST',
  problem: (v) => `platform_version is pinned to ${String(v)}`,
  appliesWhen: (svc) => svc.attrs['launch_type'] !== 'EC2',
});
