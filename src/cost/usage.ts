/**
 * The usage an estimate assumes: a named profile of the stack's environment
 * (`USAGE_PROFILES` in src/config/profiles.ts), optionally overridden key by key from a
 * usage file. Every problem in the file is reported at once, in the configuration's words.
 */
import { z } from 'zod';
import type { ConfigProblem } from '../config/errors';
import { formatProblem } from '../config/errors';
import type { ProfileName, UsageName, UsageProfile } from '../config/profiles';
import { PROFILE_NAMES, USAGE_PROFILES } from '../config/profiles';
import { InputProblem } from '../errors/problems';

const amount = (max: number) =>
  z
    .number({ error: 'must be a number' })
    .min(0, { error: 'must be 0 or more' })
    .max(max, { error: `must be at most ${max}` });

const usageFileSchema = z.strictObject(
  {
    requestsPerSecond: amount(1_000_000),
    averageResponseKb: amount(100_000),
    requestsPerConnection: amount(1_000_000).positive({ error: 'must be above 0' }),
    connectionSeconds: amount(86_400),
    natEgressGb: amount(10_000_000),
    logIngestGb: amount(10_000_000),
    logStorageGb: amount(100_000_000),
    averageAcu: amount(256),
    acuPerRequestPerSecond: amount(256),
    databaseStorageGb: amount(128_000),
    databaseIoMillions: amount(100_000_000),
    s3StorageGb: amount(100_000_000),
    ecrStorageGb: amount(1_000_000),
  },
  { error: 'must be a JSON object of usage keys' },
);

export const USAGE_KEYS = Object.keys(usageFileSchema.shape);
export type UsageOverrides = Partial<UsageProfile>;

const EXAMPLES: Readonly<Record<string, string>> = {
  requestsPerSecond: '25',
  averageResponseKb: '20',
  requestsPerConnection: '5',
  connectionSeconds: '10',
  averageAcu: '1.5',
};

export class UsageError extends InputProblem {}

/** Parses a usage file's text; throws a `UsageError` listing every problem. */
export function parseUsageFile(path: string, text: string): UsageOverrides {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: malformed JSON (${(error as Error).message})`);
  }
  const result = usageFileSchema.partial().safeParse(raw);
  if (result.success) return result.data;
  const problems: ConfigProblem[] = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(file)';
    const unknownKey = issue.code === 'unrecognized_keys';
    const key = unknownKey ? issue.keys.join(', ') : field;
    const value =
      unknownKey || raw === null || typeof raw !== 'object'
        ? undefined
        : (raw as Record<string, unknown>)[field];
    return {
      field: key,
      value: unknownKey ? key : value,
      rule: unknownKey ? `is not a usage key (${USAGE_KEYS.join(', ')})` : issue.message,
      example: EXAMPLES[field] ?? '{ "requestsPerSecond": 25, "logIngestGb": 10 }',
    };
  });
  throw new UsageError(
    [
      `${path}: invalid usage file (${problems.length} problem${problems.length === 1 ? '' : 's'}):`,
      ...problems.map((p) => `  ${formatProblem(p)}`),
    ].join('\n'),
  );
}

/** The usage of a stack: its environment's named profile with the file's overrides. */
export function usageFor(
  profile: string | undefined,
  name: UsageName,
  overrides: UsageOverrides = {},
): UsageProfile {
  const known = (PROFILE_NAMES as readonly string[]).includes(profile ?? '');
  // Stacks that do not name a known profile (hand-written JSON) use dev's volumes.
  const table = USAGE_PROFILES[known ? (profile as ProfileName) : 'dev'];
  return { ...table[name], ...overrides };
}
