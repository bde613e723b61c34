/**
 * The outputs a deploy writes for other tools (`cfn-outputs/flat-outputs.json`, per stack and,
 * for a single stack, at the top) and the record beside it. The file names the stack it belongs
 * to, so that no reader can take one environment's outputs for another's.
 */
export const OUTPUTS_DIR = 'cfn-outputs';
export const FLAT_OUTPUTS = 'flat-outputs.json';
export const OUTPUTS_RECORD = 'flat-outputs.meta.json';
export { OUTPUTS_STACK_KEY, withStackIdentity } from '../outputs/flat-outputs';
/** What `deploy` records next to the outputs file, so `verify` can tell a stale one. */
export interface OutputsRecord {
  readonly stack: string;
  readonly profile: string | undefined;
  readonly synthSha256: string;
  readonly writtenAt: string;
}
