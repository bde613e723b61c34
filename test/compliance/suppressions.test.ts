import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, passes } from '../../src/compliance/engine';
import { RULES } from '../../src/compliance/rules';
import { globToRegExp, parseSuppressions } from '../../src/compliance/suppressions';
import type { TfJson } from '../fixtures/compliant-stack';
import { graphOf, mutated, res } from '../fixtures/compliant-stack';

const REASON = 'Accepted because the compensating control documented in the runbook covers it.';
const TODAY = '2026-11-28';

/** A stack with exactly one finding: PAY-S3-004 (MFA delete) on the assets bucket. */
const withFinding = (): TfJson =>
  mutated(
    (tf) =>
      void (res(tf, 'aws_s3_bucket_versioning', 'assets_v')['versioning_configuration'] = {
        status: 'Enabled',
      }),
  );

function run(suppressions: unknown[], tf: TfJson = withFinding()) {
  const file = parseSuppressions('suppressions.json', JSON.stringify({ suppressions }));
  return evaluate([graphOf(tf, 'payment-prod')], RULES, file, TODAY);
}

describe('suppressions', () => {
  it('suppresses a matching finding with its reason and lists it as applied', () => {
    const report = run([{ rule: 'PAY-S3-004', resource: 'aws_s3_bucket.assets', reason: REASON }]);
    const finding = report.stacks[0]!.findings.find((f) => f.ruleId === 'PAY-S3-004')!;
    expect(finding.suppression?.reason).toBe(REASON);
    expect(report.applied).toEqual([
      expect.objectContaining({
        rule: 'PAY-S3-004',
        matches: [{ stack: 'payment-prod', address: 'aws_s3_bucket.assets' }],
      }),
    ]);
    expect(report.stacks[0]!.status['PAY-S3-004']).toBe('suppressed');
    expect(passes(report, 'info')).toBe(true);
  });

  it('matches resource addresses with globs, since logical names carry hashes', () => {
    expect(
      globToRegExp('aws_s3_bucket.Assets_Bucket_*').test('aws_s3_bucket.Assets_Bucket_B348DC00'),
    ).toBe(true);
    expect(
      globToRegExp('aws_s3_bucket.Assets_Bucket_*').test('aws_s3_bucket.Logs_Bucket_B348DC00'),
    ).toBe(false);
    expect(globToRegExp('aws_lb.?lb').test('aws_lb.alb')).toBe(true);
    expect(globToRegExp('aws_s3_bucket.a.b').test('aws_s3_bucket.aXb')).toBe(false);
    const report = run([{ rule: 'PAY-S3-004', resource: 'aws_s3_bucket.*', reason: REASON }]);
    expect(passes(report, 'info')).toBe(true);
  });

  it('fails the gate on an unsuppressed finding at or above the threshold only', () => {
    const report = run([]);
    expect(passes(report, 'low')).toBe(false);
    expect(passes(report, 'medium')).toBe(true);
  });

  it('is an error without a reason, or with a reason too short to convince an auditor', () => {
    const missing = run([{ rule: 'PAY-S3-004', resource: 'aws_s3_bucket.assets' }]);
    expect(missing.suppressionErrors.join('\n')).toMatch(
      /suppression #1 \(PAY-S3-004 on aws_s3_bucket.assets\): reason is required/,
    );
    expect(passes(missing, 'critical')).toBe(false);
    const short = run([
      { rule: 'PAY-S3-004', resource: 'aws_s3_bucket.assets', reason: 'accepted' },
    ]);
    expect(short.suppressionErrors.join('\n')).toMatch(/reason is shorter than 30 characters/);
  });

  it('is an error when it matches nothing in the stacks checked', () => {
    const report = run([
      { rule: 'PAY-S3-004', resource: 'aws_s3_bucket.assets', reason: REASON },
      { rule: 'PAY-S3-001', resource: 'aws_s3_bucket.*', reason: REASON },
    ]);
    expect(report.suppressionErrors).toEqual([
      'suppressions.json: suppression #2 PAY-S3-001 on aws_s3_bucket.*: matches no finding in the stacks checked; remove it',
    ]);
    expect(passes(report, 'critical')).toBe(false);
  });

  it('is an error when expired, and then suppresses nothing', () => {
    const report = run([
      {
        rule: 'PAY-S3-004',
        resource: 'aws_s3_bucket.assets',
        reason: REASON,
        expires: '2026-11-27',
      },
    ]);
    expect(report.suppressionErrors.join('\n')).toMatch(/expired on 2026-11-27/);
    expect(
      report.stacks[0]!.findings.find((f) => f.ruleId === 'PAY-S3-004')!.suppression,
    ).toBeUndefined();
    const current = run([
      {
        rule: 'PAY-S3-004',
        resource: 'aws_s3_bucket.assets',
        reason: REASON,
        expires: '2026-11-28',
      },
    ]);
    expect(current.suppressionErrors).toEqual([]);
  });

  it('is an error for an unknown rule, a malformed entry or a malformed file', () => {
    expect(
      run([{ rule: 'PAY-XX-999', resource: '*', reason: REASON }]).suppressionErrors.join(),
    ).toMatch(/unknown rule PAY-XX-999/);
    expect(run([{ rule: 'S3-4', resource: '*', reason: REASON }]).suppressionErrors.join()).toMatch(
      /rule is not a rule ID/,
    );
    expect(
      run([
        { rule: 'PAY-S3-004', resource: '*', reason: REASON, expires: 'soon' },
      ]).suppressionErrors.join(),
    ).toMatch(/expires is not a calendar date like 2027-06-30/);
    expect(
      run([
        { rule: 'PAY-S3-004', resource: '*', reason: REASON, because: 'x' },
      ]).suppressionErrors.join(),
    ).toMatch(/because/);
    expect(parseSuppressions('s.json', '{ nope').errors[0]).toMatch(/s.json: not valid JSON/);
    expect(parseSuppressions('s.json', '[]').errors[0]).toMatch(/expected \{"suppressions"/);
  });

  it('keeps a guarded suppression dormant until its resources exist, then requires it to match', () => {
    const guard = {
      rule: 'PAY-ALB-006',
      resource: 'aws_lb.*',
      reason: REASON,
      when: [{ type: 'aws_alb' }],
    };
    const dormant = run([{ rule: 'PAY-S3-004', resource: '*', reason: REASON }, guard]);
    expect(dormant.suppressionErrors).toEqual([]);
    expect(dormant.dormant.join()).toMatch(
      /PAY-ALB-006 on aws_lb\.\* \(active once a stack has aws_alb\)/,
    );

    const engineGuard = {
      rule: 'PAY-RDS-011',
      resource: 'aws_rds_cluster.*',
      reason: REASON,
      when: [{ type: 'aws_rds_cluster', attributes: { engine: 'aurora-mysql' } }],
    };
    // The compliant stack's cluster is aurora-mysql with backtrack on: active, matches nothing.
    const active = run([{ rule: 'PAY-S3-004', resource: '*', reason: REASON }, engineGuard]);
    expect(active.suppressionErrors.join()).toMatch(/PAY-RDS-011 .* matches no finding/);
    // A PostgreSQL cluster leaves it dormant.
    const pg = withFinding();
    res(pg, 'aws_rds_cluster', 'db')['engine'] = 'aurora-postgresql';
    res(pg, 'aws_rds_cluster', 'db')['enabled_cloudwatch_logs_exports'] = ['postgresql'];
    expect(
      run([{ rule: 'PAY-S3-004', resource: '*', reason: REASON }, engineGuard], pg)
        .suppressionErrors,
    ).toEqual([]);
  });

  it('limits a suppression to the stacks its stack glob names', () => {
    const report = run([
      { rule: 'PAY-S3-004', resource: '*', stack: 'payment-dev', reason: REASON },
    ]);
    expect(
      report.stacks[0]!.findings.find((f) => f.ruleId === 'PAY-S3-004')!.suppression,
    ).toBeUndefined();
    expect(report.suppressionErrors).toEqual([]);
  });
});

describe('compliance/suppressions.json', () => {
  const file = parseSuppressions(
    'compliance/suppressions.json',
    readFileSync(join(__dirname, '..', '..', 'compliance', 'suppressions.json'), 'utf8'),
  );
  /** Suppressions whose reason holds for every resource of the type (none can be set by Terraform). */
  const TYPE_WIDE = new Set(['PAY-S3-004']);

  it('names the reviewed resource, not every resource of its type', () => {
    expect(file.errors).toEqual([]);
    const broad = file.suppressions.filter(
      (s) => !TYPE_WIDE.has(s.rule) && /^[a-z0-9_]+\.\*$/.test(s.resource),
    );
    expect(broad.map((s) => `${s.rule} ${s.resource}`)).toEqual([]);
  });

  it('would not hide a second, unreviewed public load balancer or cluster', () => {
    const covers = (rule: string, address: string) =>
      file.suppressions.some((s) => s.rule === rule && globToRegExp(s.resource).test(address));
    expect(covers('PAY-ALB-006', 'aws_lb.LoadBalancer_Alb_72D76F81')).toBe(true);
    expect(covers('PAY-ALB-006', 'aws_lb.AdminPortal_Alb_0A1B2C3D')).toBe(false);
    expect(covers('PAY-RDS-011', 'aws_rds_cluster.Aurora_Cluster_2778A36C')).toBe(true);
    expect(covers('PAY-RDS-011', 'aws_rds_cluster.Reporting_Cluster_0A1B2C3D')).toBe(false);
  });
});

describe('suppression expiry dates', () => {
  const parse = (expires: string) =>
    parseSuppressions(
      's.json',
      JSON.stringify({
        suppressions: [
          {
            rule: 'PAY-S3-004',
            resource: 'aws_s3_bucket.assets',
            reason: 'Accepted because the compensating control in the runbook covers it.',
            expires,
          },
        ],
      }),
    ).errors;

  it('accepts a real date and rejects impossible ones, which would never expire as meant', () => {
    expect(parse('2027-02-28')).toEqual([]);
    expect(parse('2028-02-29')).toEqual([]);
    expect(parse('2027-02-29')[0]).toMatch(/expires is not a calendar date/);
    expect(parse('2027-02-30')[0]).toMatch(/expires is not a calendar date/);
    expect(parse('2027-6-30')[0]).toMatch(/expires is not a calendar date like 2027-06-30/);
    expect(parse('2027-13-01')[0]).toMatch(/expires is not a calendar date/);
  });
});
