/** Rules for secrets and credentials in code or state, in ID order. */
import type { Rule } from '../../rule';
import { secretLiterals } from './secret-literals';
import { tlsKeyInState } from './tls-key-in-state';
import { noCredentialsInState } from './no-credentials-in-state';

export const SEC_RULES: readonly Rule[] = [secretLiterals, tlsKeyInState, noCredentialsInState];
