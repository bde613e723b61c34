/**
 * Identity across accounts and partitions: every principal, key and certificate ARN a
 * configuration names must belong to the stack's partition (an `aws` ARN cannot be used in
 * `aws-us-gov`, nor the reverse) and, where `allowedAccountIds` is set, to one of those
 * accounts. A principal in another account (a central identity or security account) is
 * accepted only when its account is listed in `trustedAccountIds`, an explicit, reviewed key;
 * a certificate never (an ALB uses a certificate of its own account and Region).
 */
import type { Resolved, ResolveContext } from './context';
import type { ConfigProblem } from './errors';
import { partitionOf } from '../aws-facts/regions';

export interface OwnershipInput {
  readonly allowedAccountIds: readonly string[] | undefined;
  /** `trustedAccountIds`: accounts whose principals (and state key) may be named. */
  readonly trustedAccountIds?: readonly string[];
  readonly keyAdministratorArns?: readonly string[];
  readonly database?: {
    readonly bootstrapPrincipalArns?: readonly string[];
    readonly breakGlassPrincipalArns?: readonly string[];
    readonly adminUsers?: readonly { readonly principalArn?: string }[];
  };
  readonly certificate?: { readonly certificateArn?: string };
  /** The state key, and the field it came from (`backend.kmsKeyId` or the variable). */
  readonly stateKey?: { readonly field: string; readonly arn: string };
}

type Kind = 'principal' | 'key' | 'certificate';

/** Partition and account of an ARN (`arn:<partition>:<service>:<region>:<account>:...`). */
function arnParts(arn: string): { partition: string; account: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { partition: parts[1]!, account: parts[4]! };
}

export function resolveOwnership(context: ResolveContext, input: OwnershipInput): Resolved<null> {
  const problems: ConfigProblem[] = [];
  const region = context.region;
  if (!region) return { value: null, problems };
  const partition = partitionOf(region);
  const allowed = input.allowedAccountIds;
  const trusted = input.trustedAccountIds ?? [];
  const check = (field: string, arn: string | undefined, kind: Kind) => {
    if (arn === undefined || context.reported(field)) return;
    const parts = arnParts(arn);
    if (!parts) return; // the field's own rule reports a malformed ARN
    if (parts.partition !== partition) {
      problems.push({
        field,
        value: arn,
        rule: `is in partition "${parts.partition}", but the stack runs in ${region} (partition "${partition}"), where it does not exist`,
        example: `"${arn.replace(`arn:${parts.partition}:`, `arn:${partition}:`)}"`,
      });
      return;
    }
    if (!allowed || allowed.includes(parts.account)) return;
    if (kind !== 'certificate' && trusted.includes(parts.account)) return;
    problems.push({
      field,
      value: arn,
      rule:
        kind === 'certificate'
          ? `is in account ${parts.account}, not in allowedAccountIds (${allowed.join(', ')}): the load balancer can only use a certificate of its own account`
          : `is in account ${parts.account}, not in allowedAccountIds (${allowed.join(', ')}); a ${kind} of another account must be trusted explicitly: list ${parts.account} in trustedAccountIds`,
      example:
        kind === 'certificate'
          ? `"arn:${partition}:acm:${region}:${allowed[0]}:certificate/0e5e4a57-c249-4249-aafc-3b40fcd541e9"`
          : `"trustedAccountIds": ["${parts.account}"]`,
    });
  };
  input.keyAdministratorArns?.forEach((arn, i) =>
    check(`keyAdministratorArns.${i}`, arn, 'principal'),
  );
  input.database?.bootstrapPrincipalArns?.forEach((arn, i) =>
    check(`database.bootstrapPrincipalArns.${i}`, arn, 'principal'),
  );
  input.database?.breakGlassPrincipalArns?.forEach((arn, i) =>
    check(`database.breakGlassPrincipalArns.${i}`, arn, 'principal'),
  );
  input.database?.adminUsers?.forEach((user, i) =>
    check(`database.adminUsers.${i}.principalArn`, user.principalArn, 'principal'),
  );
  check('certificate.certificateArn', input.certificate?.certificateArn, 'certificate');
  if (input.stateKey) check(input.stateKey.field, input.stateKey.arn, 'key');
  for (const account of trusted) {
    if (allowed?.includes(account))
      problems.push({
        field: 'trustedAccountIds',
        value: account,
        rule: 'is already in allowedAccountIds; list only other accounts',
        example: '"trustedAccountIds": ["111122223333"]',
      });
  }
  return { value: null, problems };
}
