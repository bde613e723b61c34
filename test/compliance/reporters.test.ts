import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, passes } from '../../src/compliance/engine';
import { parseProvenance } from '../../src/compliance/provenance';
import { renderJson } from '../../src/compliance/reporters/json';
import { renderMarkdown } from '../../src/compliance/reporters/markdown';
import type { Log, Result } from 'sarif';
import type { SarifLocator } from '../../src/compliance/reporters/sarif';
import { renderSarif, SARIF_SCHEMA, sarifHelpBase } from '../../src/compliance/reporters/sarif';
import { renderTable } from '../../src/compliance/reporters/table';
import { RULES } from '../../src/compliance/rules';
import { DEFAULT_GATE_OPTIONS, runGate } from '../../src/compliance/run';
import { parseSuppressions } from '../../src/compliance/suppressions';
import type { TfJson } from '../fixtures/compliant-stack';
import { compliantStack, graphOf, mutated, res } from '../fixtures/compliant-stack';

const REASON = 'The compensating control is documented and reviewed every quarter.';
const tf = mutated((t) => {
  res(t, 'aws_s3_bucket_versioning', 'assets_v')['versioning_configuration'] = {
    status: 'Enabled',
  };
  res(t, 'aws_kms_key', 'key')['enable_key_rotation'] = false;
});
const suppressions = parseSuppressions(
  'compliance/suppressions.json',
  JSON.stringify({
    suppressions: [{ rule: 'PAY-S3-004', resource: 'aws_s3_bucket.*', reason: REASON }],
  }),
);
const report = evaluate([graphOf(tf, 'payment-prod')], RULES, suppressions, '2026-11-28');

describe('SARIF 2.1.0 output', () => {
  // The JSON location for every finding; a source only for the KMS key.
  const locator: SarifLocator = {
    json: (f) => ({ uri: f.file, line: 7 }),
    source: (f) =>
      f.address === 'aws_kms_key.key'
        ? { uri: 'src/constructs/security/kms-key.ts', line: 73 }
        : undefined,
  };
  const sarif = JSON.parse(
    renderSarif(report, locator, 'https://example.test/docs/compliance.md'),
  ) as Log;
  const results = sarif.runs[0]!.results!;
  const uri = (r: Result) => r.locations![0]!.physicalLocation!.artifactLocation!.uri;
  const line = (r: Result) => r.locations![0]!.physicalLocation!.region!.startLine;

  it('has the top-level fields the schema requires', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toBe(SARIF_SCHEMA);
    expect(sarif.runs).toHaveLength(1);
  });

  it('describes the tool and every rule', () => {
    const driver = sarif.runs[0]!.tool.driver;
    expect(driver.name).toBe('payment-compliance-gate');
    expect(driver.rules!.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const r of driver.rules!) {
      expect(r.shortDescription!.text.length).toBeGreaterThan(0);
      expect(Number(r.properties!['security-severity'])).toBeGreaterThan(0);
    }
  });

  it('gives every result a rule, a message and a location', () => {
    expect(results.length).toBeGreaterThan(1);
    for (const r of results) {
      expect(RULES[r.ruleIndex!]!.id).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.message.text!.length).toBeGreaterThan(0);
    }
  });

  it('locates a result at its source line, with the synthesized JSON as a related location', () => {
    const kms = results.find((r) => r.ruleId === 'PAY-KMS-001')!;
    expect(uri(kms)).toBe('src/constructs/security/kms-key.ts');
    expect(line(kms)).toBe(73);
    expect(kms.relatedLocations![0]!.physicalLocation!.artifactLocation!.uri).toBe(
      'payment-prod.tf.json',
    );
    // Without a known source the result stays at the JSON.
    const other = results.find((r) => r.ruleId !== 'PAY-KMS-001')!;
    expect([uri(other), line(other), other.relatedLocations]).toEqual([
      'payment-prod.tf.json',
      7,
      undefined,
    ]);
  });

  it('sets primaryLocationLineHash from rule, stack and address: stable and distinct', () => {
    const hashes = results.map((r) => r.partialFingerprints!['primaryLocationLineHash']);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{16}:1$/);
    expect(new Set(hashes).size).toBe(results.length);
    const again = JSON.parse(
      renderSarif(report, { json: () => ({ uri: 'x', line: 99 }) }, 'https://e.test'),
    ) as Log;
    expect(
      again.runs[0]!.results!.map((r) => r.partialFingerprints!['primaryLocationLineHash']),
    ).toEqual(hashes);
  });

  it('marks suppressed findings with their justification', () => {
    expect(results.find((r) => r.ruleId === 'PAY-S3-004')!.suppressions).toEqual([
      { kind: 'external', justification: REASON },
    ]);
    expect(results.find((r) => r.ruleId === 'PAY-KMS-001')!.suppressions).toBeUndefined();
  });
});

describe('table output', () => {
  it('uses colour only when asked (on a TTY)', () => {
    const plain = renderTable(report, { colour: false, failOn: 'high' });
    expect(plain.includes('\u001b[')).toBe(false);
    expect(renderTable(report, { colour: true, failOn: 'high' }).includes('\u001b[')).toBe(true);
  });

  it('summarises by severity and PCI requirement, lists suppressions and the verdict', () => {
    const plain = renderTable(report, { colour: false, failOn: 'high' });
    expect(plain).toMatch(/open findings: critical 0, high 1/);
    expect(plain).toMatch(/PAY-KMS-001 +aws_kms_key\.key/);
    expect(plain).toMatch(/Req 3 .* Protect stored account data/);
    expect(plain).toMatch(
      /Suppressions: 1 applied from .* to 1 finding\(s\); --verbose lists each/,
    );
    expect(plain).not.toContain(REASON);
    expect(plain).toMatch(/FAIL: 1 unsuppressed finding/);
    const verbose = renderTable(report, { colour: false, failOn: 'high', verbose: true });
    expect(verbose).toMatch(/#1 PAY-S3-004 aws_s3_bucket\.\*: 1 finding\(s\)/);
    expect(verbose).toContain(REASON);
  });
});

describe('json output', () => {
  it('carries the verdict, findings and rule metadata without functions', () => {
    const json = JSON.parse(renderJson(report, true)) as {
      passed: boolean;
      rules: Array<Record<string, unknown>>;
      stacks: Array<{ findings: unknown[] }>;
    };
    expect(json.passed).toBe(false);
    expect(json.rules[0]).not.toHaveProperty('check');
    expect(json.rules[0]).toHaveProperty('pci');
    expect(json.stacks[0]!.findings.length).toBeGreaterThan(0);
  });
});

describe('markdown output (docs/compliance.md)', () => {
  const md = renderMarkdown(report, 'high');

  it('states when, from which commit and by which gate version, and reads it back', () => {
    const provenance = {
      generatedAt: '2026-12-01 20:40 UTC',
      commit: '0123456789ab + uncommitted changes',
      gateVersion: '1.0.0',
    };
    const stamped = renderMarkdown(report, 'high', provenance);
    expect(stamped).toContain(
      '\nGenerated 2026-12-01 20:40 UTC from commit 0123456789ab + uncommitted changes by payment-compliance-gate 1.0.0.\n',
    );
    expect(parseProvenance(stamped)).toEqual(provenance);
    expect(parseProvenance(md)).toBeUndefined();
  });

  it('shows each stack with its profile, compute kind and database engine', () => {
    expect(md).toMatch(/\| Stack \| Profile \| Compute \| Database \| Resources \|/);
    // The fixture has an Auto Scaling group and a Fargate service, and one Aurora MySQL cluster.
    expect(md).toMatch(/\| payment-prod \| prod \| ec2 \+ ecs-fargate \| aurora-mysql \| \d+ \|/);
  });
  it('maps PCI DSS requirements to rules and a status per stack', () => {
    expect(md).toMatch(/### Requirement 3: Protect stored account data/);
    expect(md).toMatch(
      /\| 3\.7\.4 \| PAY-KMS-001 \| high \| KMS key has automatic rotation \| \*\*FAIL\*\* \|/,
    );
    expect(md).toMatch(/\| PAY-S3-004 \| low \| S3 bucket has MFA delete enabled \| suppressed \|/);
    expect(md).toMatch(
      /\| PAY-VPC-004 \| medium \| No resources are built on the default VPC \| n\/a \|/,
    );
  });

  it('states the verdict and any suppression error', () => {
    expect(md).toMatch(/\*\*Gate result: FAIL\*\* \(1 unsuppressed finding\(s\) at high or above/);
    const stale = evaluate(
      [graphOf(compliantStack(), 'payment-prod')],
      RULES,
      parseSuppressions(
        's.json',
        JSON.stringify({ suppressions: [{ rule: 'PAY-S3-004', resource: '*', reason: REASON }] }),
      ),
      '2026-11-28',
    );
    const staleMd = renderMarkdown(stale, 'high');
    expect(staleMd).toMatch(
      /\*\*Gate result: FAIL\*\* \(0 unsuppressed finding\(s\) at high or above, 1 suppression/,
    );
    expect(staleMd).toMatch(/- s.json: suppression #1 PAY-S3-004 on \*: matches no finding/);
    const clean = evaluate(
      [graphOf(compliantStack(), 'payment-prod')],
      RULES,
      parseSuppressions('s.json', undefined),
      '2026-11-28',
    );
    expect(renderMarkdown(clean, 'high')).toMatch(/\*\*Gate result: PASS\*\*/);
  });

  it('lists the suppressions with their reasons and the rule catalogue with rows and scanner IDs', () => {
    expect(md).toContain(REASON);
    expect(md).toMatch(
      /\| PAY-S3-003 \| high \| S3 bucket has versioning enabled \| S3 \| 10\.3\.3, 10\.5\.1 \| CKV_AWS_21, AWS-0090, KICS 568a4d22/,
    );
    // Several rows, and none.
    expect(md).toMatch(/\| PAY-ALB-007 \| [a-z]+ \| [^|]+ \| L8, L9 \|/);
    expect(md).toMatch(/\| PAY-REF-001 \| [a-z]+ \| [^|]+ \| - \|/);
    expect(md).toContain('[scanner catalogue](scanner-catalogue.md)');
  });
});

describe('SARIF rule help links (GitHub code scanning shows helpUri on every alert)', () => {
  const report = evaluate(
    [graphOf(compliantStack())],
    RULES,
    parseSuppressions('s.json', undefined),
  );
  const rulesOf = (base: string) =>
    (
      JSON.parse(renderSarif(report, { json: (f) => ({ uri: f.file, line: 1 }) }, base)) as {
        runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } } }>;
      }
    ).runs[0]!.tool.driver.rules;

  it('gives every rule an absolute helpUri to the rule catalogue', () => {
    const rules = rulesOf('https://github.com/o/r/blob/abc/docs/compliance.md');
    expect(rules).toHaveLength(RULES.length);
    for (const r of rules) {
      expect(new URL(r.helpUri!).href).toBe(
        'https://github.com/o/r/blob/abc/docs/compliance.md#rule-catalogue',
      );
    }
  });

  it('links to the analysed commit in GitHub Actions, and to the local file elsewhere', () => {
    expect(
      sarifHelpBase(
        {
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_REPOSITORY: 'acme/payments',
          GITHUB_SHA: '0123abc',
        },
        '/repo/docs/compliance.md',
      ),
    ).toBe('https://github.com/acme/payments/blob/0123abc/docs/compliance.md');
    expect(sarifHelpBase({}, '/repo/docs/compliance.md')).toBe('file:///repo/docs/compliance.md');
  });

  it('writes the help links through npm run check -- --format sarif', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gate-review-'));
    try {
      mkdirSync(join(cwd, 'cdktf.out', 'stacks', 'payment-prod'), { recursive: true });
      writeFileSync(
        join(cwd, 'cdktf.out', 'stacks', 'payment-prod', 'cdk.tf.json'),
        JSON.stringify(compliantStack()),
      );
      let out = '';
      runGate(
        { ...DEFAULT_GATE_OPTIONS, format: 'sarif', failOn: 'critical' },
        {
          cwd,
          stdout: (t) => (out += t),
          stderr: () => undefined,
          colour: false,
          synthesize: () => 1,
          env: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/payments' },
        },
      );
      const sarif = JSON.parse(out) as {
        runs: Array<{ tool: { driver: { rules: Array<{ helpUri?: string }> } } }>;
      };
      expect(sarif.runs[0]!.tool.driver.rules[0]!.helpUri).toBe(
        'https://github.com/acme/payments/blob/HEAD/docs/compliance.md#rule-catalogue',
      );
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe('a value Terraform computes at apply time (unknown)', () => {
  // A variable declared in the stack, so the reference itself resolves.
  const rotateFromVariable = (t: TfJson) => {
    t.variable = { rotate: { type: 'bool' } };
    res(t, 'aws_kms_key', 'key')['enable_key_rotation'] = '${var.rotate}';
  };
  const computed = evaluate(
    [graphOf(mutated(rotateFromVariable), 'payment-prod')],
    RULES,
    parseSuppressions('s.json', undefined),
    '2026-11-28',
  );
  const stack = computed.stacks[0]!;
  const finding = stack.findings.find((f) => f.ruleId === 'PAY-KMS-001')!;

  it('is a finding marked unknown, and the rule is unknown rather than failed or passed', () => {
    expect(finding).toMatchObject({ address: 'aws_kms_key.key', unknown: true });
    expect(stack.status['PAY-KMS-001']).toBe('unknown');
    expect(Object.values(stack.status)).not.toContain('fail');
  });

  it('fails the gate like a finding at its severity (the control is not shown to hold)', () => {
    expect(passes(computed, 'high')).toBe(false);
    expect(passes(computed, 'critical')).toBe(true);
  });

  it('is shown as unknown by every reporter', () => {
    expect(renderTable(computed, { colour: false, failOn: 'high' })).toMatch(
      /PAY-KMS-001 +aws_kms_key\.key \(unknown: computed at apply time\)/,
    );
    expect(renderTable(computed, { colour: false, failOn: 'high' })).toMatch(/ 1 unknown, /);
    expect(renderMarkdown(computed, 'high')).toMatch(
      /\| PAY-KMS-001 \| high \| [^|]+ \| \*\*UNKNOWN\*\* \|/,
    );
    const json = JSON.parse(renderJson(computed, true)) as {
      stacks: Array<{ findings: Array<{ ruleId: string; unknown?: boolean }> }>;
    };
    expect(json.stacks[0]!.findings.find((f) => f.ruleId === 'PAY-KMS-001')?.unknown).toBe(true);
    const sarif = JSON.parse(
      renderSarif(computed, { json: (f) => ({ uri: f.file, line: 1 }) }, 'docs/compliance.md'),
    ) as {
      runs: Array<{ results: Array<{ ruleId: string; properties?: { unknown?: boolean } }> }>;
    };
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === 'PAY-KMS-001');
    expect(result?.properties).toEqual({ unknown: true });
  });

  it('is covered by a suppression like any finding', () => {
    const suppressed = evaluate(
      [graphOf(mutated(rotateFromVariable), 'payment-prod')],
      RULES,
      parseSuppressions(
        's.json',
        JSON.stringify({
          suppressions: [{ rule: 'PAY-KMS-001', resource: 'aws_kms_key.key', reason: REASON }],
        }),
      ),
      '2026-11-28',
    );
    expect(suppressed.stacks[0]!.status['PAY-KMS-001']).toBe('suppressed');
    expect(passes(suppressed, 'high')).toBe(true);
  });
});
