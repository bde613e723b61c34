/**
 * The cost estimate: dev at idle line by line (the hand-checked arithmetic), what Infracost
 * gets wrong here (in-use public IPv4, Fargate ARM rates, composite alarms; the ALB LCU
 * maximum is in pricers/load-balancer.test.ts), usage profiles and files, the price age, the
 * budget and the curve. Each pricer has its own test in pricers/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StackGraph } from '../../src/tfjson/graph';
import { buildGraph } from '../../src/tfjson/graph';
import { USAGE_PROFILES } from '../../src/config/profiles';
import { costCurve, renderCurveSvg } from '../../src/cost/curve';
import { estimateStack } from '../../src/cost/estimate';
import { doubtfulRows, pricesFor, PriceError } from '../../src/cost/prices';
import { costCommand } from '../../src/cli/commands/cost';
import { runCommandSync } from '../helpers/command';
import { parseUsageFile, UsageError } from '../../src/cost/usage';
import { synthesize } from '../helpers/synth';
import { capturedOutput } from '../helpers/output';

const prices = pricesFor('us-east-1');
const idle = USAGE_PROFILES.dev.idle;
let dev: StackGraph;
let devJson: unknown;
let staging: StackGraph;
let prod: StackGraph;
let fargateArm: StackGraph;
let fargateJson: unknown;

beforeAll(() => {
  devJson = synthesize({ ENVIRONMENT: 'dev' }).json;
  dev = buildGraph(devJson, 'payment-dev/cdk.tf.json', 'payment-dev');
  staging = buildGraph(synthesize({ ENVIRONMENT: 'staging' }).json, 's', 'payment-staging');
  prod = buildGraph(synthesize({ ENVIRONMENT: 'prod' }).json, 'p', 'payment-prod');
  fargateJson = synthesize(
    { ENVIRONMENT: 'dev', ENVIRONMENT_SUFFIX: 'dev-fg' },
    { compute: { kind: 'ecs-fargate' } },
  ).json;
  // The configuration offers x86 tasks only; an ARM task definition is what another stack
  // (or a later option) would synthesize.
  const arm = structuredClone(fargateJson) as {
    resource: Record<string, Record<string, { runtime_platform: { cpu_architecture: string } }>>;
  };
  for (const task of Object.values(arm.resource['aws_ecs_task_definition']!))
    task.runtime_platform.cpu_architecture = 'ARM64';
  fargateArm = buildGraph(arm, 'a', 'payment-dev-arm');
}, 120_000);

const sumOf = (e: ReturnType<typeof estimateStack>, match: RegExp) =>
  e.lines.filter((l) => match.test(l.item)).reduce((s, l) => s + l.monthlyUsd, 0);

describe('dev at idle, line by line', () => {
  it('prices every fixed cost and stays under 120 USD with every control on', () => {
    const e = estimateStack(dev, idle, 'idle', prices, 'us-east-1');
    expect(sumOf(e, /^NAT gateway hours/)).toBeCloseTo(32.85, 2); // 730 h x 0.045
    expect(sumOf(e, /^Public IPv4 address hours/)).toBeCloseTo(3.65, 2); // NAT EIP: 730 x 0.005
    expect(sumOf(e, /^Public IPv4 addresses \(3/)).toBeCloseTo(10.95, 2); // ALB in 3 AZs
    expect(sumOf(e, /^Load balancer hours/)).toBeCloseTo(16.43, 2); // 730 x 0.0225
    expect(sumOf(e, /^WAF/)).toBe(10); // web ACL 5 + 5 rules x 1
    expect(sumOf(e, /^EC2 t3\.small \(1/)).toBeCloseTo(15.18, 2); // 730 x 0.0208
    expect(sumOf(e, /^EBS gp3/)).toBeCloseTo(1.6, 2); // 20 GB x 0.08
    expect(sumOf(e, /^Aurora Serverless v2/)).toBe(0); // auto-pause: 0 ACU when idle
    expect(sumOf(e, /^KMS/)).toBe(5); // 5 customer keys
    expect(sumOf(e, /secret/)).toBeCloseTo(0.4, 2);
    // 13 x 0.10, two 2-metric alarms (target 5xx rate, ALB log delivery), one 3-metric (WAF log delivery)
    expect(sumOf(e, /^Metric alarm/)).toBeCloseTo(2.0, 2);
    expect(sumOf(e, /^Composite alarm/)).toBe(0.5);
    expect(sumOf(e, /^Dashboard/)).toBe(3);
    expect(e.monthlyUsd).toBeCloseTo(101.56, 2);
    expect(e.monthlyUsd).toBeLessThan(120);
    const components = Object.values(e.byComponent).reduce((s, v) => s + v, 0);
    expect(components).toBeCloseTo(e.monthlyUsd, 1);
  });

  it('lists what it cannot price instead of counting it as zero', () => {
    const e = estimateStack(dev, idle, 'idle', prices, 'us-east-1');
    const items = e.unpriced.map((u) => u.item);
    expect(items).toContain('Inter-AZ data transfer');
    expect(items).toContain('VPC flow log delivery');
    expect(items).toContain('WAF log delivery to S3');
    // A resource policy costs nothing (the master secret's break-glass policy).
    expect(items).not.toContain('aws_secretsmanager_secret_policy');
    // A resource type the table does not know is named, not dropped.
    const withUnknown = structuredClone(devJson) as { resource: Record<string, unknown> };
    withUnknown.resource['aws_kinesis_stream'] = { s: { name: 'x' } };
    const g = buildGraph(withUnknown, 'x', 'payment-dev');
    expect(estimateStack(g, idle, 'idle', prices, 'us-east-1').unpriced).toContainEqual(
      expect.objectContaining({
        address: 'aws_kinesis_stream.s',
        reason: 'resource type not in the price table',
      }),
    );
  });

  it('prices the database at its 0.5 ACU floor once traffic wakes it', () => {
    const e = estimateStack(dev, USAGE_PROFILES.dev.small, 'small', prices, 'us-east-1');
    expect(sumOf(e, /^Aurora Serverless v2/)).toBeCloseTo(2 * 0.5 * 730 * 0.12, 2);
  });
});

describe('what Infracost gets wrong here', () => {
  it('prices Fargate ARM tasks at the Graviton rate and x86 at the x86 rate', () => {
    const arm = estimateStack(fargateArm, idle, 'idle', prices, 'us-east-1');
    expect(arm.lines.map((l) => l.item)).toContainEqual(expect.stringMatching(/^Fargate ARM vCPU/));
    expect(sumOf(arm, /^Fargate ARM vCPU/)).toBeCloseTo(0.25 * 730 * 0.03238, 2);
    const x86 = buildGraph(fargateJson, 'x', 'payment-dev-fg');
    expect(
      sumOf(estimateStack(x86, idle, 'idle', prices, 'us-east-1'), /^Fargate x86 vCPU/),
    ).toBeCloseTo(0.25 * 730 * 0.04048, 2);
  });

  it('charges public IPv4 addresses in use (NAT per AZ in prod) and composite alarms', () => {
    const e = estimateStack(prod, idle, 'idle', prices, 'us-east-1');
    expect(e.lines.filter((l) => l.item === 'Public IPv4 address hours')).toHaveLength(3);
    expect(sumOf(e, /^Composite alarm/)).toBe(0.5);
    expect(sumOf(e, /^Aurora Serverless v2/)).toBeCloseTo(3 * 2 * 730 * 0.12, 2);
  });
});

describe('prices and usage input', () => {
  it('refuses a Region the table has no prices for, naming the ones it has and how to supply them', () => {
    expect(() => pricesFor('ap-south-1')).toThrow(PriceError);
    expect(() => pricesFor('ap-south-1')).toThrow(
      /"ap-south-1" is not priced \(the table has us-east-1, us-west-2, eu-west-1, eu-central-1\); supply its prices with npm run cost -- --prices <file>/,
    );
  });

  it('prices us-west-2, eu-west-1 and eu-central-1 from the researched table, keeping [unverified] rows marked', () => {
    expect(pricesFor('eu-west-1').natGatewayHour.usd).toBe(0.048);
    expect(pricesFor('eu-central-1').fargateX86VcpuHour.usd).toBe(0.04656);
    expect(pricesFor('us-west-2').auroraAcuHour.usd).toBe(0.12);
    expect(pricesFor('eu-central-1').albLcuHour.unverified).toContain(
      'confirm before relying on it',
    );
    expect(pricesFor('eu-west-1').auroraAcuHour.thirdParty).toBe(true);
    const { unverified } = doubtfulRows(pricesFor('eu-central-1'));
    expect(unverified).toContain('natDataPerGb');
    expect(unverified).toContain('ec2Hour.m7i.large');
    // Frankfurt costs more than us-east-1 for the same dev stack at idle.
    const frankfurt = estimateStack(dev, idle, 'idle', pricesFor('eu-central-1'), 'eu-central-1');
    const virginia = estimateStack(dev, idle, 'idle', prices, 'us-east-1');
    expect(frankfurt.monthlyUsd).toBeGreaterThan(virginia.monthlyUsd);
  });

  it('reads a usage file and reports every bad key with its value, rule and an example', () => {
    expect(parseUsageFile('u.json', '{"requestsPerSecond": 25}')).toEqual({
      requestsPerSecond: 25,
    });
    expect(() => parseUsageFile('u.json', '{"requestsPerSecond": -1, "rps": 3}')).toThrow(
      UsageError,
    );
    try {
      parseUsageFile('u.json', '{"requestsPerSecond": -1, "rps": 3}');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('2 problems');
      expect(message).toContain('requestsPerSecond: -1 must be 0 or more. Example: 25.');
      expect(message).toMatch(/rps: "rps" is not a usage key/);
    }
    expect(() => parseUsageFile('u.json', '{oops')).toThrow(/u.json: malformed JSON/);
  });
});

/** `npm run cost` with these arguments, through the command-line contract. */
function runCost(
  args: readonly string[],
  io: {
    readonly cwd: string;
    readonly today: string;
    readonly stdout: (t: string) => void;
    readonly stderr: (t: string) => void;
  },
): number {
  const run = runCommandSync(costCommand, args, { cwd: io.cwd, today: io.today });
  if (run.out) io.stdout(run.out);
  if (run.err) io.stderr(run.err);
  return run.code;
}

describe('npm run cost', () => {
  let dir: string;
  const io = (today = '2026-12-01') => {
    const { out, err, streams } = capturedOutput();
    return { out, err, io: { cwd: dir, ...streams, today } };
  };
  const write = (name: string, graphJson: unknown) => {
    mkdirSync(join(dir, 'out', 'stacks', name), { recursive: true });
    writeFileSync(join(dir, 'out', 'stacks', name, 'cdk.tf.json'), JSON.stringify(graphJson));
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cost-cli-'));
    write('payment-dev', devJson);
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('prints JSON in the documented shape, stating the caveat and the price date', () => {
    const run = io();
    expect(runCost(['--dir', 'out', '--format', 'json'], run.io)).toBe(0);
    const report = JSON.parse(run.out.join('')) as {
      caveat: string;
      pricesResearched: string;
      stacks: Array<{
        stack: string;
        usage: string;
        monthlyUsd: number;
        lines: Array<{ address: string; component: string; item: string; monthlyUsd: number }>;
        unpriced: unknown[];
      }>;
    };
    expect(report.caveat).toMatch(/on-demand .* before tax and discounts, at 730 hours/);
    expect(report.pricesResearched).toBe('2026-11-28');
    expect(report.stacks[0]).toMatchObject({
      stack: 'payment-dev',
      usage: 'idle',
      monthlyUsd: 101.56,
    });
    expect(report.stacks[0]!.lines[0]).toMatchObject({
      component: 'network',
      item: 'NAT gateway hours',
      monthlyUsd: 32.85,
    });
    expect(report.stacks[0]!.unpriced.length).toBeGreaterThan(0);
  });

  it('warns when the price table is old and fails only with --max-price-age', () => {
    const late = io('2027-12-01');
    expect(runCost(['--dir', 'out'], late.io)).toBe(0);
    expect(late.err.join('')).toMatch(/price table is \d+ days old/);
    expect(late.out.join('')).toMatch(/WARNING: the table is \d+ days old/);
    expect(runCost(['--dir', 'out', '--max-price-age', '30'], io('2027-12-01').io)).toBe(1);
    expect(runCost(['--dir', 'out', '--max-price-age', '400'], io('2027-12-01').io)).toBe(0);
  });

  it('warns over budget outside prod and fails in prod unless overridden', () => {
    const tight = structuredClone(devJson) as { locals: Record<string, number> };
    tight.locals.monthly_budget_usd = 50;
    write('payment-dev', tight);
    const warn = io();
    expect(runCost(['--dir', 'out'], warn.io)).toBe(0);
    expect(warn.err.join('')).toMatch(/over its monthlyBudgetUsd of 50 \(warning\)/);
    const prodLike = structuredClone(tight) as unknown as {
      provider: { aws: Array<{ default_tags: Array<{ tags: Record<string, string> }> }> };
    };
    prodLike.provider.aws[0]!.default_tags[0]!.tags['Profile'] = 'prod';
    write('payment-dev', prodLike);
    const fail = io();
    expect(runCost(['--dir', 'out'], fail.io)).toBe(1);
    expect(fail.err.join('')).toMatch(/prod: failing; --allow-over-budget overrides/);
    expect(runCost(['--dir', 'out', '--allow-over-budget'], io().io)).toBe(0);
    write('payment-dev', devJson);
  });

  it('with a stack in an unpriced Region, estimates the others and reports it unpriced, with how to supply prices (issue 20)', () => {
    const eu = structuredClone(devJson) as { provider: { aws: Array<{ region: string }> } };
    eu.provider.aws[0]!.region = 'eu-west-1';
    const far = structuredClone(devJson) as { provider: { aws: Array<{ region: string }> } };
    far.provider.aws[0]!.region = 'ap-south-1';
    write('payment-eu', eu);
    write('payment-far', far);
    const run = io();
    expect(runCost(['--dir', 'out', '--format', 'json'], run.io)).toBe(0);
    const report = JSON.parse(run.out.join('')) as { stacks: Array<{ stack: string }> };
    expect(report.stacks.map((s) => s.stack).sort()).toEqual(['payment-dev', 'payment-eu']);
    const err = run.err.join('');
    expect(err).toContain('payment-far (ap-south-1) is unpriced');
    expect(err).toContain('--prices <file>');
    expect(err).not.toContain('--region');
    expect(err).toMatch(/eu-west-1 prices: \d+ \[unverified\] rows/);

    // Supplied prices price it; a file missing a key is refused, naming the key.
    const table = JSON.parse(JSON.stringify(pricesFor('us-east-1'))) as Record<string, unknown>;
    writeFileSync(join(dir, 'prices.json'), JSON.stringify({ 'ap-south-1': table }));
    const supplied = io();
    expect(
      runCost(['--dir', 'out', '--prices', 'prices.json', '--format', 'json'], supplied.io),
    ).toBe(0);
    expect(supplied.out.join('')).toContain('payment-far');
    delete table['natGatewayHour'];
    writeFileSync(join(dir, 'prices.json'), JSON.stringify({ 'ap-south-1': table }));
    const incomplete = io();
    expect(runCost(['--dir', 'out', '--prices', 'prices.json'], incomplete.io)).toBe(2);
    expect(incomplete.err.join('')).toContain('ap-south-1.natGatewayHour');
    rmSync(join(dir, 'out', 'stacks', 'payment-eu'), { recursive: true });
    rmSync(join(dir, 'out', 'stacks', 'payment-far'), { recursive: true });
  });

  it('rejects bad input with one line naming the flag, the value and an example', () => {
    const bad = io();
    expect(runCost(['--dir', 'out', '--usage', 'huge'], bad.io)).toBe(2);
    expect(bad.err.join('')).toMatch(
      /--usage "huge" is not one of idle, small, medium, large. Example: --usage medium/,
    );
    const missing = io();
    expect(runCost(['--dir', 'out', '--stack', 'payment-nope'], missing.io)).toBe(2);
    expect(missing.err.join('')).toMatch(/no such stack .*payment-dev/);
    const file = io();
    writeFileSync(join(dir, 'u.json'), '{"averageAcu": 999}');
    expect(runCost(['--dir', 'out', '--usage-file', 'u.json'], file.io)).toBe(2);
    expect(file.err.join('')).toMatch(/averageAcu: 999 must be at most 256/);
  });

  it('applies a usage file over the profile', () => {
    writeFileSync(join(dir, 'u.json'), '{"requestsPerSecond": 5, "averageAcu": 1}');
    const run = io();
    expect(runCost(['--dir', 'out', '--usage-file', 'u.json', '--format', 'json'], run.io)).toBe(0);
    const stack = (
      JSON.parse(run.out.join('')) as {
        stacks: Array<{ usage: string; assumed: { acuPerInstance: number } }>;
      }
    ).stacks[0]!;
    expect(stack.usage).toBe('idle + u.json');
    expect(stack.assumed.acuPerInstance).toBe(1);
  });

  it('writes the curve table and an SVG chart with the scaling limits', () => {
    const run = io();
    expect(
      runCost(['--dir', 'out', '--curve', '--peak', '100', '--svg', 'chart.svg'], run.io),
    ).toBe(0);
    expect(run.out.join('')).toMatch(/app tier reaches its maximum \(2\) at 33.33 requests\/s/);
    const svg = readFileSync(join(dir, 'chart.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('app tier at its maximum (2)');
    expect(existsSync(join(dir, 'chart.svg.tmp-' + process.pid))).toBe(false);
  });
});

describe('cost against load', () => {
  it('grows with load until the app tier and the database reach their maximum, then only per request', () => {
    const curve = costCurve(prod, USAGE_PROFILES.prod.medium, prices, 'us-east-1', 2000);
    expect(curve.appMaxAtRps).toBe(200); // 12 instances x 1000 requests/min / 60
    expect(curve.acuMaxAtRps).toBe(1280); // 64 ACU / 0.05 ACU per request/s
    expect(curve.stopsScalingAtRps).toBe(1280);
    const at = (rps: number) => curve.points.find((p) => p.requestsPerSecond === rps)!;
    expect(at(200).appCount).toBe(12);
    expect(at(2000).appCount).toBe(12);
    expect(at(2000).acuPerInstance).toBe(64);
    const costs = curve.points.map((p) => p.monthlyUsd);
    expect([...costs].sort((a, b) => a - b)).toEqual(costs);
    expect(renderCurveSvg(curve)).toContain('database at its maximum (64 ACU)');
  });

  it('keeps staging idle under its budget', () => {
    expect(estimateStack(staging, idle, 'idle', prices, 'us-east-1').monthlyUsd).toBeLessThan(450);
  });
});
