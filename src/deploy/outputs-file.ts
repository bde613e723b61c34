/**
 * The outputs a deploy writes for other tools (`cfn-outputs/flat-outputs.json`, per stack and,
 * for a single stack, at the top) and the record beside it. The file names the stack it belongs
 * to, so that no reader can take one environment's outputs for another's.
 */
export const OUTPUTS_DIR = 'cfn-outputs';
export const FLAT_OUTPUTS = 'flat-outputs.json';
export const OUTPUTS_RECORD = 'flat-outputs.meta.json';
/**
 * The key of `flat-outputs.json` that names the stack the outputs belong to. No Terraform
 * output can be called this (names start with a letter or an underscore), so it never hides one.
 */
export const OUTPUTS_STACK_KEY = '@stack';

/** What `deploy` records next to the outputs file, so `verify` can tell a stale one. */
export interface OutputsRecord {
  readonly stack: string;
  readonly profile: string | undefined;
  readonly synthSha256: string;
  readonly writtenAt: string;
}

/** The flat outputs with the stack they belong to, under OUTPUTS_STACK_KEY, first. */
export function withStackIdentity(
  flat: Readonly<Record<string, unknown>>,
  stack: string,
): Record<string, unknown> {
  return { [OUTPUTS_STACK_KEY]: stack, ...flat };
}
