/**
 * What the stacks write into their JSON for the tools that read only the JSON: the Terraform
 * local carrying the monthly budget, and the default-tag keys that name the environment and
 * its profile. The stacks write them and the readers (gate, cost, review) read them, so both
 * take the names from here.
 */
/** Name of the local that carries `monthlyBudgetUsd`. */
export const MONTHLY_BUDGET_LOCAL = 'monthly_budget_usd';

/** Default-tag key naming the profile the stack was built with (`dev`, `staging`, `prod`). */
export const PROFILE_TAG = 'Profile';
/** Default-tag key naming the environment (the stack's suffix). */
export const ENVIRONMENT_TAG = 'Environment';

/**
 * Name of the local that says who provides the account baseline (docs/account-baseline.md):
 * in an environment stack, `{ provider: "project", account, accountId, regions }` or
 * `{ provider: "organisation", statement }`; in the baseline's own stacks,
 * `{ provider: "self", scope, account }` (scope `global`, `region`, or `state` for the
 * state-bucket stack).
 */
export const ACCOUNT_BASELINE_LOCAL = 'account_baseline';

/**
 * Tag key on subnets and security groups stating their PCI DSS scope: `cde` (they hold
 * components that store, process or transmit card data) or `connected` (they hold components
 * that reach the CDE or affect its security). `src/analysis/cde-boundary.ts` computes the
 * scope from the graph; the gate checks that the tags agree (PAY-VPC-010), so AWS-side
 * inventories (Config, Security Hub, the console) show the same boundary as the report.
 */
export const PCI_SCOPE_TAG = 'PciDssScope';
export type PciScope = 'cde' | 'connected';

/**
 * Tags on the CI deploy roles of the account stack (src/constructs/ci/): which role
 * (`plan` or `apply`), of which environment, and whether that environment is prod (`prod` or
 * `non-prod`). The gate's CI rules (PAY-ACCT-012 to 015) read them.
 */
export const CI_ROLE_TAG = 'CiRole';
export const CI_ENVIRONMENT_TAG = 'CiEnvironment';
export const CI_PROFILE_TAG = 'CiProfile';
