import { attributeRule } from '../../rule';

/** E10. */
export const ecsAwsvpc = attributeRule({
  id: 'PAY-ECS-009',
  title: 'ECS task uses the awsvpc network mode',
  severity: 'medium',
  resourceTypes: ['aws_ecs_task_definition'],
  pci: ['1.2.1', '1.3.1'],
  catalogue: 'E10',
  equivalents: {
    kics: ['9f4a9409'],
    securityHub: ['ECS.1'],
    cdkNag: ['PCI.DSS.321-ECSTaskDefinitionUserForHostMode'],
  },
  rationale: 'Only awsvpc gives each task its own network interface and security group.',
  remediation: 'Set network_mode = "awsvpc".',
  attribute: 'network_mode',
  complies: (v) => v === 'awsvpc',
  problem: (v) => `network_mode is ${JSON.stringify(v ?? 'bridge (default)')}`,
});
