import { z } from 'zod';
import { SUFFIX_PATTERN } from '../naming/naming';

/** What an environment file says about its account baseline (`accountBaseline`). */
export const accountBaselineRefSchema = z.union(
  [
    z.strictObject({
      account: z
        .string({ error: 'must be an account name' })
        .regex(SUFFIX_PATTERN, { error: 'is not an account name' }),
    }),
    z.strictObject({
      providedBy: z.literal('organisation', { error: 'must be "organisation"' }),
      statement: z.string({ error: 'must be a sentence' }).min(20, {
        error:
          'is too short: say who provides the trail, GuardDuty, Security Hub and Config, and where',
      }),
    }),
  ],
  {
    error:
      'must be { "account": "<name>" } (config/accounts/<name>.json) or { "providedBy": "organisation", "statement": "..." }',
  },
);
export type AccountBaselineRefInput = z.infer<typeof accountBaselineRefSchema>;
export const ACCOUNT_BASELINE_REF_EXAMPLE =
  '{ "account": "main" } or { "providedBy": "organisation", "statement": "Organisation trail and delegated GuardDuty, Security Hub and Config from the security account 210987654321" }';
