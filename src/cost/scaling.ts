/**
 * How far the stack scales at a usage profile: app instances or tasks (target tracking on
 * requests) and database ACUs. The pricers, the estimate's stated assumptions and the cost
 * curve all read these.
 */
import type { AppTierInfo, DatabaseInfo } from '../analysis/topology';
import type { UsageProfile } from '../config/profiles';

/** App instances or tasks the tier runs at a request rate: target tracking on requests. */
export function appCountAt(tier: AppTierInfo, requestsPerSecond: number): number {
  if (!tier.requestsPerTargetPerMinute || requestsPerSecond <= 0) return tier.desired;
  const needed = Math.ceil((requestsPerSecond * 60) / tier.requestsPerTargetPerMinute);
  return Math.min(tier.max, Math.max(tier.desired, needed));
}

/**
 * ACUs per database instance at a usage profile. Idle with a 0 ACU minimum means paused; any
 * traffic keeps the instance at 0.5 ACU or more (the smallest running capacity).
 */
export function acuAt(db: DatabaseInfo, usage: UsageProfile): number {
  const wanted = usage.averageAcu ?? usage.requestsPerSecond * usage.acuPerRequestPerSecond;
  if (usage.requestsPerSecond <= 0 && usage.averageAcu === undefined) return db.minAcu;
  return Math.min(db.maxAcu, Math.max(db.minAcu, 0.5, wanted));
}
