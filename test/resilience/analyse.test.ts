/**
 * The lose-one-AZ analysis: prod survives, dev and staging list accepted risks, and each
 * mutation the issue names (all app capacity in one AZ, a reader in the writer's AZ, a private
 * route table on another AZ's NAT) is caught by the analysis and by the prod gate rule.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { zoneLabel } from '../../src/analysis/availability-zones';
import { buildGraph } from '../../src/tfjson/graph';
import { appliesTo } from '../../src/compliance/rule';
import { RULES } from '../../src/compliance/rules';
import { analyseResilience } from '../../src/resilience/analyse';
import { resilienceCommand } from '../../src/cli/commands/resilience';
import { DEFAULT_GATE_OPTIONS, runGate } from '../../src/compliance/run';
import { runCommandSync } from '../helpers/command';
import { synthesize } from '../helpers/synth';
import { capturedOutput } from '../helpers/output';

type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };
let prodJson: Json;
let devJson: Json;
let stagingJson: Json;
const graph = (json: unknown, name = 'payment-prod') =>
  buildGraph(json, `${name}/cdk.tf.json`, name);
const rule = RULES.find((r) => r.id === 'PAY-RES-001')!;
const ruleResult = (json: unknown, id: string) =>
  analyseResilience(graph(json)).rules.find((r) => r.id === id)!;

beforeAll(() => {
  prodJson = synthesize({ ENVIRONMENT: 'prod' }).json as unknown as Json;
  devJson = synthesize({ ENVIRONMENT: 'dev' }).json as unknown as Json;
  stagingJson = synthesize({ ENVIRONMENT: 'staging' }).json as unknown as Json;
}, 120_000);

const only = (json: Json, type: string) => Object.values(json.resource[type]!);

describe('AZ names', () => {
  it('uses the fixed name, or AZ n by position in the AZ list', () => {
    expect(zoneLabel('${data.aws_availability_zones.Zones.names.0}')).toBe('AZ 1');
    expect(zoneLabel('${element(data.aws_availability_zones.z.names, 2)}')).toBe('AZ 3');
    expect(zoneLabel('eu-west-1b')).toBe('eu-west-1b');
    expect(zoneLabel('${var.zone}')).toBeUndefined();
  });
});

describe('the committed profiles', () => {
  it('prod survives the loss of each AZ with every tier serving, and every rule passes', () => {
    const a = analyseResilience(graph(prodJson));
    expect(a.azs).toEqual(['AZ 1', 'AZ 2', 'AZ 3']);
    expect(a.survivesAzLoss).toBe(true);
    expect(a.rules.filter((r) => !r.passed)).toEqual([]);
    expect(rule.check(graph(prodJson))).toEqual([]);
    const az1 = a.scenarios.find((s) => s.lose === 'AZ 1')!;
    const data = az1.outcomes.find((o) => o.tier === 'data')!;
    expect(data.interruption).toMatch(/failover .* typically within 30 seconds/);
    expect(az1.outcomes.find((o) => o.tier === 'app')!.capacity).toBe(
      '2 of 3 instances (minimum 3, maximum 12)',
    );
  });

  it('dev and staging report the single NAT gateway as an accepted risk, and dev its single instance', () => {
    const dev = analyseResilience(graph(devJson, 'payment-dev'));
    expect(dev.survivesAzLoss).toBe(false);
    expect(dev.scenarios.map((s) => s.lose)).toContain(
      'NAT gateway aws_nat_gateway.Network_NatGateway0_0824BA8F',
    );
    expect(dev.singlePointsOfFailure.join('\n')).toMatch(
      /losing AZ 1: app stops serving \(0 of 1 instances/,
    );
    const staging = analyseResilience(graph(stagingJson, 'payment-staging'));
    expect(staging.singlePointsOfFailure.join('\n')).toMatch(/losing AZ 1: egress stops serving/);
    // The gate rule applies to prod only: other environments accept the risk.
    expect(rule.prodOnly).toBe(true);
    expect(appliesTo(rule, graph(devJson, 'payment-dev'))).toBe(false);
  });
});

describe('mutations the analysis must catch', () => {
  it('all app capacity in one AZ', () => {
    const m = structuredClone(prodJson);
    const asg = only(m, 'aws_autoscaling_group')[0]!;
    asg['vpc_zone_identifier'] = [(asg['vpc_zone_identifier'] as string[])[0]];
    expect(ruleResult(m, 'RES-2').passed).toBe(false);
    expect(ruleResult(m, 'RES-3').detail).toMatch(/losing the AZ with 3 of 3 leaves none/);
    const a = analyseResilience(graph(m));
    const app = a.scenarios.find((s) => s.lose === 'AZ 1')!.outcomes.find((o) => o.tier === 'app')!;
    expect(app).toMatchObject({
      serves: false,
      interruption: expect.stringMatching(/no subnet in another AZ/),
    });
    expect(rule.check(graph(m)).length).toBeGreaterThan(0);
  });

  it("a reader in the writer's AZ", () => {
    const m = structuredClone(prodJson);
    for (const inst of only(m, 'aws_rds_cluster_instance'))
      inst['availability_zone'] = '${data.aws_availability_zones.Network_Zones_73A0D929.names.0}';
    expect(ruleResult(m, 'RES-5').detail).toMatch(/no reader outside the writer's AZ 1/);
    const az1 = analyseResilience(graph(m)).scenarios.find((s) => s.lose === 'AZ 1')!;
    expect(az1.outcomes.find((o) => o.tier === 'data')!.serves).toBe(false);
    expect(
      rule
        .check(graph(m))
        .map((v) => v.message)
        .join('\n'),
    ).toMatch(/losing AZ 1: data stops serving/);
  });

  it("a private route table pointing to another AZ's NAT", () => {
    const m = structuredClone(prodJson);
    const routes = m.resource['aws_route']!;
    const second = Object.entries(routes).find(([name]) =>
      name.startsWith('Network_PrivateDefaultRoute1'),
    )![1];
    second['nat_gateway_id'] = '${aws_nat_gateway.Network_NatGateway0_0824BA8F.id}';
    expect(ruleResult(m, 'RES-6').detail).toMatch(/sends AZ 2 .* through the NAT gateway in AZ 1/);
    const az1 = analyseResilience(graph(m)).scenarios.find((s) => s.lose === 'AZ 1')!;
    expect(az1.outcomes.find((o) => o.tier === 'egress')!).toMatchObject({
      serves: false,
      capacity: expect.stringMatching(/AZ 2/),
    });
    expect(rule.check(graph(m)).length).toBeGreaterThan(0);
  });

  it('an interface endpoint in one AZ and an ASG without ELB health checks', () => {
    const m = structuredClone(prodJson);
    const endpoint = only(m, 'aws_vpc_endpoint').find(
      (e) => e['vpc_endpoint_type'] === 'Interface',
    )!;
    endpoint['subnet_ids'] = [(endpoint['subnet_ids'] as string[])[0]];
    only(m, 'aws_autoscaling_group')[0]!['health_check_type'] = 'EC2';
    expect(ruleResult(m, 'RES-7').detail).toMatch(/no network interface in AZ 2, AZ 3/);
    expect(ruleResult(m, 'RES-4').passed).toBe(false);
    const az1 = analyseResilience(graph(m)).scenarios.find((s) => s.lose === 'AZ 1')!;
    expect(az1.outcomes.find((o) => o.tier === 'endpoints')!.serves).toBe(false);
  });
});

describe('npm run resilience', () => {
  it('exits 0 for surviving prod, 1 for a prod stack that does not, 2 for bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'resilience-'));
    try {
      const write = (json: unknown) => {
        mkdirSync(join(dir, 'stacks', 'payment-prod'), { recursive: true });
        writeFileSync(join(dir, 'stacks', 'payment-prod', 'cdk.tf.json'), JSON.stringify(json));
      };
      const { out, err } = capturedOutput();
      const resilience = (args: string[]) => {
        const run = runCommandSync(resilienceCommand, args, { cwd: dir });
        out.push(run.out);
        err.push(run.err);
        return run.code;
      };
      write(prodJson);
      expect(resilience(['--dir', '.'])).toBe(0);
      // The gate's table report carries the verdict too.
      const gateOut: string[] = [];
      runGate(
        { ...DEFAULT_GATE_OPTIONS, dir: '.' },
        {
          cwd: dir,
          stdout: (t) => void gateOut.push(t),
          stderr: () => undefined,
          colour: false,
          synthesize: () => 1,
        },
      );
      expect(gateOut.join('')).toContain(
        'Resilience (lose one AZ; npm run resilience shows every scenario):\n  payment-prod: survives the loss of any one AZ',
      );
      expect(out.join('')).toContain(
        'payment-prod (prod; AZ 1, AZ 2, AZ 3): survives the loss of any one AZ',
      );
      const m = structuredClone(prodJson);
      only(m, 'aws_autoscaling_group')[0]!['vpc_zone_identifier'] = [
        (only(prodJson, 'aws_autoscaling_group')[0]!['vpc_zone_identifier'] as string[])[0],
      ];
      write(m);
      expect(resilience(['--dir', '.', '--format', 'markdown'])).toBe(1);
      expect(err.join('')).toMatch(/payment-prod \(prod\) does not survive/);
      expect(resilience(['--dir', '.', '--format', 'pdf'])).toBe(2);
      expect(resilience(['--dir', 'missing'])).toBe(2);
      expect(err.join('')).toMatch(/resilience: .*missing/);
      // Quiet by default: the verdict and what fails; every scenario behind --verbose.
      write(prodJson);
      out.length = 0;
      resilience(['--dir', '.']);
      expect(out.join('')).not.toContain('lose AZ 1');
      resilience(['--dir', '.', '--verbose']);
      expect(out.join('')).toContain('lose AZ 1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
