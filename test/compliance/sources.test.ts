/**
 * SARIF locations come from the project's own sources: every block of every synthesized
 * shape maps to the tracked TypeScript line that creates it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StackGraph } from '../../src/tfjson/graph';
import { buildGraph } from '../../src/tfjson/graph';
import { indexSources, providerClassOf, sarifLocator } from '../../src/compliance/sources';
import { synthesize } from '../helpers/synth';

const sources = indexSources(process.cwd());
const tracked = new Set(
  spawnSync('git', ['ls-files', 'src'], { encoding: 'utf8' }).stdout.trim().split('\n'),
);
let graphs: StackGraph[];
let devText: string;

beforeAll(() => {
  const dev = synthesize({ ENVIRONMENT: 'dev' }).json;
  devText = JSON.stringify(dev, null, 2);
  graphs = [
    buildGraph(dev, 'dev.tf.json', 'payment-dev'),
    buildGraph(
      synthesize(
        { ENVIRONMENT: 'prod', ENVIRONMENT_SUFFIX: 'prod-fargate-pg' },
        { compute: { kind: 'ecs-fargate' }, database: { engine: 'aurora-postgresql' } },
      ).json,
      'prod.tf.json',
      'payment-prod-fargate-pg',
    ),
  ];
}, 60_000);

const locate = (g: StackGraph, address: string) => {
  const b = g.block(address)!;
  return sources.locate(
    b.constructPath!,
    providerClassOf(b.type, b.kind === 'data' ? 'data' : 'resource'),
  );
};
const byPath = (g: StackGraph, suffix: string) =>
  [...g.blocks.values()].find((b) => b.constructPath?.endsWith(suffix))!.address;

describe('construct path -> source line', () => {
  it('maps every resource and data source of both shapes to a tracked line that creates it', () => {
    let checked = 0;
    for (const g of graphs) {
      for (const b of g.blocks.values()) {
        if ((b.kind !== 'resource' && b.kind !== 'data') || !b.constructPath) continue;
        const at = locate(g, b.address);
        expect(at, b.constructPath).toBeDefined();
        expect(tracked.has(at!.file), `${b.constructPath} -> ${at!.file}`).toBe(true);
        const text = readFileSync(at!.file, 'utf8').split('\n')[at!.line - 1]!;
        expect(text, `${b.constructPath} -> ${at!.file}:${at!.line}`).toMatch(/\((this|scope),/);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(250);
  });

  it('follows the path through the constructs to the provider call', () => {
    const [dev, prod] = graphs as [StackGraph, StackGraph];
    const line = (g: StackGraph, suffix: string) => {
      const at = locate(g, byPath(g, suffix))!;
      return `${at.file}: ${readFileSync(at.file, 'utf8').split('\n')[at.line - 1]!.trim()}`;
    };
    expect(line(dev, '/LoadBalancer/Alb')).toMatch(
      /^src\/constructs\/edge\/load-balancer.ts: .*new Lb\(this, 'Alb'/,
    );
    // Two app tiers are created with the id App: the path below it decides which.
    expect(line(dev, '/App/Group')).toMatch(/^src\/constructs\/compute\/ec2-app-tier.ts: /);
    expect(line(prod, '/App/Service')).toMatch(/^src\/constructs\/compute\/fargate-app-tier.ts: /);
    // A template id and a non-literal id among siblings.
    expect(line(dev, '/Network/PrivateSubnet1')).toMatch(/new Subnet\(this, `/);
    expect(line(dev, '/Network/PrivateRouteTableAssociation1')).toMatch(
      /new RouteTableAssociation/,
    );
    expect(line(dev, '/Aurora/AppConnect')).toMatch(/new IamRolePolicy\(this, id/);
  });

  it('gives the SARIF reporter the source line and the JSON line of a finding', () => {
    const g = graphs[0]!;
    const text = devText;
    const address = byPath(g, '/LoadBalancer/Alb');
    const finding = {
      ruleId: 'PAY-ALB-001',
      severity: 'high',
      title: 't',
      stack: g.name,
      file: 'cdktf.out/stacks/payment-dev/cdk.tf.json',
      address,
      message: 'm',
    } as const;
    const locator = sarifLocator([{ graph: g, text }], sources);
    expect(locator.source!(finding)).toEqual({
      uri: 'src/constructs/edge/load-balancer.ts',
      line: locate(g, address)!.line,
    });
    const json = locator.json(finding);
    expect(json.uri).toBe(finding.file);
    expect(text.split('\n')[json.line - 1]).toContain(`"${address.split('.')[1]}": {`);
    expect(locator.source!({ ...finding, address: 'provider' })).toBeUndefined();
  });

  it('knows nothing outside a project with src/stacks (the JSON stays the location)', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-sources-'));
    try {
      expect(indexSources(empty).locate('payment-dev/LoadBalancer/Alb', 'Lb')).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('names provider classes as CDK Terrain generates them', () => {
    expect(providerClassOf('aws_lb_listener')).toBe('LbListener');
    expect(providerClassOf('tls_private_key')).toBe('PrivateKey');
    expect(providerClassOf('aws_availability_zones', 'data')).toBe('DataAwsAvailabilityZones');
  });
});
