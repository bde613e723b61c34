import { describe, expect, it } from 'vitest';
import { loadWith, problemsWith } from '../helpers/config';
import { CORE_INTERFACE_ENDPOINTS, FULL_INTERFACE_ENDPOINTS } from '../../src/config/profiles';

const load = loadWith;
const problems = problemsWith;

describe('every problem at once, also inside nested objects', () => {
  it('reports the image, the EC2-only key and the Fargate size of one compute block in one run', () => {
    const found = problems(
      {},
      {
        compute: {
          kind: 'ecs-fargate',
          image: 'nginx:latest',
          instanceType: 't3.small',
          cpu: 256,
          memory: 4096,
        },
      },
    );
    expect(found.map((p) => [p.field, p.rule])).toEqual([
      ['compute.image', 'uses the moving tag "latest": pin a version or digest'],
      ['compute.instanceType', 'does not apply to compute.kind "ecs-fargate"'],
      [
        'compute.memory',
        'is not a Fargate memory size for 256 CPU units (512-2048 MiB: 512, 1024, 2048)',
      ],
    ]);
    // Each example fits: drop the key of the other kind; a memory that fits the CPU given.
    expect(found[1]!.example).toBe('no compute.instanceType, or "kind": "ec2"');
    expect(found[2]!.example).toBe('512');
  });

  it('keeps the valid fields of a nested object in force when one of them is bad', () => {
    // The engine stays PostgreSQL, so its version rule (not MySQL's) judges engineVersion.
    const found = problems(
      {},
      { database: { engine: 'aurora-postgresql', readers: 99, engineVersion: '8.0' } },
    );
    expect(found.map((p) => p.field)).toEqual(['database.readers', 'database.engineVersion']);
    expect(found[1]!.rule).toMatch(/Aurora PostgreSQL 16 or 17/);
    // ...and the example is a PostgreSQL version, not a MySQL one.
    expect(found[1]!.example).toBe('"17.6"');
  });
});

describe('unknown nested keys', () => {
  it.each([
    [{ compute: { knd: 'ecs-fargate' } }, 'compute.knd', 'kind', '"ecs-fargate"'],
    [{ alarms: { p99Latency: 2 } }, 'alarms.p99Latency', 'p99LatencySeconds', '1.5'],
    [{ database: { engin: 'aurora-mysql' } }, 'database.engin', 'engine', '"aurora-mysql"'],
  ])('%j suggests the key meant', (file, field, meant, example) => {
    const [problem, ...rest] = problems({}, file);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ field, example });
    expect(problem!.rule).toContain(`(did you mean "${meant}"?)`);
  });

  it('does not judge the rest against the default of the key that was misspelt', () => {
    // With `knd` read as unset, kind would default to ec2 and `image` would "not apply".
    const found = problems({}, { compute: { knd: 'ecs-fargate', image: 'repo/app:1.0' } });
    expect(found.map((p) => p.field)).toEqual(['compute.knd']);
  });

  it('lists the known keys when nothing is close', () => {
    const [problem] = problems({}, { waf: { zzz: 1 } });
    expect(problem!.rule).toBe('is not a key of waf; known keys: rateLimitPerFiveMinutes');
    expect(problem!.example).toBe('{ "rateLimitPerFiveMinutes": 2000 }');
  });
});

describe('interface endpoint set names', () => {
  it('accepts the documented set names for their lists', () => {
    expect(load({}, { interfaceEndpoints: 'none' }).network.interfaceEndpoints).toEqual([]);
    expect(load({}, { interfaceEndpoints: 'core' }).network.interfaceEndpoints).toEqual(
      CORE_INTERFACE_ENDPOINTS,
    );
    expect(load({}, { interfaceEndpoints: 'full' }).network.interfaceEndpoints).toEqual(
      FULL_INTERFACE_ENDPOINTS,
    );
  });

  it('refuses another name, saying which names and lists it takes', () => {
    const [problem] = problems({}, { interfaceEndpoints: 'all' });
    expect(problem).toMatchObject({
      field: 'interfaceEndpoints',
      value: 'all',
      rule: 'must be a set name (none, core, full) or a list of service names',
    });
  });
});

describe('ENVIRONMENT', () => {
  it('points a deployment name to ENVIRONMENT_SUFFIX', () => {
    const [problem] = problems({ ENVIRONMENT: 'pr123' });
    expect(problem).toMatchObject({ field: 'ENVIRONMENT', value: 'pr123' });
    expect(problem!.rule).toBe(
      'is not a profile (dev, staging, prod); to name a deployment "pr123", set ENVIRONMENT_SUFFIX=pr123 and keep ENVIRONMENT a profile',
    );
  });

  it('keeps the plain rule for a value that could not be a suffix either', () => {
    expect(problems({ ENVIRONMENT: 'Prod' })[0]!.rule).toBe(
      'is not a profile (dev, staging, prod)',
    );
  });

  it('refuses an empty ENVIRONMENT instead of falling back to dev', () => {
    for (const value of ['', '  ']) {
      const [problem, ...rest] = problems({ ENVIRONMENT: value });
      expect(rest).toEqual([]);
      expect(problem).toMatchObject({ field: 'ENVIRONMENT', value, example: '"prod"' });
      expect(problem!.rule).toMatch(/^is empty; unset it for the dev profile/);
    }
  });
});
