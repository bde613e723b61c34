import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gateSynthesized } from '../../src/compliance/run';
import { resolveEnvironments } from '../../src/config/environments';
import {
  configJsonSchema,
  configReference,
  REFERENCE_FILE,
  SCHEMA_FILE,
} from '../../src/config/reference';
import { synthesize } from '../../src/synth/synthesize';
import { scratchFolders } from '../helpers/scratch';

const root = resolve(__dirname, '..', '..');
const scratch = scratchFolders('payment-examples-');

describe('the generated configuration documents', () => {
  it(`${SCHEMA_FILE} and ${REFERENCE_FILE} are current (else: npm run config:docs)`, () => {
    expect(readFileSync(join(root, SCHEMA_FILE), 'utf8')).toBe(
      `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
    );
    expect(readFileSync(join(root, REFERENCE_FILE), 'utf8')).toBe(configReference());
  });

  it('the schema lists every key, refuses others, and enumerates Regions and retention days', () => {
    const schema = configJsonSchema() as {
      properties: Record<string, { enum?: unknown[] }>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['$schema', 'profile', 'region', 'backend', 'allowedAccountIds']),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties['region']?.enum).toContain('eu-west-1');
    expect(schema.properties['logRetentionDays']?.enum).toContain(400);
  });

  it('every committed environment file and example points at the schema with $schema', () => {
    const files = [
      // Environment files only: config/accounts/ holds the account baselines' files.
      ...readdirSync(join(root, 'config'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(root, 'config', f)),
      ...readdirSync(join(root, 'examples'), { withFileTypes: true })
        // examples/ci/ holds CI workflow templates (docs/ci.md), not a project example.
        .filter((d) => d.isDirectory() && d.name !== 'ci')
        .flatMap((d) =>
          readdirSync(join(root, 'examples', d.name, 'config')).map((f) =>
            join(root, 'examples', d.name, 'config', f),
          ),
        ),
    ];
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) {
      const schema = (JSON.parse(readFileSync(file, 'utf8')) as { $schema?: string }).$schema;
      expect(schema, file).toBeDefined();
      expect(existsSync(resolve(file, '..', schema!)), file).toBe(true);
      expect(resolve(file, '..', schema!)).toBe(join(root, SCHEMA_FILE));
    }
  });
});

describe('examples/', () => {
  const cases: Array<[string, { all?: boolean; names?: string[]; ephemeral?: string }, string[]]> =
    [
      ['staging-eu-west-1', { all: true }, ['payment-staging-eu']],
      ['prod-two-regions', { all: true }, ['payment-prod-eu', 'payment-prod-us']],
      ['pull-request', { names: ['dev'], ephemeral: 'pr123' }, ['payment-pr123']],
    ];
  it.each(cases)('%s synthesizes and passes the compliance gate', (example, selection, stacks) => {
    const projectRoot = join(root, 'examples', example);
    const { environments } = resolveEnvironments({
      projectRoot,
      env: {},
      names: selection.names ?? [],
      all: selection.all ?? false,
      ...(selection.ephemeral ? { ephemeral: selection.ephemeral } : {}),
    });
    const out = scratch();
    const result = synthesize({
      configs: environments.map((e) => e.config),
      outdir: join(out, 'cdktf.out'),
      projectRoot: out,
    });
    expect(result.stacks.map((s) => s.name)).toEqual(stacks);
    let printed = '';
    const code = gateSynthesized(result, {
      cwd: root,
      stdout: (t) => void (printed += t),
      stderr: (t) => void (printed += t),
      colour: false,
      synthesize: () => 1,
    });
    expect(printed).toMatch(/PASS/);
    expect(code).toBe(0);
  });

  it('the two prod environments are independent: own Region, account, state key and bucket', () => {
    const { environments } = resolveEnvironments({
      projectRoot: join(root, 'examples', 'prod-two-regions'),
      env: {},
      names: [],
      all: true,
    });
    const [eu, us] = environments.map((e) => e.config);
    expect([eu?.region, us?.region]).toEqual(['eu-central-1', 'us-east-1']);
    expect(eu?.allowedAccountIds).not.toEqual(us?.allowedAccountIds);
    expect(eu?.backend).not.toEqual(us?.backend);
  });
});
