import { blockList } from '../../../tfjson/graph';
import { isTrue, resourceRule } from '../../rule';

/** App instances get no public address. */
export const ec2NoPublicIp = resourceRule({
  id: 'PAY-EC2-003',
  title: 'Launch template assigns no public IP address',
  severity: 'high',
  resourceTypes: ['aws_launch_template', 'aws_instance'],
  pci: ['1.3.1', '1.4.4'],
  equivalents: {
    cdkNag: [
      'PCI.DSS.321-AutoScalingLaunchConfigPublicIpDisabled',
      'PCI.DSS.321-EC2InstanceNoPublicIp',
    ],
  },
  rationale:
    'Instances with public addresses can be reached from the internet around the load balancer.',
  remediation:
    'Set network_interfaces.associate_public_ip_address = false (or omit it in private subnets).',
  test(b) {
    if (isTrue(b.attrs['associate_public_ip_address']))
      return 'associate_public_ip_address is true';
    return blockList(b.attrs['network_interfaces']).some((n) =>
      isTrue(n['associate_public_ip_address']),
    )
      ? 'a network interface sets associate_public_ip_address = true'
      : undefined;
  },
});
