/**
 * The architecture diagram follows the stack: every AZ has its three tiers, the database
 * sits only in data subnets, every traffic edge's ports come from a security-group rule, and
 * the committed docs/architecture-<env>.svg files are what `npm run diagram:docs` renders.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { securityGroupRules } from '../../src/tfjson/aws';
import { zoneLabel } from '../../src/analysis/availability-zones';
import { renderSvg, toDotText } from '../../src/review/diagram/dot';
import { toMermaid } from '../../src/review/diagram/mermaid';
import type { ArchitectureModel } from '../../src/review/diagram/model';
import { architectureOf, TIERS } from '../../src/review/diagram/model';
import { environmentOf, mermaidDocument } from '../../src/review/diagram/run';
import { diagramCommand } from '../../src/cli/commands/diagram';
import { runCommand } from '../helpers/command';
import { DOCS_STACKS, REVIEW_VARIANTS, stackGraph, stackJson } from '../fixtures/review-stacks';

const models = new Map<string, ArchitectureModel>();
const svgs = new Map<string, string>();

beforeAll(async () => {
  for (const v of REVIEW_VARIANTS) models.set(v.name, architectureOf(stackGraph(v.name)));
  // Rendered once per file: the layout is the slow part.
  for (const name of DOCS_STACKS) {
    svgs.set(
      name,
      await renderSvg(toDotText(models.get(name)!, { source: `stacks/${name}/cdk.tf.json` })),
    );
  }
});

describe('the architecture model of every variant', () => {
  it.each(REVIEW_VARIANTS.map((v) => v.name))(
    '%s: every AZ has a public, a private app and a data subnet',
    (name) => {
      const model = models.get(name)!;
      expect(model.zones.map((z) => z.label)).toEqual(['AZ 1', 'AZ 2', 'AZ 3']);
      for (const zone of model.zones) expect(zone.subnets.map((s) => s.tier)).toEqual([...TIERS]);
    },
  );

  it.each(REVIEW_VARIANTS.map((v) => v.name))(
    '%s: database instances sit only in data subnets, in their own AZ',
    (name) => {
      const model = models.get(name)!;
      const json = stackJson(name);
      const dbs = model.nodes.filter((n) => n.kind === 'db-writer' || n.kind === 'db-reader');
      expect(dbs.length).toBe(Object.keys(json.resource['aws_rds_cluster_instance'] ?? {}).length);
      for (const db of dbs) {
        expect(db.placement.in).toBe('subnet');
        const subnet = model.zones
          .flatMap((z) => z.subnets)
          .find((s) => db.placement.in === 'subnet' && s.address === db.placement.subnet)!;
        expect(subnet.tier).toBe('data');
        const instance = json.resource['aws_rds_cluster_instance']![db.id.split('.')[1]!]!;
        expect(subnet.zone).toBe(zoneLabel(instance['availability_zone']));
      }
      expect(dbs.filter((d) => d.kind === 'db-writer')).toHaveLength(1);
    },
  );

  it.each(REVIEW_VARIANTS.map((v) => v.name))(
    '%s: every traffic edge into a group carries exactly the ports its rules allow',
    (name) => {
      const model = models.get(name)!;
      const rules = securityGroupRules(stackGraph(name));
      const traffic = model.edges.filter((e) => e.kind === 'traffic' && e.ports.length > 0);
      // internet -> WAF (443, 80), ALB -> app (one per AZ), app -> database.
      expect(traffic.length).toBeGreaterThanOrEqual(1 + 3 + 3);
      for (const edge of traffic) {
        expect(edge.rules.length).toBeGreaterThan(0);
        for (const port of edge.ports) {
          const rule = rules.filter((r) => edge.rules.includes(r.address));
          expect(
            rule.some(
              (r) => r.direction === 'ingress' && r.fromPort === port.from && r.toPort === port.to,
            ),
          ).toBe(true);
        }
      }
      const intoApp = traffic.filter((e) => /^aws_(autoscaling_group|ecs_service)\./.test(e.to));
      const appPort = Object.values(stackJson(name).resource['aws_lb_target_group']!)[0]![
        'port'
      ] as number;
      for (const e of intoApp) expect(e.ports.map((p) => p.from)).toEqual([appPort]);
      const fromInternet = traffic.find((e) => e.from === 'internet')!;
      expect(fromInternet.ports.map((p) => p.from).sort()).toEqual([443, 80]);
    },
  );

  it('places the app tier with its capacity in every private subnet, NAT gateways per the profile', () => {
    const dev = models.get('payment-dev')!;
    const prod = models.get('payment-prod')!;
    const apps = prod.nodes.filter((n) => n.kind === 'app-ec2');
    expect(apps).toHaveLength(3);
    expect(apps[0]!.details[0]).toMatch(/^min \d+ \/ desired \d+ \/ max \d+$/);
    expect(
      models.get('payment-prod-fargate')!.nodes.filter((n) => n.kind === 'app-ecs'),
    ).toHaveLength(3);
    expect(dev.nodes.filter((n) => n.kind === 'nat-gateway')).toHaveLength(1);
    expect(prod.nodes.filter((n) => n.kind === 'nat-gateway')).toHaveLength(3);
    for (const kind of ['waf', 'bucket', 'key', 'topic', 'endpoints'] as const) {
      expect(
        prod.nodes.filter((n) => n.kind === kind).every((n) => n.placement.in === 'region'),
      ).toBe(true);
    }
  });

  it('draws log delivery and key use as their own edges', () => {
    const dev = models.get('payment-dev')!;
    const logs = dev.edges.filter((e) => e.kind === 'logs').map((e) => e.label);
    expect(logs).toEqual(expect.arrayContaining(['flow logs', 'ALB logs', 'WAF logs']));
    expect(
      dev.edges.some((e) => e.kind === 'key' && e.to.startsWith('aws_rds_cluster_instance.')),
    ).toBe(true);
  });

  it('follows a port change and drops an edge no rule allows (the failing cases)', () => {
    const json = stackJson('payment-dev');
    const rules = json.resource['aws_vpc_security_group_ingress_rule']!;
    const db = Object.values(rules).find((r) => r['from_port'] === 3306)!;
    db['from_port'] = 3307;
    db['to_port'] = 3307;
    const changed = architectureOf(stackGraph('payment-dev', json));
    const intoDb = changed.edges.filter(
      (e) => e.kind === 'traffic' && e.to.startsWith('aws_rds_cluster_instance.'),
    );
    expect(intoDb.length).toBeGreaterThan(0);
    for (const e of intoDb) expect(e.label).toBe('3307/tcp');

    const app = Object.entries(rules).find(([, r]) => r['from_port'] === 8080)![0];
    delete rules[app];
    const closed = architectureOf(stackGraph('payment-dev', json));
    expect(
      closed.edges.some((e) => e.kind === 'traffic' && e.to.startsWith('aws_autoscaling_group.')),
    ).toBe(false);
  });

  it('names a fixed AZ by its name and a data-source AZ by position', () => {
    expect(zoneLabel('${data.aws_availability_zones.Network_Zones_73A0D929.names.2}')).toBe('AZ 3');
    expect(zoneLabel('eu-west-1a')).toBe('eu-west-1a');
    expect(zoneLabel('${aws_subnet.x.availability_zone}')).toBeUndefined();
  });
});

describe('the rendered SVG', () => {
  it.each([...DOCS_STACKS])(
    'docs/architecture-%s is current (npm run diagram:docs regenerates it)',
    (name) => {
      const file = `docs/architecture-${environmentOf(name)}.svg`;
      expect(svgs.get(name)).toBe(readFileSync(file, 'utf8'));
      const md = `docs/architecture-${environmentOf(name)}.md`;
      expect(readFileSync(md, 'utf8')).toBe(mermaidDocument(name, toMermaid(models.get(name)!)));
    },
  );

  it('is self-contained: icons are data URIs, with a title block and a legend', () => {
    const svg = svgs.get('payment-prod')!;
    const hrefs = [...svg.matchAll(/xlink:href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(10);
    for (const href of hrefs) expect(href.startsWith('data:image/svg+xml;base64,')).toBe(true);
    // Graphviz writes a hyphen as &#45;.
    expect(svg).toContain('font-size="16.00">payment&#45;prod<');
    expect(svg).toContain('profile prod');
    expect(svg).toContain('>Legend<');
    expect(svg).toContain('stacks/payment&#45;prod/cdk.tf.json');
  });

  it('draws AZ 1, AZ 2, AZ 3 left to right and the tiers top to bottom', () => {
    for (const svg of svgs.values()) {
      const box = (title: string) => {
        const m = new RegExp(
          `<title>${title}</title>\\s*<polygon[^>]*points="([-\\d.]+),([-\\d.]+)`,
        ).exec(svg)!;
        return { x: Number(m[1]), y: Number(m[2]) };
      };
      const zones = [0, 1, 2].map((i) => box(`cluster_az_${i}`).x);
      expect([...zones].sort((a, b) => a - b)).toEqual(zones);
      for (const zi of [0, 1, 2]) {
        // Graphviz y grows upward (negative down the page): the lower edge of each tier's box.
        const bottoms = [0, 1, 2].map((si) => box(`cluster_subnet_${zi}_${si}`).y);
        expect(bottoms[0]).toBeLessThan(bottoms[1]!);
        expect(bottoms[1]).toBeLessThan(bottoms[2]!);
      }
    }
  });
});

describe('the Mermaid version', () => {
  it('nests the AZs and subnets and labels traffic with ports', () => {
    const mermaid = toMermaid(models.get('payment-dev')!);
    expect(mermaid.startsWith('flowchart TB\n')).toBe(true);
    for (const az of ['AZ 1', 'AZ 2', 'AZ 3']) expect(mermaid).toContain(`["${az}"]`);
    expect(mermaid).toContain('|8080/tcp|');
    expect(mermaid).toContain('|3306/tcp|');
    expect(mermaid).toMatch(/-\.->\|flow logs\|/);
  });
});

describe('npm run diagram', () => {
  it('refuses an unknown stack and a missing folder with exit 2, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'diagram-test-'));
    try {
      const missing = await runCommand(diagramCommand, ['--dir', 'nope', '--out', 'docs'], {
        cwd: dir,
      });
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('nope: no such folder');
      const usage = await runCommand(diagramCommand, ['--colour'], { cwd: dir });
      expect(usage.code).toBe(2);
      expect(usage.err).toContain('unknown option "--colour"');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
