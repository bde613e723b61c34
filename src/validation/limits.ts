import type { CpuArchitecture } from '../aws-facts/compute';
import { architectureOf, FARGATE_SIZES, isFargateSize } from '../aws-facts/compute';
import type { Problem } from './problem';

/**
 * Checks that configuration validation and the construct guards share, so a limit is written
 * once: configuration reports the problem with the user's field, and a construct given the
 * same bad value by other code throws it as an `InvalidPropsError` naming its path.
 */

/** KMS accepts a pending-deletion window of 7-30 days (ScheduleKeyDeletion PendingWindowInDays). */
export const KMS_DELETION_WINDOW_DAYS = { min: 7, max: 30 } as const;

export function kmsDeletionWindowProblem(
  days: number,
  field = 'deletionWindowInDays',
): Problem | undefined {
  const { min, max } = KMS_DELETION_WINDOW_DAYS;
  if (Number.isInteger(days) && days >= min && days <= max) return undefined;
  return { field, value: days, rule: `is outside ${min}-${max} days`, example: '30' };
}

/**
 * Auto Scaling's maximum instance lifetime: whole days, at least one (AWS refuses less than a
 * day) and at most 365, so every instance is replaced within a year at the latest.
 */
export function maxInstanceLifetimeProblem(
  days: number,
  field = 'maxInstanceLifetimeDays',
): Problem | undefined {
  if (Number.isInteger(days) && days >= 1 && days <= 365) return undefined;
  return {
    field,
    value: days,
    rule: 'must be 1-365 whole days (Auto Scaling refuses under a day; a lifetime must end)',
    example: '30',
  };
}

/** A Fargate task size: memory must be one of the values allowed for the CPU units. */
export function fargateSizeProblem(
  cpu: number,
  memory: number,
  field = 'compute.memory',
): Problem | undefined {
  if (isFargateSize(cpu, memory)) return undefined;
  const allowed = FARGATE_SIZES[cpu];
  if (!allowed) {
    return {
      field: field.replace(/memory$/, 'cpu'),
      value: cpu,
      rule: `is not a Fargate CPU value (${Object.keys(FARGATE_SIZES).join(', ')})`,
      example: '512',
    };
  }
  return {
    field,
    value: memory,
    rule: `is not a Fargate memory size for ${cpu} CPU units (${allowed[0]}-${allowed[allowed.length - 1]} MiB: ${allowed.join(', ')})`,
    // An example that fits the CPU given, not a fixed one.
    example: String(allowed[0]),
  };
}

/** The instance type must be of a family Amazon Linux 2023 runs on, of `architecture` if given. */
export function instanceTypeProblem(
  instanceType: string,
  architecture?: CpuArchitecture,
  field = 'compute.instanceType',
): Problem | undefined {
  const actual = architectureOf(instanceType);
  const example = '"m7i.large" (or "m7g.large" for arm64)';
  if (!actual) {
    return {
      field,
      value: instanceType,
      rule: 'is of a family with no Amazon Linux 2023 image for an Auto Scaling group (x86_64 or Graviton arm64 families only)',
      example,
    };
  }
  if (architecture && actual !== architecture) {
    return {
      field,
      value: instanceType,
      rule: `is ${actual}, not ${architecture}: the image would not boot`,
      example: architecture === 'arm64' ? '"m7g.large"' : '"m7i.large"',
    };
  }
  return undefined;
}
