import { num, resourceRule } from '../../rule';

/** The longest an app instance may run before Auto Scaling replaces it with a fresh image. */
export const MAX_INSTANCE_LIFETIME_SECONDS = 30 * 86_400;

/**
 * An image resolved at launch (`resolve:ssm:`) is patched only for instances launched after
 * the release; without a maximum lifetime an instance may run an image months old.
 */
export const asgMaxInstanceLifetime = resourceRule({
  id: 'PAY-EC2-005',
  title: 'Auto Scaling replaces instances at least every 30 days',
  severity: 'medium',
  resourceTypes: ['aws_autoscaling_group'],
  pci: ['6.3.3'],
  equivalents: {},
  rationale:
    'Security patches in a new Amazon Linux image reach only instances launched after it; a bounded lifetime puts every instance on a recent image within a month.',
  remediation:
    'Set max_instance_lifetime to at most 2592000 seconds (30 days), or patch in place with an SSM Patch Manager baseline and maintenance window.',
  test(asg) {
    const raw = asg.attrs['max_instance_lifetime'];
    const seconds = num(raw);
    if (raw === undefined || seconds === 0) return 'has no max_instance_lifetime';
    if (seconds === undefined) return undefined; // computed at plan time
    return seconds > MAX_INSTANCE_LIFETIME_SECONDS
      ? `max_instance_lifetime ${seconds} s is over 30 days (${MAX_INSTANCE_LIFETIME_SECONDS} s)`
      : undefined;
  },
});
