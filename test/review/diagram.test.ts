/**
 * The architecture diagram follows the stack: every AZ has its three tiers, the database
 * sits only in data subnets, every traffic edge's ports come from a security-group rule, the
 * load balancer and the app group are drawn once with their whole capacity, the edge, egress
 * and regional services are there with human labels, the cardholder data environment is
 * computed from the JSON, the labels fit their boxes in the shipped font, and the committed
 * docs/architecture-<env>.svg files are what `npm run diagram:docs` renders.
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
import { cdeBoundary } from '../../src/analysis/cde-boundary';
import {
  cdeBoundaryOf,
  CERTIFICATE_REASON,
  MASTER_SECRET_REASON,
} from '../../src/review/diagram/cde';
import { FONT_FAMILY, fontFiles } from '../../src/review/diagram/font';
import { renderPng, textWidth } from '../../src/review/diagram/png';
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { synthesize } from '../helpers/synth';
import { buildGraph } from '../../src/tfjson/graph';
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

  it('AZs pinned by ID: zones labelled by ID, database instances in the data subnet of their AZ', () => {
    const ids = ['euw1-az2', 'euw1-az3', 'euw1-az1'];
    const { json } = synthesize(
      { ENVIRONMENT: 'staging' },
      { region: 'eu-west-1', availabilityZoneIds: ids },
    );
    const model = architectureOf(buildGraph(json, 'pinned.tf.json', 'payment-staging'));
    expect(model.zones.map((z) => z.label)).toEqual(['euw1-az1', 'euw1-az2', 'euw1-az3']);
    const dbs = model.nodes.filter((n) => n.kind === 'db-writer' || n.kind === 'db-reader');
    expect(dbs).toHaveLength(2);
    const zoneOf = (address: string) =>
      model.zones.find((z) => z.subnets.some((s) => s.address === address))?.label;
    expect(
      dbs.map((db) => (db.placement.in === 'subnet' ? zoneOf(db.placement.subnet) : undefined)),
    ).toEqual(expect.arrayContaining(['euw1-az2', 'euw1-az3']));
  });

  it.each(REVIEW_VARIANTS.map((v) => v.name))(
    '%s: every traffic edge into a group carries exactly the ports its rules allow',
    (name) => {
      const model = models.get(name)!;
      const rules = securityGroupRules(stackGraph(name));
      const traffic = model.edges.filter((e) => e.kind === 'traffic' && e.ports.length > 0);
      // internet -> internet gateway -> ALB (443, 80), ALB -> app, app -> each instance.
      const instances = Object.keys(stackJson(name).resource['aws_rds_cluster_instance']!);
      expect(traffic.length).toBe(3 + instances.length);
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

  it.each(REVIEW_VARIANTS.map((v) => v.name))(
    '%s: one load balancer and one app group, across the AZs they span, with the whole capacity',
    (name) => {
      const model = models.get(name)!;
      const json = stackJson(name);
      const subnetsOf = (tier: string) =>
        model.zones.flatMap((z) => z.subnets.filter((s) => s.tier === tier).map((s) => s.address));
      const lbs = model.nodes.filter((n) => n.kind === 'load-balancer');
      expect(lbs).toHaveLength(1);
      expect(lbs[0]!.label).toBe('Application Load Balancer');
      expect(lbs[0]!.placement).toEqual({
        in: 'tier',
        tier: 'public',
        subnets: subnetsOf('public'),
      });
      expect(lbs[0]!.details).toContain('internet-facing, across AZ 1, AZ 2, AZ 3');
      const apps = model.nodes.filter((n) => n.kind === 'app-ec2' || n.kind === 'app-ecs');
      expect(apps).toHaveLength(1);
      const app = apps[0]!;
      expect(app.placement).toEqual({ in: 'tier', tier: 'private', subnets: subnetsOf('private') });
      if (app.kind === 'app-ec2') {
        const asg = Object.values(json.resource['aws_autoscaling_group']!)[0]!;
        expect(app.details[0]).toBe(
          `min ${asg['min_size']} / desired ${asg['desired_capacity']} / max ${asg['max_size']}`,
        );
      } else {
        const target = Object.values(json.resource['aws_appautoscaling_target']!)[0]!;
        const service = Object.values(json.resource['aws_ecs_service']!)[0]!;
        expect(app.details[0]).toBe(
          `min ${target['min_capacity']} / desired ${service['desired_count']} / max ${target['max_capacity']} tasks`,
        );
      }
      // One traffic edge from the load balancer into the app, one from the app to each
      // database instance: nothing per AZ.
      expect(model.edges.filter((e) => e.kind === 'traffic' && e.to === app.id)).toHaveLength(1);
    },
  );

  it('gives prod its real capacity (min 3 / max 12), drawn once, not 9-36', () => {
    const prod = models.get('payment-prod')!;
    const app = prod.nodes.filter((n) => n.kind === 'app-ec2');
    expect(app.map((n) => n.details[0])).toEqual(['min 3 / desired 3 / max 12']);
  });

  it('draws the internet gateway and the NAT egress path, NAT gateways per the profile', () => {
    for (const name of ['payment-dev', 'payment-prod']) {
      const model = models.get(name)!;
      const igw = model.nodes.find((n) => n.kind === 'internet-gateway')!;
      expect(igw.placement.in).toBe('vpc');
      const nats = model.nodes.filter((n) => n.kind === 'nat-gateway');
      expect(nats).toHaveLength(name === 'payment-dev' ? 1 : 3);
      const app = model.nodes.find((n) => n.kind === 'app-ec2')!;
      const egress = model.edges.filter((e) => e.kind === 'egress');
      for (const nat of nats) {
        expect(egress).toContainEqual(expect.objectContaining({ from: app.id, to: nat.id }));
        expect(egress).toContainEqual(expect.objectContaining({ from: nat.id, to: igw.id }));
      }
      expect(egress).toContainEqual(expect.objectContaining({ from: igw.id, to: 'internet' }));
      // Inbound: internet -> internet gateway -> load balancer, the WAF acting on the latter.
      const lb = model.nodes.find((n) => n.kind === 'load-balancer')!;
      const traffic = model.edges.filter((e) => e.kind === 'traffic');
      expect(traffic).toContainEqual(expect.objectContaining({ from: 'internet', to: igw.id }));
      expect(traffic).toContainEqual(expect.objectContaining({ from: igw.id, to: lb.id }));
      const waf = model.nodes.find((n) => n.kind === 'waf')!;
      expect(model.edges).toContainEqual(
        expect.objectContaining({ from: waf.id, to: lb.id, kind: 'uses' }),
      );
    }
  });

  it('draws the certificate, the DNS name, ECR, the master secret and the alarm topic with human labels', () => {
    const dev = models.get('payment-dev')!;
    const cert = dev.nodes.find((n) => n.kind === 'certificate')!;
    expect(cert.label).toBe('TLS certificate (ACM)');
    expect(cert.details).toEqual(['imported, self-signed', '(browsers warn)']);
    const prod = models.get('payment-prod')!;
    const prodCert = prod.nodes.find((n) => n.kind === 'certificate')!;
    expect(prodCert.details[0]).toBe('existing, used by ARN');
    expect(prod.nodes.find((n) => n.kind === 'dns')!.details[0]).toBe("the load balancer's own");
    for (const model of [dev, prod]) {
      const secret = model.nodes.find((n) => n.kind === 'secret')!;
      expect(secret.label).toBe('Master user secret');
      expect(secret.placement.in).toBe('region');
      const writer = model.nodes.find((n) => n.kind === 'db-writer')!;
      expect(model.edges).toContainEqual(
        expect.objectContaining({ from: secret.id, to: writer.id }),
      );
      const topic = model.nodes.find((n) => n.kind === 'topic')!;
      expect(topic.label).toBe('SNS alarm topic');
      expect(topic.details[1]).toMatch(/^\d+ CloudWatch alarms notify it$/);
    }
    expect(dev.nodes.some((n) => n.kind === 'registry')).toBe(false);
    const fargate = models.get('payment-prod-fargate')!;
    const ecr = fargate.nodes.find((n) => n.kind === 'registry')!;
    expect(ecr.label).toBe('ECR repository');
    const service = fargate.nodes.find((n) => n.kind === 'app-ecs')!;
    expect(fargate.edges).toContainEqual(
      expect.objectContaining({ from: ecr.id, to: service.id, label: 'image pull' }),
    );
  });

  it('draws a Route 53 alias and the certificate it validates (route53 certificate mode)', () => {
    const json = synthesize(
      { ENVIRONMENT: 'prod', ENVIRONMENT_SUFFIX: 'prod-dns' },
      { certificate: { domainName: 'pay.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' } },
    ).json;
    const model = architectureOf(
      buildGraph(json, 'stacks/payment-prod-dns/cdk.tf.json', 'payment-prod-dns'),
    );
    const dns = model.nodes.filter((n) => n.kind === 'dns');
    expect(dns).toHaveLength(1);
    expect(dns[0]!.label).toBe('Route 53 alias record');
    expect(dns[0]!.details[0]).toBe('pay.example.com');
    const cert = model.nodes.find((n) => n.kind === 'certificate')!;
    expect(cert.details).toEqual(['pay.example.com', 'issued by ACM, DNS-validated in Route 53']);
    expect(cert.cde).toMatchObject({ role: 'connected', reason: CERTIFICATE_REASON });
  });

  it('draws the interface endpoints inside the VPC, across the private subnets; the S3 gateway endpoint in the VPC', () => {
    for (const [name, model] of models) {
      const declared = Object.values(stackJson(name).resource['aws_vpc_endpoint'] ?? {});
      const interfaces = declared.filter((e) => e['vpc_endpoint_type'] === 'Interface');
      if (interfaces.length === 0) {
        expect(model.nodes.some((n) => n.kind === 'endpoints')).toBe(false);
        continue;
      }
      const endpoints = model.nodes.find((n) => n.kind === 'endpoints')!;
      expect(endpoints.placement).toMatchObject({ in: 'tier', tier: 'private' });
      expect(endpoints.label).toBe(`Interface endpoints (${interfaces.length})`);
      const gateway = model.nodes.find((n) => n.kind === 'gateway-endpoint')!;
      expect(gateway).toMatchObject({ label: 'S3 gateway endpoint', placement: { in: 'vpc' } });
    }
  });

  it.each(REVIEW_VARIANTS.map((v) => v.name))('%s: no label is a raw Terraform type', (name) => {
    const model = models.get(name)!;
    const types = new Set(
      Object.keys({ ...stackJson(name).resource, ...(stackJson(name).data ?? {}) }),
    );
    for (const node of model.nodes) {
      for (const text of [node.label, ...node.details]) {
        expect(text).not.toMatch(/\b(aws|tls|random)_[a-z0-9_]+/);
        for (const type of types) expect(text).not.toContain(type);
      }
    }
  });

  it('draws the account baseline detective controls when the stack has them, none otherwise', () => {
    const json = stackJson('payment-prod');
    const resource = json.resource as Record<string, Record<string, Record<string, unknown>>>;
    resource['aws_guardduty_detector'] = { Detector: { enable: true } };
    resource['aws_securityhub_account'] = { Hub: {} };
    resource['aws_cloudtrail'] = { Trail: { name: 'payment-trail', is_multi_region_trail: true } };
    resource['aws_config_configuration_recorder'] = { Recorder: { name: 'payment-recorder' } };
    const model = architectureOf(stackGraph('payment-prod', json));
    const controls = model.nodes.filter((n) => n.kind === 'detective');
    expect(controls.map((n) => [n.label, n.details, n.placement.in])).toEqual([
      ['GuardDuty detector', ['threat detection', 'enabled'], 'baseline'],
      ['Security Hub', ['security standards, findings'], 'baseline'],
      ['CloudTrail trail', ['payment-trail', 'multi-Region'], 'baseline'],
      ['AWS Config recorder', ['payment-recorder', 'resource configuration history'], 'baseline'],
    ]);
    expect(models.get('payment-prod')!.nodes.some((n) => n.kind === 'detective')).toBe(false);
    expect(toDotText(model, { source: 'x' })).toContain('cluster_baseline');
  });

  it('draws a stack with no VPC (an account baseline) without failing, its CDE empty', async () => {
    const json = {
      resource: {
        aws_kms_key: { TrailKey: { description: 'trail' } },
        aws_s3_bucket: { TrailLogs: { bucket: 'payment-trail-logs' } },
        aws_cloudtrail: {
          Trail: {
            name: 'payment-trail',
            is_multi_region_trail: true,
            s3_bucket_name: '${aws_s3_bucket.TrailLogs.id}',
            kms_key_id: '${aws_kms_key.TrailKey.arn}',
          },
        },
        aws_guardduty_detector: { GuardDuty: { enable: true } },
        aws_securityhub_account: { SecurityHub: {} },
      },
    };
    const model = architectureOf(
      buildGraph(json, 'stacks/payment-account/cdk.tf.json', 'payment-account'),
    );
    expect(model.vpc).toBeUndefined();
    expect(model.zones).toEqual([]);
    expect(model.cde.nodes).toEqual([]);
    expect(model.nodes.some((n) => n.kind === 'internet')).toBe(false);
    expect(model.nodes.filter((n) => n.kind === 'detective').map((n) => n.label)).toEqual([
      'GuardDuty detector',
      'Security Hub',
      'CloudTrail trail',
    ]);
    expect(model.edges).toContainEqual(
      expect.objectContaining({
        from: 'aws_cloudtrail.Trail',
        to: 'aws_s3_bucket.TrailLogs',
        kind: 'logs',
      }),
    );
    const svg = await renderSvg(toDotText(model, { source: 'stacks/payment-account/cdk.tf.json' }));
    expect(svg).toContain('Account baseline: detective controls');
    expect(svg).not.toContain('cluster_vpc');
  });

  it("draws the CDE the auditor's report computes (src/analysis/cde-boundary.ts)", () => {
    const graph = stackGraph('payment-prod');
    const shared = cdeBoundary(graph);
    const cde = cdeBoundaryOf(graph);
    // The same subnets and security groups as the shared boundary's CDE.
    expect(cde.subnets).toEqual(
      shared.subnets.filter((s) => s.scope === 'cde').map((s) => s.address),
    );
    expect(cde.subnets).toHaveLength(9);
    expect(cde.securityGroups).toEqual(
      shared.securityGroups.filter((g) => g.scope === 'cde').map((g) => g.address),
    );
    // Each shared service, in or connected, with the shared reason.
    for (const service of shared.services) {
      const member = cde.members.find((m) => m.address === service.address)!;
      expect(member.reason).toBe(service.reason);
      expect(member.role === 'connected').toBe(service.scope === 'connected');
    }
    const json = stackJson('payment-prod');
    const first = (type: string) => `${type}.${Object.keys(json.resource[type]!)[0]}`;
    const roles = Object.fromEntries(cde.members.map((m) => [m.address, m.role]));
    expect(roles[first('aws_rds_cluster')]).toBe('stores');
    expect(roles[first('aws_autoscaling_group')]).toBe('processes');
    expect(roles[first('aws_lb')]).toBe('transmits');
    expect(roles[first('aws_wafv2_web_acl')]).toBe('transmits');
    // A cluster's instances take its role: every database node is tagged.
    for (const instance of Object.keys(json.resource['aws_rds_cluster_instance']!))
      expect(roles[`aws_rds_cluster_instance.${instance}`]).toBe('stores');

    const model = models.get('payment-prod')!;
    const byKind = (kind: string) => model.nodes.find((n) => n.kind === kind)!;
    expect(byKind('app-ec2').cde?.role).toBe('processes');
    expect(byKind('waf').cde?.role).toBe('transmits');
    expect(byKind('nat-gateway').cde?.role).toBe('connected');
    expect(byKind('key').cde?.role).toBe('connected');
    expect(byKind('secret').cde).toMatchObject({ role: 'connected', reason: MASTER_SECRET_REASON });
    expect(byKind('certificate').cde).toMatchObject({
      role: 'connected',
      reason: CERTIFICATE_REASON,
    });
    expect(byKind('internet-gateway').cde).toBeUndefined();
    expect(model.cde.nodes.length).toBeGreaterThan(0);
    expect(model.cde.connected).toContain(byKind('secret').id);
    // Cardholder data flows: into the load balancer, the app and the database.
    const flows = model.edges.filter((e) => e.cardData).map((e) => e.to.split('.')[0]);
    expect(new Set(flows)).toEqual(
      new Set([
        'aws_internet_gateway',
        'aws_lb',
        'aws_autoscaling_group',
        'aws_rds_cluster_instance',
      ]),
    );
  });

  it('follows the database when it moves: the data subnets leave the CDE (the failing case)', () => {
    const json = stackJson('payment-prod');
    const group = Object.values(json.resource['aws_db_subnet_group']!)[0]!;
    const subnets = Object.keys(json.resource['aws_subnet']!);
    group['subnet_ids'] = subnets
      .filter((s) => /Private/.test(s))
      .map((s) => `\${aws_subnet.${s}.id}`);
    // Data subnets are also known by their tag; without it they hold nothing of the CDE.
    for (const s of subnets.filter((n) => /Data/.test(n)))
      delete (json.resource['aws_subnet']![s]!['tags'] as Record<string, string>)['Tier'];
    const model = architectureOf(stackGraph('payment-prod', json));
    const dataSubnets = model.zones.flatMap((z) => z.subnets).filter((s) => /Data/.test(s.address));
    expect(dataSubnets.length).toBe(3);
    for (const subnet of dataSubnets) expect(subnet.cde).toBe(false);
    expect(model.cde.subnets.some((s) => /Data/.test(s.address))).toBe(false);
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
      expect(readFileSync(md, 'utf8')).toBe(mermaidDocument(name, models.get(name)!));
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
      for (const si of [0, 1, 2]) {
        const zones = [0, 1, 2].map((zi) => box(`cluster_subnet_${zi}_${si}`).x);
        expect([...zones].sort((a, b) => a - b)).toEqual(zones);
      }
      for (const zi of [0, 1, 2]) {
        // Graphviz y grows upward (negative down the page): the lower edge of each tier's box.
        const bottoms = [0, 1, 2].map((si) => box(`cluster_subnet_${zi}_${si}`).y);
        expect(bottoms[0]).toBeLessThan(bottoms[1]!);
        expect(bottoms[1]).toBeLessThan(bottoms[2]!);
      }
    }
  });
});

describe('the picture', () => {
  it('draws the load balancer and the app group once, and the CDE boundary with its statement', () => {
    for (const svg of svgs.values()) {
      // Node titles only: an edge title holds "&#45;&gt;", the DNS node "aws_lb.x.dns_name".
      expect(svg.match(/<title>aws_lb\.\w+<\/title>/g)).toHaveLength(1);
      expect(svg.match(/<title>aws_autoscaling_group\.\w+<\/title>/g)).toHaveLength(1);
      expect(svg).toContain('Cardholder data environment (PCI DSS 1.2.3, 1.2.4)');
      expect(svg).toContain('Public subnets (cardholder data environment)');
      expect(svg).toContain('>Connected to it<');
      expect(svg).toContain('>connected to the CDE<');
    }
  });

  it('ships its font as TrueType and names it in the SVG, with metric-compatible fallbacks', () => {
    for (const file of fontFiles()) {
      // TrueType files start with the version 0x00010000.
      expect(readFileSync(file).subarray(0, 4).toString('hex')).toBe('00010000');
    }
    const svg = svgs.get('payment-prod')!;
    const families = new Set([...svg.matchAll(/font-family="([^"]+)"/g)].map((m) => m[1]));
    expect([...families]).toEqual([`${FONT_FAMILY},Arial,Liberation Sans,Helvetica,sans-serif`]);
  });

  it("lays out with the widths resvg draws the shipped font with (Graphviz's Arial table)", async () => {
    const graphviz = await Graphviz.load();
    const samples = [
      'Application Load Balancer',
      'min 3 / desired 3 / max 12',
      'payment-alb-logs-prod',
    ];
    for (const bold of [false, true]) {
      for (const text of samples) {
        const label = bold ? `<<B>${text}</B>>` : `"${text}"`;
        const svg = graphviz.layout(
          `digraph { node [shape=plaintext margin=0 width=0 height=0 fontname="${FONT_FAMILY}" fontsize=100]; a [label=${label}] }`,
          'svg',
          'dot',
        );
        const xs = /<polygon[^>]*points="([^"]+)"/
          .exec(svg)![1]!
          .split(' ')
          .map((p) => Number(p.split(',')[0]));
        // The node is the text's width plus Graphviz's padding of 4 pt on each side.
        const laidOut = Math.max(...xs) - Math.min(...xs) - 8;
        const drawn = textWidth(text, 100, bold);
        expect(Math.abs(laidOut - drawn) / laidOut).toBeLessThan(0.03);
      }
    }
  });

  it('keeps every label inside the room Graphviz made for it when drawn in the shipped font', async () => {
    // xdot text operations carry the width the layout reserved for each label; resvg, with
    // the shipped font only, must draw each one no wider.
    const graphviz = await Graphviz.load();
    const dot = toDotText(models.get('payment-prod')!, {
      source: 'stacks/payment-prod/cdk.tf.json',
    });
    const layout = JSON.parse(graphviz.layout(dot, 'json', 'dot')) as {
      objects?: Array<Record<string, unknown>>;
      edges?: Array<Record<string, unknown>>;
    };
    let checked = 0;
    for (const object of [...(layout.objects ?? []), ...(layout.edges ?? [])]) {
      let bold = false;
      let size = 10;
      for (const key of ['_ldraw_', '_hldraw_', '_tldraw_']) {
        for (const op of (object[key] ?? []) as Array<Record<string, unknown>>) {
          if (op['op'] === 'F') size = op['size'] as number;
          if (op['op'] === 't') bold = ((op['fontchar'] as number) & 1) === 1;
          if (op['op'] !== 'T') continue;
          const text = op['text'] as string;
          const drawn = textWidth(text, size, bold);
          expect(drawn, `${text} (${size} pt${bold ? ', bold' : ''})`).toBeLessThanOrEqual(
            (op['width'] as number) * 1.01 + 0.5,
          );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('renders the PNG from the shipped font alone', () => {
    const png = renderPng(svgs.get('payment-dev')!, 800);
    expect(png.width).toBe(800);
    expect(png.png.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('the Mermaid version', () => {
  it('nests the AZs and subnets and labels traffic with ports', () => {
    const mermaid = toMermaid(models.get('payment-dev')!);
    expect(mermaid.startsWith('flowchart TB\n')).toBe(true);
    for (const az of ['AZ 1', 'AZ 2', 'AZ 3'])
      expect(mermaid).toContain(`["${az} Private app subnet`);
    expect(mermaid).toContain('|8080/tcp|');
    expect(mermaid).toMatch(/^  class [n0-9,]+ cde$/m);
    for (const zi of [0, 1, 2])
      for (const si of [0, 1, 2])
        expect(mermaid).toContain(`  style s${zi}_${si} stroke:#D13212,stroke-width:2px`);
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
