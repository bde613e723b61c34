/**
 * `npm run config:docs`: writes the JSON Schema of an environment file (docs/config.schema.json)
 * and the key reference (docs/configuration.md) from the validation schemas
 * (src/config/reference.ts). test/config/reference.test.ts fails when either is stale.
 */
import { join } from 'node:path';
import {
  configJsonSchema,
  configReference,
  REFERENCE_FILE,
  SCHEMA_FILE,
} from '../../config/reference';
import { writeFileAtomic } from '../../files/write-atomic';
import { defineCommand } from '../contract';

export const configDocsCommand = defineCommand({
  name: 'config:docs',
  summary: `Writes ${SCHEMA_FILE} and ${REFERENCE_FILE} from the configuration schemas.`,
  options: {},
  run: (_args, io) => {
    writeFileAtomic(join(io.cwd, SCHEMA_FILE), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    writeFileAtomic(join(io.cwd, REFERENCE_FILE), configReference());
    io.stdout(`Wrote ${SCHEMA_FILE} and ${REFERENCE_FILE}\n`);
    return 0;
  },
});
