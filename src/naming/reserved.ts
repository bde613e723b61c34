/**
 * Names that belong to the project's own account-level stacks, which no environment may take.
 *
 * An environment `<name>` owns the stack `payment-<name>`, its folder `stacks/payment-<name>`,
 * its local state `state/payment-<name>.tfstate` and its S3 state key
 * `<name>/payment-<name>.tfstate`. The state-bucket stack of `npm run bootstrap`
 * (`payment-tfstate`) owns the same four for the name `tfstate`: an environment named so would
 * overwrite its folder and state, and its next plan would schedule the key that encrypts every
 * environment's remote state for deletion.
 *
 * Names are compared case-insensitively: a case-insensitive file system (macOS, Windows) holds
 * `state/payment-TFSTATE.tfstate` and `state/payment-tfstate.tfstate` in one file.
 *
 * A new account-level stack (an account baseline, say) adds its environment name here, and
 * every command refuses an environment of that name from then on.
 */
export interface ReservedName {
  /** The environment name the stack's resources use (`payment-<name>`). */
  readonly name: string;
  /** Who owns it, for the error message. */
  readonly owner: string;
  /** Every name that starts with `<name>-` is reserved too. @default false */
  readonly prefix?: boolean;
}

export const RESERVED_ENVIRONMENT_NAMES: readonly ReservedName[] = [
  {
    name: 'tfstate',
    owner: 'the Terraform state-bucket stack payment-tfstate (npm run bootstrap)',
  },
  {
    // The state-bucket stack's physical names and `Environment` tag carry this suffix.
    name: 'shared',
    owner: 'the Terraform state-bucket stack\'s resources (suffix and Environment tag "shared")',
  },
  {
    // payment-account-<name> and payment-account-<name>-<region code>.
    name: 'account',
    owner:
      'the account baseline stacks payment-account-<name>[-<region code>] (docs/account-baseline.md)',
    prefix: true,
  },
  {
    // The baseline's physical names and `Environment` tag carry acct-<name>.
    name: 'acct',
    owner: "the account baseline's resources (suffix and Environment tag acct-<name>)",
    prefix: true,
  },
];

/** The account-level stack `name` would collide with, compared case-insensitively. */
export function reservedBy(name: string): ReservedName | undefined {
  const wanted = name.toLowerCase();
  return RESERVED_ENVIRONMENT_NAMES.find((reserved) => {
    const own = reserved.name.toLowerCase();
    return wanted === own || (reserved.prefix === true && wanted.startsWith(`${own}-`));
  });
}
