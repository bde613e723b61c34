/**
 * `npm run config:docs`: writes the JSON Schema of an environment file (docs/config.schema.json)
 * and the key reference (docs/configuration.md) from the validation schemas
 * (src/config/reference.ts). test/config/reference.test.ts fails when either is stale.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../files/write-atomic';
import {
  configJsonSchema,
  configReference,
  REFERENCE_FILE,
  SCHEMA_FILE,
} from '../config/reference';

const root = process.cwd();
writeFileAtomic(join(root, SCHEMA_FILE), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
writeFileAtomic(join(root, REFERENCE_FILE), configReference());
process.stdout.write(`Wrote ${SCHEMA_FILE} and ${REFERENCE_FILE}\n`);
