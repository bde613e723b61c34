import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
