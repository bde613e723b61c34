import { attributeRule, isTrue } from '../../rule';

/** E11. */
export const ecsNoPublicIp = attributeRule({
  id: 'PAY-ECS-010',
  title: 'ECS service does not assign public IP addresses',
  severity: 'high',
  resourceTypes: ['aws_ecs_service'],
  pci: ['1.3.1', '1.4.4'],
  catalogue: 'E11',
  equivalents: { checkov: ['CKV_AWS_333'], securityHub: ['ECS.2'] },
  rationale:
    'Tasks with public addresses are reachable from the internet around the load balancer.',
  remediation:
    'Set network_configuration.assign_public_ip = false and run tasks in private subnets.',
  attribute: 'network_configuration.assign_public_ip',
  complies: (v) => !isTrue(v),
  problem: 'assign_public_ip is true',
});
