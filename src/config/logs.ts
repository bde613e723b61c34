import type { Resolved, ResolveContext } from './context';
import type { ConfigProblem } from './errors';
import { PROD_MIN_LOG_RETENTION_DAYS, PROFILES } from './profiles';

/** Log retention in days (CloudWatch log groups and log buckets): a year at least in prod. */
export function resolveLogRetention(
  context: ResolveContext,
  input: { readonly logRetentionDays?: number },
): Resolved<number> {
  const problems: ConfigProblem[] = [];
  const days = input.logRetentionDays ?? context.defaults.logRetentionDays;
  if (
    context.profile === 'prod' &&
    !context.reported('logRetentionDays') &&
    days < PROD_MIN_LOG_RETENTION_DAYS
  ) {
    problems.push({
      field: 'logRetentionDays',
      value: days,
      rule: `is under ${PROD_MIN_LOG_RETENTION_DAYS} days, the minimum in prod (PCI DSS 10.5.1 keeps audit logs for a year)`,
      example: String(PROFILES.prod.logRetentionDays),
    });
  }
  return { value: days, problems };
}
