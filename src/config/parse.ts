import { z } from 'zod';
import type { ConfigProblem } from './errors';
import type { ConfigFile, EnvironmentInput } from './schema';
import { configFileSchema, environmentSchema, FIELD_EXAMPLES } from './schema';
import { jsonShapeProblems } from './strict-json';
import { UnreadableFileError } from '../files/read-regular';
import { closest } from '../errors/suggest';

/**
 * The field rules: environment variables and the config file, each field on its own and
 * nested objects field by field, so every problem is found in one run and the valid fields
 * stay in force for the rules across fields.
 */

export type Environment = Readonly<Record<string, string | undefined>>;
export type FileReader = (path: string) => string;

export interface Parsed<T> {
  readonly value: T;
  readonly problems: readonly ConfigProblem[];
  /**
   * Known fields a misspelt key was probably meant to set (`compute.knd` -> `compute.kind`):
   * rules reading them are skipped, since their default is not what the user asked for.
   */
  readonly meant: readonly string[];
}

/**
 * Each variable on its own, so one bad value does not hide the others (the file named by
 * CONFIG_FILE is still read when, say, the suffix is wrong). Empty strings count as unset,
 * except `ENVIRONMENT=`: an empty profile is a mistake, not a request for dev.
 */
export function parseEnvironment(env: Environment): Parsed<EnvironmentInput> {
  const problems: ConfigProblem[] = [];
  const values: Record<string, string> = {};
  for (const key of Object.keys(environmentSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') values[key] = value;
  }
  if (env.ENVIRONMENT !== undefined && env.ENVIRONMENT.trim() === '') {
    problems.push({
      field: 'ENVIRONMENT',
      value: env.ENVIRONMENT,
      rule: 'is empty; unset it for the dev profile, or name a profile (dev, staging, prod)',
      example: FIELD_EXAMPLES.ENVIRONMENT ?? '',
    });
  }
  const valid = parseShape(environmentSchema.shape, values, '', problems, []);
  // Each value already passed (and was transformed by) its own field's schema.
  return { value: valid as EnvironmentInput, problems, meant: [] };
}

/**
 * Unknown keys first (typos must not pass silently, at any depth), then each known key on
 * its own, so a bad key leaves the valid ones in force for the cross-field rules.
 */
export function parseConfigFile(file: Record<string, unknown>): Parsed<ConfigFile> {
  const problems: ConfigProblem[] = [];
  const meant: string[] = [];
  const valid = parseObject(configFileSchema, file, '', problems, meant);
  return { value: valid as ConfigFile, problems, meant };
}

export function readConfigFile(
  path: string | undefined,
  readFile: FileReader,
): { readonly value: Record<string, unknown>; readonly problems: readonly ConfigProblem[] } {
  if (!path) return { value: {}, problems: [] };
  const problem = (rule: string, example: string) => ({
    value: {},
    problems: [{ field: 'CONFIG_FILE', value: path, rule, example }],
  });
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    if (error instanceof UnreadableFileError)
      return problem(error.reason, FIELD_EXAMPLES.CONFIG_FILE ?? '');
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    return problem(`cannot be read (${code})`, FIELD_EXAMPLES.CONFIG_FILE ?? '');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return problem(`is not valid JSON (${(error as Error).message})`, '{ "azCount": 3 }');
  }
  if (!isPlainObject(parsed)) {
    return problem('must hold a JSON object of configuration keys', '{ "azCount": 3 }');
  }
  const shape = jsonShapeProblems(text);
  if (shape.length > 0) {
    return {
      value: {},
      problems: shape.map((p) => ({
        field: p.path || 'CONFIG_FILE',
        value: path,
        rule: `(the file) ${p.rule}`,
        example: exampleFor(p.path, p.path.split('.')[0] ?? '') || '{ "azCount": 3 }',
      })),
    };
  }
  return { value: parsed, problems: [] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The strict object under an optional field, if that is what the field is. */
function nestedObject(field: z.ZodType): z.ZodObject | undefined {
  const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
  return inner instanceof z.ZodObject ? inner : undefined;
}

function parseObject(
  schema: z.ZodObject,
  values: Record<string, unknown>,
  parent: string,
  problems: ConfigProblem[],
  meant: string[],
): Record<string, unknown> {
  const known = Object.keys(schema.shape);
  for (const key of Object.keys(values).filter((k) => !known.includes(k))) {
    const suggestion = closest(key, known);
    const at = (name: string) => (parent ? `${parent}.${name}` : name);
    if (suggestion) meant.push(at(suggestion));
    const didYouMean = suggestion ? ` (did you mean "${suggestion}"?)` : '';
    problems.push({
      field: at(key),
      value: values[key],
      rule: parent
        ? `is not a key of ${parent}${didYouMean}; known keys: ${known.join(', ')}`
        : `is not a configuration key${didYouMean}; known keys: ${known.join(', ')}`,
      example: suggestion
        ? (FIELD_EXAMPLES[at(suggestion)] ?? '')
        : (FIELD_EXAMPLES[parent] ?? '{ "azCount": 3 }'),
    });
  }
  return parseShape(schema.shape, values, parent, problems, meant);
}

function parseShape(
  shape: Readonly<Record<string, z.ZodType>>,
  values: Readonly<Record<string, unknown>>,
  parent: string,
  problems: ConfigProblem[],
  meant: string[],
): Record<string, unknown> {
  const valid: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const value = values[key];
    if (value === undefined) continue;
    const path = parent ? `${parent}.${key}` : key;
    const nested = nestedObject(field);
    if (nested && isPlainObject(value)) {
      valid[key] = parseObject(nested, value, path, problems, meant);
      continue;
    }
    const result = field.safeParse(value);
    if (result.success) valid[key] = result.data;
    else problems.push(...fieldProblems(path, value, result.error.issues));
  }
  return valid;
}

/** Turns zod's issues about one field into problems naming the field, value, rule and example. */
function fieldProblems(
  key: string,
  value: unknown,
  issues: readonly z.core.$ZodIssue[],
): ConfigProblem[] {
  return issues.map((issue) => {
    const path = issue.path.map(String);
    const field = [key, ...path].join('.');
    return {
      field,
      value: valueAt(value, path),
      rule: issue.message,
      example: exampleFor(field, key),
    };
  });
}

/** The example for a dotted path (list indices dropped), else for its top-level key. */
function exampleFor(field: string, key: string): string {
  const generic = field
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');
  return FIELD_EXAMPLES[generic] ?? FIELD_EXAMPLES[key] ?? '';
}

function valueAt(input: unknown, path: readonly string[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (!isPlainObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
