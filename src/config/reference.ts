/**
 * The configuration a person can discover, generated from the validation schemas so it cannot
 * drift from them: the JSON Schema every environment file points at with `$schema` (editors
 * complete and check keys), and the reference of every key (type, per-profile default, rule,
 * example) in docs/configuration.md. `npm run config:docs` writes both; a test fails when the
 * committed copies are stale.
 */
import { z } from 'zod';
import { AWS_REGIONS } from '../aws-facts/regions';
import { PROFILE_NAMES, PROFILES } from './profiles';
import type { ProfileDefaults } from './profiles';
import { CLOUDWATCH_RETENTION_DAYS, configFileSchema, FIELD_EXAMPLES } from './schema';
import { INTERFACE_ENDPOINT_SETS } from './profiles';

export const SCHEMA_FILE = 'docs/config.schema.json';
export const REFERENCE_FILE = 'docs/configuration.md';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  description?: string;
  [key: string]: unknown;
};

/** Keys whose default comes from the profile table, and the row that holds it. */
const PROFILE_DEFAULTS: Readonly<Record<string, (d: ProfileDefaults) => unknown>> = {
  natGateways: (d) => d.natGateways,
  interfaceEndpoints: (d) => d.interfaceEndpoints,
  logRetentionDays: (d) => d.logRetentionDays,
  monthlyBudgetUsd: (d) => d.monthlyBudgetUsd,
  'compute.instanceType': (d) => d.instanceType,
  'compute.cpu': (d) => d.fargateCpu,
  'compute.memory': (d) => d.fargateMemory,
  'compute.minSize': (d) => d.appMinSize,
  'compute.desiredSize': (d) => d.appDesiredSize,
  'compute.maxSize': (d) => d.appMaxSize,
  'database.minCapacity': (d) => d.auroraMinCapacity,
  'database.maxCapacity': (d) => d.auroraMaxCapacity,
  'database.readers': (d) => d.auroraReaders,
  'database.backupRetentionDays': (d) => d.backupRetentionDays,
  'database.deletionProtection': (d) => d.deletionProtection,
};

/** What each top-level key means, in a line (the schema's own descriptions). */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  $schema: 'The JSON Schema editors check the file against; ignored by the tools.',
  profile:
    'The profile whose defaults apply (dev, staging, prod). Required unless the file is named after a profile, and then it must agree.',
  region: 'The AWS Region the environment runs in. Required.',
  backend:
    'The S3 state backend (npm run bootstrap prints the values); the state key is <name>/payment-<name>.tfstate. Local state in state/ without it.',
  allowedAccountIds:
    'Accounts the AWS provider may act in (allowed_account_ids). Required for staging and prod; principals, keys and certificates the file names must be in them.',
  subnetLayout:
    'How the VPC is carved: "legacy" (default; sized for azCount, so every existing file keeps its CIDRs) or "stable" (sized for maxAzCount: AZs are added and removed without renumbering). Choose it when the VPC is created; see environments.md, "The network".',
  plannedAzCount:
    'Legacy layout only: the azCount the deployed subnets were planned for. With it, a larger azCount adds subnets in free space of the VPC, or validation refuses saying why; the existing subnets never change.',
  maxAzCount:
    'Stable layout only, and required with it: the most AZs the subnets are sized for (2-6; the VPC must hold them). azCount may be anything up to it.',
  availabilityZoneIds:
    'The AZs by ID (same physical zone in every account), one per AZ in subnet order, unique, of the environment\'s Region (its code, "-az" and a number; 2-6 items). Without it subnets take the Region\'s available AZs by position.',
  trustedAccountIds:
    'Other accounts whose IAM principals (and the state key) this file may name, e.g. a central identity account. Never a certificate.',
};

/** The JSON Schema of an environment file (draft-07, which editors read). */
export function configJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(configFileSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-7',
  }) as JsonSchema;
  const properties = schema.properties!;
  const regions = Object.keys(AWS_REGIONS);
  properties['region'] = { ...properties['region'], enum: regions };
  const backend = properties['backend']!.properties!;
  backend['region'] = { ...backend['region'], enum: regions };
  properties['logRetentionDays'] = {
    ...properties['logRetentionDays'],
    enum: [...CLOUDWATCH_RETENTION_DAYS],
  };
  // A set name stands for its list (profiles.ts); the preprocess step is not in the schema.
  properties['interfaceEndpoints'] = {
    anyOf: [
      { type: 'string', enum: Object.keys(INTERFACE_ENDPOINT_SETS) },
      properties['interfaceEndpoints']!,
    ],
  };
  for (const [key, property] of Object.entries(properties)) {
    const example = FIELD_EXAMPLES[key];
    const parts = [DESCRIPTIONS[key], example ? `Example: ${example}` : undefined].filter(Boolean);
    if (parts.length > 0) property.description = parts.join(' ');
  }
  return {
    ...schema,
    title: 'Environment file (config/<name>.json)',
    description:
      'One environment, whole: its name is the file name. Generated from src/config/schema.ts by npm run config:docs; docs/configuration.md describes every key.',
  };
}

function typeOf(property: JsonSchema): string {
  if (property.anyOf) return property.anyOf.map(typeOf).join(' or ');
  if (property.enum)
    return property.enum
      .map((v) => JSON.stringify(v))
      .join(', ')
      .slice(0, 120);
  const type = Array.isArray(property.type) ? property.type.join(' | ') : (property.type ?? 'any');
  if (type === 'array' && property.items) return `list of ${typeOf(property.items)}`;
  return type;
}

/** The constraints the schema states, in words. */
function ruleOf(property: JsonSchema): string {
  const parts: string[] = [];
  const { minimum, maximum, minItems, maxItems, pattern } = property as Record<string, unknown>;
  if (minimum !== undefined || maximum !== undefined)
    parts.push(`${String(minimum ?? '-inf')} to ${String(maximum ?? 'inf')}`);
  if (minItems !== undefined || maxItems !== undefined)
    parts.push(`${String(minItems ?? 0)} to ${String(maxItems ?? 'any')} items`);
  if (pattern !== undefined) parts.push(`matches \`${String(pattern)}\``);
  if (property['additionalProperties'] === false) parts.push('no other keys');
  return parts.join('; ');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/configuration.md: every key with its type, per-profile default, rule and example. */
export function configReference(): string {
  const schema = configJsonSchema();
  const rows: string[] = [];
  const walk = (properties: Record<string, JsonSchema>, parent: string, required: string[]) => {
    for (const [key, property] of Object.entries(properties)) {
      const path = parent ? `${parent}.${key}` : key;
      const defaults = PROFILE_DEFAULTS[path];
      const byProfile = defaults
        ? PROFILE_NAMES.map((p) => `${p}: ${JSON.stringify(defaults(PROFILES[p]))}`).join('<br>')
        : required.includes(key)
          ? 'required'
          : '-';
      const rule = DESCRIPTIONS[path] ?? ruleOf(property);
      const example = FIELD_EXAMPLES[path] ?? '';
      rows.push(
        `| \`${path}\` | ${cell(typeOf(property))} | ${cell(byProfile)} | ${cell(rule)} | ${example ? `\`${cell(example)}\`` : ''} |`,
      );
      if (property.properties)
        walk(property.properties, path, (property['required'] as string[] | undefined) ?? []);
    }
  };
  walk(schema.properties!, '', []);
  return [
    '# Configuration reference',
    '',
    '<!-- Generated by `npm run config:docs` from src/config/schema.ts and src/config/profiles.ts; do not edit. -->',
    '',
    'An environment is one file, `config/<name>.json`: its name is the file name (stack `payment-<name>`, `Environment` tag `<name>`, state key `<name>/payment-<name>.tfstate`). Every command reads it through one resolver; see [environments.md](environments.md) for the rules (required keys, variables, ephemeral environments, migration) and [config.schema.json](config.schema.json) for the JSON Schema each file names with `$schema`.',
    '',
    'Required in every file: `region`; `profile` unless the file is named `dev`, `staging` or `prod`; `allowedAccountIds` for the staging and prod profiles. Every rule across keys (and every problem) is reported with the key, the value, the rule and a valid example.',
    '',
    '| key | type | default by profile | rule | example |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
