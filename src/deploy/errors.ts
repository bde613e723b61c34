import { OperationFailed, UsageProblem } from '../errors/problems';

/**
 * A problem the user can fix (missing tool, stale plan, refused operation). The commands
 * print its message on one line or a short block, never a stack trace, and exit 1.
 */
export class DeployError extends OperationFailed {}

/** Bad usage of a command (unknown flag, missing value): printed with the usage, exit 2. */
export class UsageError extends UsageProblem {}
