import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { driftCommand } from '../../src/cli/commands/drift';
import { parseSuppressions } from '../../src/compliance/suppressions';
import { CANNOT_SEE, gradeDrift, renderDrift, runDriftReport } from '../../src/deploy/drift';
import { FakeProject } from '../helpers/fake-project';
import { runCommand } from '../helpers/command';
import { defaultStack } from '../helpers/synth';

const FIXTURES = join(__dirname, '..', 'fixtures', 'drift');
const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as unknown;
const NO_SUPPRESSIONS = parseSuppressions('none.json', undefined);
const PAB = 'aws_s3_bucket_public_access_block.Assets_PublicAccessBlock_CA76A964';
const TOPIC = 'aws_sns_topic.Observability_Topic_9C84F2D7';

describe('drift graded by the compliance gate', () => {
  const dev = (): Record<string, unknown> =>
    defaultStack('dev').json as unknown as Record<string, unknown>;

  it('reports a public access block switched off with its rules and PCI requirements', () => {
    const result = gradeDrift(
      'payment-dev',
      dev(),
      recorded('refresh-only-public-access.json'),
      NO_SUPPRESSIONS,
    );
    const pab = result.drifts.find((d) => d.address === PAB)!;
    expect(pab.changes.map((c) => c.attribute)).toEqual([
      'block_public_policy',
      'restrict_public_buckets',
    ]);
    const rules = pab.breaks.map((b) => b.ruleId);
    expect(rules.length).toBeGreaterThan(0);
    // block_public_policy (S8) and restrict_public_buckets (S10) switched off.
    expect(rules).toEqual(expect.arrayContaining(['PAY-S3-008', 'PAY-S3-010']));
    expect(pab.breaks.every((b) => b.pci.length > 0)).toBe(true);
  });

  it('reports a changed tag as drift that breaks no rule', () => {
    const result = gradeDrift(
      'payment-dev',
      dev(),
      recorded('refresh-only-public-access.json'),
      NO_SUPPRESSIONS,
    );
    const topic = result.drifts.find((d) => d.address === TOPIC)!;
    expect(topic.changes.map((c) => c.attribute)).toEqual(['tags', 'tags_all']);
    expect(topic.breaks).toEqual([]);
  });

  it('grades a resource deleted outside Terraform as its controls missing', () => {
    const plan = {
      resource_drift: [
        {
          address: PAB,
          mode: 'managed',
          type: 'aws_s3_bucket_public_access_block',
          name: 'Assets_PublicAccessBlock_CA76A964',
          change: { actions: ['delete'], before: { block_public_acls: true }, after: null },
        },
      ],
    };
    const result = gradeDrift('payment-dev', dev(), plan, NO_SUPPRESSIONS);
    expect(result.drifts[0]!.deleted).toBe(true);
    expect(result.drifts[0]!.breaks.length + result.otherBreaks.length).toBeGreaterThan(0);
  });

  it('says what a refresh-only plan cannot see, in both formats', () => {
    const result = gradeDrift(
      'payment-dev',
      dev(),
      recorded('refresh-only-public-access.json'),
      NO_SUPPRESSIONS,
    );
    for (const format of ['text', 'markdown'] as const) {
      const text = renderDrift([result], format);
      expect(text).toContain(CANNOT_SEE);
      expect(text).toContain('PCI DSS');
    }
    expect(renderDrift([result], 'markdown')).toMatch(
      /^# Drift report\n\n## payment-dev: 2 drifted/,
    );
  });

  it('refuses a plan JSON of the wrong shape, naming it', () => {
    expect(() => gradeDrift('payment-dev', dev(), { resource_drift: {} }, NO_SUPPRESSIONS)).toThrow(
      /payment-dev: refresh-only plan: resource_drift is object/,
    );
    expect(() => gradeDrift('payment-dev', dev(), [], NO_SUPPRESSIONS)).toThrow(
      /not a Terraform plan JSON object/,
    );
  });
});

describe('npm run drift against the fake terraform', () => {
  let project: FakeProject | undefined;
  afterEach(() => (project = undefined));

  const setUp = (plan: string): FakeProject => {
    project = new FakeProject({ FAKE_TF_PLAN: join(FIXTURES, plan) });
    project.fixtures.set('payment-dev', defaultStack('dev').json);
    return project;
  };

  it('exits 1 with the report when anything drifted, after a refresh-only plan', async () => {
    const p = setUp('refresh-only-public-access.json');
    const code = await runDriftReport(
      { environments: ['dev'], all: false, format: 'markdown', output: 'drift.md' },
      p.io(),
    );
    expect(code).toBe(1);
    const plan = p.calls().find((c) => c.args[0] === 'plan')!;
    expect(plan.args).toContain('-refresh-only');
    expect(p.subcommands()).toEqual(expect.arrayContaining(['init', 'plan', 'show']));
    expect(readFileSync(join(p.root, 'drift.md'), 'utf8')).toContain(PAB);
  });

  it('exits 0 when nothing drifted', async () => {
    const p = setUp('refresh-only-none.json');
    const code = await runDriftReport(
      { environments: ['dev'], all: false, format: 'text', output: undefined },
      p.io(),
    );
    expect(code).toBe(0);
    expect(p.printed()).toContain('payment-dev: no drift');
  });

  it('exits 2 for --all with --env, and 1 for a failed refresh', async () => {
    expect((await runCommand(driftCommand, ['--all', '--env', 'dev'])).code).toBe(2);
    const p = setUp('refresh-only-none.json');
    p.env.FAKE_TF_FAIL = 'plan';
    await expect(
      runDriftReport(
        { environments: ['dev'], all: false, format: 'text', output: undefined },
        p.io(),
      ),
    ).rejects.toThrow(/terraform plan -refresh-only failed/);
  });
});
