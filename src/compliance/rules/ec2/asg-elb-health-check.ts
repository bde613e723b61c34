import { stringList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** Auto Scaling replaces instances the load balancer sees as unhealthy. */
export const asgElbHealthCheck = resourceRule({
  id: 'PAY-EC2-004',
  title: 'Auto Scaling group behind a load balancer uses ELB health checks',
  severity: 'medium',
  resourceTypes: ['aws_autoscaling_group'],
  pci: ['12.10.1'],
  equivalents: {
    cdkNag: ['PCI.DSS.321-AutoScalingGroupELBHealthCheckRequired'],
  },
  rationale:
    'With EC2 checks only, an instance whose application is broken keeps serving (failing) payment requests.',
  remediation: 'Set health_check_type = "ELB" with a grace period.',
  test(asg) {
    const attached =
      stringList(asg.attrs['target_group_arns']).length > 0 ||
      stringList(asg.attrs['load_balancers']).length > 0;
    if (!attached) return undefined;
    return asg.attrs['health_check_type'] === 'ELB'
      ? undefined
      : `health_check_type is ${JSON.stringify(asg.attrs['health_check_type'] ?? 'EC2')}`;
  },
});
