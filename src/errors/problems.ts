/**
 * The kinds of failure every command maps to one exit code (src/cli/contract.ts):
 *
 * - `InputProblem`: the user's input is wrong (configuration, a file, a value): exit 2. Its
 *   message names the field or file, the value, the rule and a valid example.
 * - `UsageProblem`: the command line itself is wrong: exit 2, printed with the usage.
 * - `OperationFailed`: the command ran and met something that stops it (a refused guard, a
 *   failed Terraform step, a failed check): exit 1.
 *
 * Anything else thrown is a defect of this project: exit 3, and `--debug` shows the stack.
 * Libraries throw these (or subclasses with their own names); only the command line maps
 * them to exit codes.
 */
export class InputProblem extends Error {}

export class UsageProblem extends InputProblem {}

export class OperationFailed extends Error {}
