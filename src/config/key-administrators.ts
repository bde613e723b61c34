import { z } from 'zod';
import type { Resolved, ResolveContext } from './context';
import type { ConfigProblem } from './errors';

/**
 * `keyAdministratorArns`: the IAM roles or users that administer every customer-managed key
 * of the stack (policy, rotation, enable/disable, deletion) but cannot use it. Key use stays
 * with the service and role grants (PCI DSS 3.6.1, 3.7: key custodians separate from users).
 * Required in prod, optional elsewhere.
 */

/** An IAM role or user ARN (not the account root, which key policies already name). */
export const IAM_PRINCIPAL_ARN =
  /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/;

export const KEY_ADMINISTRATORS_EXAMPLE = '["arn:aws:iam::123456789012:role/payments-key-admin"]';

export const keyAdministratorArnsSchema = z
  .array(
    z.string({ error: 'must be a string' }).regex(IAM_PRINCIPAL_ARN, {
      error: 'is not an IAM role or user ARN (arn:aws:iam::<12-digit account>:role/<name>)',
    }),
    { error: 'must be a list of IAM role or user ARNs' },
  )
  .max(20, { error: 'lists more than 20 administrators' })
  .refine((list) => new Set(list).size === list.length, { error: 'lists an ARN twice' });

/** The validated list (empty outside prod when not configured) and what is wrong with it. */
export function resolveKeyAdministrators(
  context: ResolveContext,
  input: { readonly keyAdministratorArns?: readonly string[] },
): Resolved<readonly string[]> {
  const problems: ConfigProblem[] = [];
  const configured = input.keyAdministratorArns;
  if (
    !context.reported('keyAdministratorArns') &&
    context.profile === 'prod' &&
    (configured === undefined || configured.length === 0)
  ) {
    problems.push({
      field: 'keyAdministratorArns',
      value: configured,
      rule: 'is required in prod: name the roles that administer the KMS keys (and cannot use them)',
      example: KEY_ADMINISTRATORS_EXAMPLE,
    });
  }
  return { value: configured ?? [], problems };
}
