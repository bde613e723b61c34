/** Rules for EC2 launch templates and Auto Scaling, in ID order. */
import type { Rule } from '../../rule';
import { ec2Imdsv2 } from './imdsv2';
import { ec2EbsEncrypted } from './ebs-encrypted';
import { ec2NoPublicIp } from './no-public-ip';
import { asgElbHealthCheck } from './asg-elb-health-check';
import { asgMaxInstanceLifetime } from './asg-max-instance-lifetime';

export const EC2_RULES: readonly Rule[] = [
  ec2Imdsv2,
  ec2EbsEncrypted,
  ec2NoPublicIp,
  asgElbHealthCheck,
  asgMaxInstanceLifetime,
];
