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
  });

  it('documents the quick start and test commands CI and users run', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm test');
  });
});
