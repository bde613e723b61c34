/**
 * docs/outputs.md is the one table of outputs, generated from the synthesized stacks: it must
 * match what `npm run outputs:docs` writes now, and an output without a meaning cannot enter it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderOutputsDocs, synthesizeOutputVariants } from '../../src/outputs/docs';

const root = resolve(__dirname, '..', '..');

describe('docs/outputs.md', () => {
  it('is current (npm run outputs:docs regenerates it)', () => {
    const docs = renderOutputsDocs(synthesizeOutputVariants(root));
    expect(docs).toBe(readFileSync(join(root, 'docs', 'outputs.md'), 'utf8'));
    // Conditional outputs name the configuration that produces them.
    expect(docs).toContain(
      '| `db_bootstrap_role_arn` | `payment-<environment>` | Role npm run db:bootstrap runs as',
    );
    expect(docs).toMatch(/\| `asg_name` \|.*\| unless `compute.kind` ecs-fargate \|/);
    expect(docs).toMatch(
      /\| `state_kms_key_arn` \| `payment-tfstate` \| KMS key .*\| no \| always \|/,
    );
  }, 120_000);
});

describe('renderOutputsDocs', () => {
  const variant = (label: string, output: Record<string, unknown>) => ({
    label,
    stack: 'payment-<environment>',
    json: { output },
  });

  it('marks sensitive outputs and says which configurations produce each', () => {
    const docs = renderOutputsDocs([
      variant('a', { x: { description: 'X | pipe' }, s: { description: 'S', sensitive: true } }),
      variant('b', { x: { description: 'X | pipe' } }),
      variant('c', { x: { description: 'X | pipe' }, s: { description: 'S', sensitive: true } }),
    ]);
    expect(docs).toContain('| `x` | `payment-<environment>` | X \\| pipe | no | always |');
    expect(docs).toContain('| `s` | `payment-<environment>` | S | yes | unless b |');
  });

  it('refuses an output without a description, naming it and the fix', () => {
    expect(() => renderOutputsDocs([variant('dev', { vpc_id: { value: 'x' } })])).toThrow(
      /output vpc_id of payment-<environment> \(dev\) has no description: give its TerraformOutput a description/,
    );
  });
});
