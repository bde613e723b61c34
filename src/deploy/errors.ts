/**
 * A problem the user can fix (bad flag, missing tool, stale plan, refused operation). The
 * commands print its message on one line or a short block, never a stack trace, and exit 1.
 */
export class DeployError extends Error {}

/** Bad usage of a command (unknown flag, missing value): printed with the usage, exit 2. */
export class UsageError extends Error {}

/** The configuration or the environments asked for are wrong (unknown name, invalid file): exit 2. */
export class InputError extends Error {}
