import type { ConfigProblem } from '../../src/config/errors';
import { ConfigError } from '../../src/config/errors';
import type { AppConfig } from '../../src/config/types';
import type { Environment } from '../../src/config/load';
import { loadConfig } from '../../src/config/load';

/**
 * Validates `env` plus an optional config file (an object, or raw text) exactly as
 * `npm run synth` does, without touching the file system.
 */
export function loadWith(env: Environment = {}, file?: unknown): AppConfig {
  return loadConfig(file === undefined ? env : { ...env, CONFIG_FILE: 'config.json' }, () =>
    typeof file === 'string' ? file : JSON.stringify(file),
  );
}

/** The problems a configuration produces (fails the test if it is valid). */
export function problemsWith(env: Environment = {}, file?: unknown): readonly ConfigProblem[] {
  try {
    loadWith(env, file);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}
