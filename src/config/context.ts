import type { ConfigProblem } from './errors';
import type { ProfileDefaults, ProfileName } from './profiles';

/**
 * What every tier's rules may read besides their own input, built once by `loadConfig` after
 * the field rules ran: the profile, its row of the profile table, the stack's Region and the
 * fields already reported. Each tier resolves as `resolveX(context, input) -> { value,
 * problems }`, so one tier's rules never hide another's.
 */
export interface ResolveContext {
  readonly profile: ProfileName;
  /** The profile's row of `PROFILES`, before configuration overrides. */
  readonly defaults: ProfileDefaults;
  /** The stack's Region; `undefined` when `AWS_REGION` is itself invalid. */
  readonly region: string | undefined;
  /**
   * Whether any of `fields` (dotted paths) already has a problem, on itself, a parent or a
   * child: a rule reading such a field is skipped rather than reporting the same value twice.
   */
  readonly reported: (...fields: string[]) => boolean;
}

/** What a tier resolves to: its part of the configuration, and what is wrong with it. */
export interface Resolved<T> {
  readonly value: T;
  readonly problems: readonly ConfigProblem[];
}

export function buildContext(
  profile: ProfileName,
  defaults: ProfileDefaults,
  region: string | undefined,
  /** Fields already reported, and fields a misspelt key was meant to set. */
  fields: readonly string[],
): ResolveContext {
  const overlaps = (a: string, b: string) =>
    a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  return {
    profile,
    defaults,
    region,
    reported: (...wanted) => wanted.some((w) => fields.some((f) => overlaps(w, f))),
  };
}
