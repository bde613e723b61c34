import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load';

const readme = readFileSync(resolve(__dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it('shows a complete config-file example that validates, in prod', () => {
    const example = /A complete example:\s*```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const config = loadConfig({ ENVIRONMENT: 'prod', CONFIG_FILE: 'example.json' }, () => example!);
    expect(config.profile).toBe('prod');
    expect(config.network.vpcCidr).toBe('10.20.0.0/16');
    // Deployable: its image is one the execution role may pull (validation checks where).
    expect(config.compute).toMatchObject({
      kind: 'ecs-fargate',
      imagePull: { region: config.region, repository: 'payment-app-prod', granted: false },
    });
  });

  it('states the Node.js lines CI tests, as engines and .ci/run do', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    const ci = readFileSync(resolve(__dirname, '..', '.ci', 'run'), 'utf8');
    const lts = /^LTS_NODE=(\d+)$/m.exec(ci)?.[1];
    const machine = process.versions.node.split('.')[0];
    expect(lts).toBeDefined();
    expect(pkg.engines.node).toBe(`^20.19.0 || ^${lts}.0.0`);
    expect(readme).toContain(`Node.js 20 (20.19 or later) or ${lts}`);
    expect(ci).toContain('--package="node@${LTS_NODE}"');
    // The suite runs under one of the lines it promises.
    expect(['20', lts]).toContain(machine);
  });

  it('documents the quick start and test commands CI and users run', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm test');
  });
});

describe('npm run lint', () => {
  // The standards the lint step keeps: a probe file breaking each one must fail it.
  it('refuses `any`, @ts-ignore, the provider package root and value imports used as types', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-probe-'));
    try {
      const probe = join(dir, 'probe.ts');
      writeFileSync(
        probe,
        [
          "import { Vpc } from '@cdktn/provider-aws';",
          "import { Construct } from 'constructs';",
          '// @ts-ignore',
          'export const vpc: any = Vpc;',
          'export const name = (c: Construct): string => String(c);',
        ].join('\n'),
      );
      const root = resolve(__dirname, '..');
      const result = spawnSync(
        process.execPath,
        [
          join(root, 'node_modules/oxlint/bin/oxlint'),
          '--deny-warnings',
          '-c',
          '.oxlintrc.json',
          probe,
        ],
        { cwd: root, encoding: 'utf8' },
      );
      expect(result.status).toBe(1);
      for (const rule of [
        'no-restricted-imports',
        'ban-ts-comment',
        'no-explicit-any',
        'consistent-type-imports',
      ])
        expect(result.stdout).toContain(rule);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
