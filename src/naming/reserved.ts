/**
 * Stack names other parts of the project own. An environment is the stack `payment-<suffix>`,
 * so a suffix that makes one of these names would take over that stack's folder and state.
 * Compared case-insensitively. Keep this list small: it is shared by the environment resolver
 * and every stack kind that is not an environment.
 */
export const RESERVED_STACKS: ReadonlyArray<{
  /** An exact stack name, or a prefix when it ends with `-`. */
  readonly name: string;
  readonly owner: string;
}> = [
  { name: 'payment-tfstate', owner: 'the Terraform state stack (npm run bootstrap)' },
  // payment-account-<name> and payment-account-<name>-<region code>.
  { name: 'payment-account', owner: 'the account baseline (docs/account-baseline.md)' },
  { name: 'payment-account-', owner: 'the account baseline (docs/account-baseline.md)' },
  // Its physical names carry `acct-<name>` where an environment's carry the suffix.
  { name: 'payment-acct-', owner: "the account baseline's physical names" },
];

/** Who owns `stackName`, if it is reserved; `undefined` when an environment may use it. */
export function reservedStackOwner(stackName: string): string | undefined {
  const name = stackName.toLowerCase();
  return RESERVED_STACKS.find((r) =>
    r.name.endsWith('-') ? name.startsWith(r.name) : name === r.name,
  )?.owner;
}
