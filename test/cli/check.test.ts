import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { makeCheckCommand } from '../../src/cli/commands/check';
import { wantsColour } from '../../src/cli/contract';
import { DEFAULT_GATE_OPTIONS, runGate } from '../../src/compliance/run';
import type { TfJson } from '../fixtures/compliant-stack';
import { compliantStack, mutated, ref, res } from '../fixtures/compliant-stack';
import { runCommandSync } from '../helpers/command';
import { scratchFolders } from '../helpers/scratch';

interface Run {
  code: number;
  out: string;
  err: string;
  synthCalls: number;
}

const scratch = scratchFolders('gate-cli-');

function workspace(stacks: Record<string, string> = {}): string {
  const cwd = scratch();
  for (const [name, text] of Object.entries(stacks)) {
    mkdirSync(join(cwd, 'cdktf.out', 'stacks', name), { recursive: true });
    writeFileSync(join(cwd, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), text);
  }
  return cwd;
}

function gate(cwd: string, args: string[], synthCode = 0, env: Record<string, string> = {}): Run {
  let synthCalls = 0;
  const command = makeCheckCommand({
    synthesize: () => {
      synthCalls++;
      return synthCode;
    },
  });
  const run = runCommandSync(command, args, { cwd, env, today: '2026-11-28' });
  return { ...run, synthCalls };
}

const text = (tf: TfJson) => JSON.stringify(tf, null, 2);

describe('npm run check', () => {
  it('passes a compliant stack with exit code 0', () => {
    const r = gate(workspace({ 'payment-prod': text(compliantStack()) }), []);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/PASS: no unsuppressed finding at high or above/);
    expect(r.code).toBe(0);
  });

  it('fails with exit code 1 on a reference to a missing block, naming it', () => {
    const broken = mutated(
      (tf) => void (res(tf, 'aws_flow_log', 'flow')['vpc_id'] = ref('aws_vpc.gone.id')),
    );
    const r = gate(workspace({ 'payment-prod': text(broken) }), []);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/PAY-REF-001 +aws_flow_log\.flow/);
    expect(r.out).toMatch(/aws_vpc\.gone is not declared in this stack/);
  });

  it('respects --fail-on', () => {
    const lowOnly = mutated(
      (tf) =>
        void (res(tf, 'aws_s3_bucket_versioning', 'assets_v')['versioning_configuration'] = {
          status: 'Enabled',
        }),
    );
    const cwd = workspace({ 'payment-prod': text(lowOnly) });
    expect(gate(cwd, []).code).toBe(0);
    expect(gate(cwd, ['--fail-on', 'low']).code).toBe(1);
    expect(gate(cwd, ['--fail-on=info']).code).toBe(1);
  });

  it('notes resource types no rule covers without failing', () => {
    const extra = mutated(
      (tf) =>
        void (tf.resource['aws_lambda_function'] = {
          fn: { function_name: 'x', role: ref('aws_iam_role.app.arn') },
        }),
    );
    const r = gate(workspace({ 'payment-prod': text(extra) }), []);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/note: no rule covers resource type\(s\) aws_lambda_function/);
  });

  it('reports bad input in one line with exit code 2 and no stack trace', () => {
    const cases: Array<[string, string[], RegExp]> = [
      [
        workspace({ 'payment-prod': '{ "resource": ' }),
        [],
        /cdktf.out\/stacks\/payment-prod\/cdk.tf.json: malformed JSON/,
      ],
      [workspace({ 'payment-prod': '' }), [], /file is empty/],
      [workspace({ 'payment-prod': '[]' }), [], /top level is not a JSON object/],
      [
        workspace({ 'payment-prod': '{"resource": {"aws_vpc": []}}' }),
        [],
        /resource "aws_vpc" is not an object/,
      ],
      [workspace(), ['--dir', 'nowhere'], /nowhere: no such folder/],
    ];
    const emptyOut = workspace();
    mkdirSync(join(emptyOut, 'cdktf.out', 'stacks'), { recursive: true });
    cases.push([emptyOut, [], /no stacks\/<name>\/cdk.tf.json found \(empty output/]);
    const noStacks = workspace();
    mkdirSync(join(noStacks, 'out'));
    cases.push([
      noStacks,
      ['--dir', 'out'],
      /no stacks\/<name>\/cdk.tf.json and no \*.tf.json files/,
    ]);
    for (const [cwd, args, message] of cases) {
      const r = gate(cwd, args);
      expect(r.code, message.source).toBe(2);
      expect(r.err, message.source).toMatch(message);
      expect(r.err.trim().split('\n'), message.source).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('rejects bad flags, pointing at --help', () => {
    for (const args of [
      ['--format', 'xml'],
      ['--fail-on', 'severe'],
      ['--bogus'],
      ['--dir'],
      ['--synth', '--dir', 'x'],
    ]) {
      const r = gate(workspace(), args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/Run npm run check -- --help for the options/);
    }
    expect(gate(workspace(), ['--help']).out).toMatch(/--fail-on <severity>/);
    expect(gate(workspace(), ['-h']).out).toMatch(/--fail-on <severity>/);
  });

  it('names the flag and the rule in its first line, whatever the spelling', () => {
    const cases: Array<[string[], string]> = [
      [
        ['--format', 'xml'],
        '--format "xml" is not one of table, json, sarif, markdown. Example: --format json',
      ],
      [
        ['--format=xml'],
        '--format "xml" is not one of table, json, sarif, markdown. Example: --format json',
      ],
      [
        ['--fail-on', 'severe'],
        '--fail-on "severe" is not one of info, low, medium, high, critical. Example: --fail-on high',
      ],
      [['--bogus=1'], 'unknown option "--bogus=1"'],
      [['-x'], 'unknown option "-x"'],
      [['--formt', 'json'], 'unknown option "--formt" (did you mean --format?)'],
      [['stray'], 'unexpected argument "stray"'],
      [['--dir'], '--dir needs a value. Example: --dir cdktf.out'],
      [['--output='], '--output needs a value. Example: --output report.sarif'],
      [['--synth=yes'], '--synth takes no value'],
      [
        ['--synth', '--dir', 'x'],
        '--synth writes the default output folder; it cannot be combined with --dir',
      ],
    ];
    for (const [args, message] of cases) {
      const r = gate(workspace(), args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.split('\n')[0], args.join(' ')).toBe(`check: ${message}`);
    }
  });

  it('takes each flag as --flag value or --flag=value', () => {
    const cwd = workspace({ 'payment-prod': text(compliantStack()) });
    const spaced = gate(cwd, ['--format', 'json', '--fail-on', 'critical']);
    const inline = gate(cwd, ['--format=json', '--fail-on=critical']);
    expect(spaced.code).toBe(0);
    expect(inline.out).toBe(spaced.out);
    expect(JSON.parse(inline.out)).toHaveProperty('passed', true);
  });

  it('synthesizes first when there is no output or --synth is given', () => {
    const none = gate(workspace(), [], 1);
    expect(none.synthCalls).toBe(1);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/synthesis failed; nothing was checked/);
    const forced = gate(workspace({ 'payment-prod': text(compliantStack()) }), ['--synth']);
    expect(forced.synthCalls).toBe(1);
    expect(forced.code).toBe(0);
  });

  it('checks a folder of *.tf.json files given with --dir', () => {
    const cwd = workspace();
    mkdirSync(join(cwd, 'hand'));
    writeFileSync(join(cwd, 'hand', 'main.tf.json'), text(compliantStack()));
    const r = gate(cwd, ['--dir', 'hand', '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { passed: boolean }).passed).toBe(true);
  });

  it('writes reports to --output, and markdown to standard output without it', () => {
    const cwd = workspace({ 'payment-prod': text(compliantStack()) });
    const sarif = gate(cwd, ['--format', 'sarif', '--output', 'out/gate.sarif']);
    expect(sarif.code).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'out', 'gate.sarif'), 'utf8'))).toHaveProperty(
      'version',
      '2.1.0',
    );
    // Never the committed auditor's view: that is npm run check:docs's, over every environment.
    mkdirSync(join(cwd, 'docs'));
    writeFileSync(join(cwd, 'docs', 'compliance.md'), 'committed view');
    const md = gate(cwd, ['--format', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/^# Compliance report \(PCI DSS v4.0\)/);
    expect(readFileSync(join(cwd, 'docs', 'compliance.md'), 'utf8')).toBe('committed view');
    gate(cwd, ['--format', 'markdown', '--output', 'docs/compliance.md']);
    expect(readFileSync(join(cwd, 'docs', 'compliance.md'), 'utf8')).toMatch(/^# Compliance/);
    // Outside a git checkout the commit is unknown, and says so.
    expect(readFileSync(join(cwd, 'docs', 'compliance.md'), 'utf8')).toMatch(
      /\nGenerated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC from commit unknown by payment-compliance-gate \d+\.\d+\.\d+\.\n/,
    );
  });

  it('points SARIF results at the project source that creates the resource', () => {
    // The gate run from the project root, over a stack outside it: the KMS key carries the
    // construct path CDK Terrain records, the finding is shown at the KmsKey construct.
    const out = workspace({
      'payment-prod': text(
        mutated((tf) => {
          const key = res(tf, 'aws_kms_key', 'key');
          key['enable_key_rotation'] = false;
          key['//'] = { metadata: { path: 'payment-prod/StorageKey/Key', uniqueId: 'key' } };
        }),
      ),
    });
    const r = gate(process.cwd(), ['--dir', join(out, 'cdktf.out'), '--format', 'sarif']);
    const sarif = JSON.parse(r.out) as Log;
    const result = sarif.runs[0]!.results!.find((x) => x.ruleId === 'PAY-KMS-001')!;
    const location = result.locations![0]!.physicalLocation!;
    expect(location.artifactLocation!.uri).toBe('src/constructs/security/kms-key.ts');
    expect(
      readFileSync('src/constructs/security/kms-key.ts', 'utf8').split('\n')[
        location.region!.startLine! - 1
      ],
    ).toMatch(/new KmsKeyResource\(this, 'Key'/);
    expect(result.relatedLocations![0]!.physicalLocation!.artifactLocation!.uri).toMatch(
      /cdktf.out\/stacks\/payment-prod\/cdk.tf.json$/,
    );
  });

  it('fails on suppression errors even with no findings', () => {
    const cwd = workspace({ 'payment-prod': text(compliantStack()) });
    mkdirSync(join(cwd, 'compliance'));
    writeFileSync(
      join(cwd, 'compliance', 'suppressions.json'),
      JSON.stringify({
        suppressions: [
          {
            rule: 'PAY-S3-004',
            resource: '*',
            reason: 'Stale exception that no longer matches anything at all.',
          },
        ],
      }),
    );
    const r = gate(cwd, []);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /error: compliance\/suppressions.json: suppression #1 PAY-S3-004 on \*: matches no finding/,
    );
  });
});

describe('which output npm run check reads', () => {
  const failing = text(
    mutated((tf) => void (res(tf, 'aws_flow_log', 'flow')['vpc_id'] = ref('aws_vpc.gone.id'))),
  );
  const manifestOf = (...names: string[]) =>
    JSON.stringify({
      version: '0.24.0',
      stacks: Object.fromEntries(
        names.map((name) => [
          name,
          {
            name,
            workingDirectory: `stacks/${name}`,
            synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
          },
        ]),
      ),
    });
  /** `outdir` holding one stack (and its manifest), `cdktf.out` a failing one. */
  function outputs(outdir: string): string {
    const cwd = workspace({ 'payment-stale': failing });
    writeFileSync(join(cwd, 'cdktf.out', 'manifest.json'), manifestOf('payment-stale'));
    mkdirSync(join(cwd, outdir, 'stacks', 'payment-dev'), { recursive: true });
    writeFileSync(
      join(cwd, outdir, 'stacks', 'payment-dev', 'cdk.tf.json'),
      text(compliantStack()),
    );
    writeFileSync(join(cwd, outdir, 'manifest.json'), manifestOf('payment-dev'));
    return cwd;
  }

  it('without --dir: CDKTF_OUTDIR first', () => {
    const r = gate(outputs('from-env'), [], 0, { CDKTF_OUTDIR: 'from-env' });
    expect(r.out).toContain('from-env/stacks/payment-dev/cdk.tf.json');
    expect(r.out).not.toContain('payment-stale');
    expect(r.code).toBe(0);
  });

  it("without --dir or CDKTF_OUTDIR: cdktf.json's output, then cdktf.out", () => {
    const cwd = outputs('from-json');
    writeFileSync(join(cwd, 'cdktf.json'), JSON.stringify({ app: 'x', output: 'from-json' }));
    const r = gate(cwd, []);
    expect(r.out).toContain('from-json/stacks/payment-dev/cdk.tf.json');
    expect(r.code).toBe(0);
    writeFileSync(join(cwd, 'cdktf.json'), JSON.stringify({ app: 'x' }));
    expect(gate(cwd, []).out).toContain('cdktf.out/stacks/payment-stale/cdk.tf.json');
    writeFileSync(join(cwd, 'cdktf.json'), JSON.stringify({ output: 7 }));
    const bad = gate(cwd, []);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      /cdktf.json: "output" is 7, not a folder name. Example: "output": "cdktf.out"/,
    );
  });

  it('reads the stacks manifest.json lists, not every folder', () => {
    const cwd = workspace({ 'payment-dev': text(compliantStack()), 'payment-gone': failing });
    writeFileSync(join(cwd, 'cdktf.out', 'manifest.json'), manifestOf('payment-dev'));
    const r = gate(cwd, []);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('payment-gone');
  });

  it('checks only the stacks it is given (synthesis passes the ones it wrote)', () => {
    const cwd = workspace({ 'payment-dev': text(compliantStack()), 'payment-stale': failing });
    writeFileSync(
      join(cwd, 'cdktf.out', 'manifest.json'),
      manifestOf('payment-dev', 'payment-stale'),
    );
    expect(gate(cwd, []).code).toBe(1);
    const io = {
      cwd,
      stdout: () => {},
      stderr: () => {},
      colour: false,
      synthesize: () => 0,
      today: '2026-11-28',
    };
    expect(runGate(DEFAULT_GATE_OPTIONS, io, ['payment-dev'])).toBe(0);
    expect(() => runGate(DEFAULT_GATE_OPTIONS, io, ['payment-qa'])).toThrow(
      /manifest.json: no stack payment-qa \(it lists payment-dev, payment-stale\)/,
    );
  });

  it('refuses a manifest that lists a missing stack file, or is malformed', () => {
    const cwd = workspace({ 'payment-dev': text(compliantStack()) });
    writeFileSync(join(cwd, 'cdktf.out', 'manifest.json'), manifestOf('payment-dev', 'payment-qa'));
    const missing = gate(cwd, []);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(
      /payment-qa\/cdk.tf.json: listed for stack payment-qa in manifest.json but missing/,
    );
    writeFileSync(join(cwd, 'cdktf.out', 'manifest.json'), '{"stacks": [');
    const malformed = gate(cwd, []);
    expect(malformed.code).toBe(2);
    expect(malformed.err).toMatch(/manifest.json: malformed JSON/);
  });
});

describe('colour detection', () => {
  it('colours only a stream that says it shows colours (a TTY without NO_COLOR)', () => {
    // A pipe or a file: process.stdout is then a plain stream without hasColors.
    expect(wantsColour(new PassThrough())).toBe(false);
    const tty = (colours: boolean) =>
      Object.assign(new PassThrough(), { hasColors: () => colours });
    expect(wantsColour(tty(false))).toBe(false);
    expect(wantsColour(tty(true))).toBe(true);
  });
});
