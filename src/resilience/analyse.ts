/**
 * Lose-one-AZ analysis over the gate's graph: the loss of each AZ in turn and of single
 * shared components (a NAT gateway that serves several AZs, the database writer), which
 * subnets, NAT gateways, endpoints, app instances or tasks and database instances go, and
 * whether each tier still serves; plus the rules that make a stack AZ-independent.
 */
import type { StackGraph } from '../tfjson/graph';
import type { AppTierInfo, SubnetInfo, Topology } from '../analysis/topology';
import { topologyOf } from '../analysis/topology';

export const TIERS = ['edge', 'app', 'data', 'egress', 'endpoints'] as const;
export type Tier = (typeof TIERS)[number];

export interface TierOutcome {
  readonly tier: Tier;
  readonly serves: boolean;
  /** What is left, in words (`2 of 3 instances`, `ALB nodes in AZ 2, AZ 3`). */
  readonly capacity: string;
  /** Expected interruption, with its basis. */
  readonly interruption: string;
}

export interface Scenario {
  /** `AZ 1`, or the component lost (`NAT gateway aws_nat_gateway.X`, `writer ...`). */
  readonly lose: string;
  readonly kind: 'az' | 'component';
  readonly lost: readonly string[];
  readonly outcomes: readonly TierOutcome[];
}

export interface RuleResult {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly passed: boolean;
  readonly detail: string;
}

export interface ResilienceAnalysis {
  readonly stack: string;
  readonly profile: string | undefined;
  readonly azs: readonly string[];
  readonly scenarios: readonly Scenario[];
  readonly rules: readonly RuleResult[];
  /** Every tier serves after the loss of any one AZ. */
  readonly survivesAzLoss: boolean;
  /** Single points of failure: tiers that stop serving in some scenario, and failed rules. */
  readonly singlePointsOfFailure: readonly string[];
}

/** Interruption figures and where they come from. */
export const SOURCES = {
  auroraFailover:
    'Aurora fails over to a reader, typically within 30 seconds (AWS whitepaper "Amazon Aurora MySQL Database Administrator\'s Handbook", Designing for fault tolerance and quick recovery)',
  auroraNoReader:
    'with no reader, Aurora tries to create a new writer instance: minutes, not seconds (Aurora features: Multi-AZ failover)',
  asgReplacement:
    'Auto Scaling launches replacements in the remaining AZs; each must pass the health-check grace period',
  albNodes:
    'the ALB keeps its nodes in the other enabled AZs and DNS stops returning the lost node (Elastic Load Balancing: Availability Zones)',
  elb13:
    'AWS Security Hub ELB.13: Application, Network and Gateway Load Balancers should span multiple AZs',
  autoscaling1:
    'AWS Security Hub AutoScaling.1: Auto Scaling groups behind a load balancer should use ELB health checks',
  autoscaling2:
    'AWS Security Hub AutoScaling.2: Amazon EC2 Auto Scaling groups should cover multiple AZs; Trusted Advisor fault tolerance "Auto Scaling Group Resources"',
  rds15:
    'AWS Security Hub RDS.15: RDS DB clusters should be configured for multiple AZs; Trusted Advisor fault tolerance "Amazon Aurora DB Instance Accessibility"',
  natPerAz:
    'Amazon VPC User Guide, NAT gateways: for AZ-independent architecture create a NAT gateway in each AZ and route each AZ to its own',
  endpointsPerAz:
    'AWS PrivateLink guide: for high availability, give an interface endpoint a subnet in every AZ its clients use',
} as const;

/** Instances or tasks per AZ: Auto Scaling and ECS balance across the tier's AZs. */
export function spread(count: number, azs: readonly string[]): Map<string, number> {
  const out = new Map<string, number>(azs.map((a) => [a, 0]));
  for (let i = 0; i < count && azs.length > 0; i++) {
    const az = azs[i % azs.length]!;
    out.set(az, (out.get(az) ?? 0) + 1);
  }
  return out;
}

const azsOf = (subnets: readonly SubnetInfo[]) =>
  [...new Set(subnets.map((s) => s.az).filter((a): a is string => a !== undefined))].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );

function appOutcome(tier: AppTierInfo, lostAz: string | undefined): TierOutcome {
  const azs = azsOf(tier.subnets);
  const perAz = spread(tier.desired, azs);
  const lost = lostAz ? (perAz.get(lostAz) ?? 0) : 0;
  const left = tier.desired - lost;
  const canReplace = azs.some((a) => a !== lostAz);
  const unit = tier.kind === 'ec2' ? 'instances' : 'tasks';
  const grace =
    tier.healthCheckGraceSeconds !== undefined ? ` (grace ${tier.healthCheckGraceSeconds} s)` : '';
  let interruption = 'none';
  if (lost > 0 && left > 0)
    interruption = `none; ${left} of minimum ${tier.min} ${unit} carry the load until replacements are healthy${grace}: ${SOURCES.asgReplacement}`;
  if (left === 0)
    interruption = canReplace
      ? `outage until a replacement is healthy${grace}: ${SOURCES.asgReplacement}`
      : 'outage until the AZ recovers: the tier has no subnet in another AZ';
  return {
    tier: 'app',
    serves: left > 0,
    capacity: `${left} of ${tier.desired} ${unit} (minimum ${tier.min}, maximum ${tier.max})`,
    interruption,
  };
}

function privateSubnets(topo: Topology, tier: AppTierInfo | undefined): SubnetInfo[] {
  if (tier) return [...tier.subnets];
  return topo.subnets.filter((s) => s.tier === 'private');
}

function egressOutcome(
  topo: Topology,
  clients: readonly SubnetInfo[],
  lostAz: string | undefined,
  lostNat?: string,
): TierOutcome {
  const cut: string[] = [];
  let served = 0;
  for (const subnet of clients) {
    if (lostAz && subnet.az === lostAz) continue;
    const table = topo.routeTables.find((rt) =>
      rt.subnets.some((s) => s.address === subnet.address),
    );
    const nats = table?.nats ?? [];
    if (nats.length === 0) continue; // no route out by design
    const alive = nats.some(
      (n) => n.address !== lostNat && (lostAz === undefined || n.az !== lostAz),
    );
    if (alive) served++;
    else cut.push(`${subnet.address} (${subnet.az ?? '?'})`);
  }
  return {
    tier: 'egress',
    serves: cut.length === 0,
    capacity:
      cut.length === 0
        ? `${served} surviving private subnet(s) keep NAT egress`
        : `no NAT egress for ${cut.join(', ')}`,
    interruption:
      cut.length === 0
        ? 'none'
        : 'outbound internet calls fail from those subnets until the NAT gateway or its AZ recovers',
  };
}

function endpointsOutcome(topo: Topology, lostAz: string | undefined): TierOutcome {
  const interfaces = topo.endpoints.filter((e) => e.type === 'Interface');
  if (interfaces.length === 0)
    return {
      tier: 'endpoints',
      serves: true,
      capacity: 'no interface endpoints (AWS APIs over NAT)',
      interruption: 'none',
    };
  const dead = interfaces.filter((e) => azsOf(e.subnets).every((a) => a === lostAz));
  return {
    tier: 'endpoints',
    serves: dead.length === 0,
    capacity:
      dead.length === 0
        ? `${interfaces.length} interface endpoints keep a network interface in another AZ`
        : `lost: ${dead.map((e) => e.service).join(', ')}`,
    interruption:
      dead.length === 0
        ? 'none (private DNS answers with the remaining interfaces)'
        : 'calls to those services fail until the AZ recovers',
  };
}

function dataOutcome(topo: Topology, lostAz: string | undefined, writerLost: boolean): TierOutcome {
  const db = topo.databases[0];
  if (!db) return { tier: 'data', serves: true, capacity: 'no database', interruption: 'none' };
  const lost = db.instances.filter(
    (i) => (lostAz !== undefined && i.az === lostAz) || (writerLost && i.writer),
  );
  const left = db.instances.filter((i) => !lost.includes(i));
  const writerGone = lost.some((i) => i.writer);
  const reader = left.find((i) => !i.writer);
  let interruption = 'none';
  if (writerGone)
    interruption = reader
      ? `writes pause for the failover to ${reader.address}: ${SOURCES.auroraFailover}`
      : SOURCES.auroraNoReader;
  else if (lost.length > 0) interruption = 'none for writes; reads move to the remaining instances';
  return {
    tier: 'data',
    serves: !writerGone || reader !== undefined,
    capacity: `${left.length} of ${db.instances.length} instances (${left.map((i) => `${i.writer ? 'writer' : 'reader'} in ${i.az ?? '?'}`).join(', ') || 'none'})`,
    interruption,
  };
}

function edgeOutcome(topo: Topology, lostAz: string | undefined): TierOutcome {
  const lb = topo.loadBalancers[0];
  if (!lb)
    return { tier: 'edge', serves: true, capacity: 'no load balancer', interruption: 'none' };
  const left = azsOf(lb.subnets).filter((a) => a !== lostAz);
  return {
    tier: 'edge',
    serves: left.length > 0,
    capacity: left.length > 0 ? `ALB nodes in ${left.join(', ')}` : 'no ALB node left',
    interruption:
      left.length > 0
        ? lostAz && azsOf(lb.subnets).includes(lostAz)
          ? `connections to the lost node fail; ${SOURCES.albNodes}`
          : 'none'
        : 'outage: the load balancer has no other AZ',
  };
}

export function analyseResilience(graph: StackGraph): ResilienceAnalysis {
  const topo = topologyOf(graph);
  const tier = topo.appTiers[0];
  const clients = privateSubnets(topo, tier);
  const scenarios: Scenario[] = [];

  for (const az of topo.azs) {
    const lost = [
      ...topo.subnets.filter((s) => s.az === az).map((s) => s.address),
      ...topo.nats.filter((n) => n.az === az).map((n) => n.address),
      ...topo.endpoints
        .filter((e) => e.subnets.some((s) => s.az === az))
        .map((e) => `${e.address} (network interface in ${az})`),
      ...(tier
        ? [
            `${spread(tier.desired, azsOf(tier.subnets)).get(az) ?? 0} app ${tier.kind === 'ec2' ? 'instance(s)' : 'task(s)'} of ${tier.address}`,
          ]
        : []),
      ...topo.databases.flatMap((d) =>
        d.instances.filter((i) => i.az === az).map((i) => i.address),
      ),
    ];
    scenarios.push({
      lose: az,
      kind: 'az',
      lost,
      outcomes: [
        edgeOutcome(topo, az),
        ...(tier ? [appOutcome(tier, az)] : []),
        dataOutcome(topo, az, false),
        egressOutcome(topo, clients, az),
        endpointsOutcome(topo, az),
      ],
    });
  }
  // Shared components: a NAT gateway that serves subnets in more than its own AZ.
  for (const nat of topo.nats) {
    const served = topo.routeTables
      .filter((rt) => rt.nats.some((n) => n.address === nat.address))
      .flatMap((rt) => rt.subnets);
    if (azsOf(served).filter((a) => a !== nat.az).length === 0) continue;
    scenarios.push({
      lose: `NAT gateway ${nat.address}`,
      kind: 'component',
      lost: [nat.address],
      outcomes: [egressOutcome(topo, clients, undefined, nat.address)],
    });
  }
  const writer = topo.databases[0]?.instances.find((i) => i.writer);
  if (writer) {
    scenarios.push({
      lose: `database writer ${writer.address}`,
      kind: 'component',
      lost: [writer.address],
      outcomes: [dataOutcome(topo, undefined, true)],
    });
  }

  const rules = resilienceRules(topo);
  const survivesAzLoss = scenarios
    .filter((s) => s.kind === 'az')
    .every((s) => s.outcomes.every((o) => o.serves));
  const singlePointsOfFailure = [
    ...scenarios.flatMap((s) =>
      s.outcomes
        .filter((o) => !o.serves)
        .map((o) => `losing ${s.lose}: ${o.tier} stops serving (${o.capacity})`),
    ),
    ...rules.filter((r) => !r.passed).map((r) => `${r.id} ${r.title}: ${r.detail}`),
  ];
  return {
    stack: graph.name,
    profile: graph.profile,
    azs: topo.azs,
    scenarios,
    rules,
    survivesAzLoss,
    singlePointsOfFailure,
  };
}

function resilienceRules(topo: Topology): RuleResult[] {
  const out: RuleResult[] = [];
  const rule = (id: string, title: string, source: string, problems: string[], ok: string) =>
    out.push({
      id,
      title,
      source,
      passed: problems.length === 0,
      detail: problems.length === 0 ? ok : problems.join('; '),
    });

  const lbProblems = topo.loadBalancers
    .filter((lb) => azsOf(lb.subnets).length < 2)
    .map((lb) => `${lb.address} is in ${azsOf(lb.subnets).join(', ') || 'no readable AZ'}`);
  rule(
    'RES-1',
    'Load balancer in at least two AZs',
    SOURCES.elb13,
    lbProblems,
    'every load balancer spans two or more AZs',
  );

  const vpcAzs = azsOf(topo.subnets.filter((s) => s.tier === 'private'));
  const spanProblems: string[] = [];
  const capacityProblems: string[] = [];
  const healthProblems: string[] = [];
  for (const t of topo.appTiers) {
    const azs = azsOf(t.subnets);
    const missing = vpcAzs.filter((a) => !azs.includes(a));
    if (azs.length < 2 || missing.length > 0)
      spanProblems.push(
        `${t.address} runs in ${azs.join(', ') || 'no readable AZ'}${missing.length ? `, not in ${missing.join(', ')}` : ''}`,
      );
    const worst = Math.max(0, ...[...spread(t.desired, azs).values()]);
    if (t.desired - worst < 1)
      capacityProblems.push(
        `${t.address}: losing the AZ with ${worst} of ${t.desired} leaves none`,
      );
    if (t.kind === 'ec2' && t.behindLoadBalancer && t.healthCheckType !== 'ELB')
      healthProblems.push(`${t.address} uses ${t.healthCheckType ?? 'EC2'} health checks`);
  }
  rule(
    'RES-2',
    'App tier subnets in every AZ',
    SOURCES.autoscaling2,
    spanProblems,
    'the app tier spans every private AZ',
  );
  rule(
    'RES-3',
    'App tier keeps capacity after losing any one AZ',
    SOURCES.asgReplacement,
    capacityProblems,
    'at least one instance or task survives the loss of any AZ',
  );
  rule(
    'RES-4',
    'Auto Scaling uses ELB health checks',
    SOURCES.autoscaling1,
    healthProblems,
    'groups behind the load balancer use ELB health checks',
  );

  const dbProblems: string[] = [];
  for (const db of topo.databases) {
    const writer = db.instances.find((i) => i.writer);
    const elsewhere = db.instances.filter(
      (i) => !i.writer && i.az !== undefined && i.az !== writer?.az,
    );
    const sameAz = db.instances.filter((i) => !i.writer && i.az === writer?.az);
    if (elsewhere.length === 0)
      dbProblems.push(`${db.address} has no reader outside the writer's ${writer?.az ?? '?'}`);
    for (const r of sameAz) dbProblems.push(`${r.address} is in the writer's AZ (${r.az})`);
  }
  rule(
    'RES-5',
    "Database readers in an AZ other than the writer's",
    SOURCES.rds15,
    dbProblems,
    'every cluster has a reader outside the writer AZ',
  );

  const natProblems: string[] = [];
  for (const rt of topo.routeTables) {
    for (const nat of rt.nats) {
      for (const s of rt.subnets)
        if (s.az !== nat.az)
          natProblems.push(
            `${rt.address} sends ${s.az ?? '?'} (${s.address}) through the NAT gateway in ${nat.az ?? '?'}`,
          );
    }
  }
  rule(
    'RES-6',
    "Per-AZ NAT: each private route table uses its own AZ's NAT gateway",
    SOURCES.natPerAz,
    [...new Set(natProblems)],
    'each AZ leaves through its own NAT gateway',
  );

  const appAzs = topo.appTiers.length > 0 ? azsOf(topo.appTiers.flatMap((t) => t.subnets)) : vpcAzs;
  const endpointProblems = topo.endpoints
    .filter((e) => e.type === 'Interface')
    .flatMap((e) => {
      const missing = appAzs.filter((a) => !azsOf(e.subnets).includes(a));
      return missing.length
        ? [`${e.service} has no network interface in ${missing.join(', ')}`]
        : [];
    });
  rule(
    'RES-7',
    'Interface endpoints in every AZ',
    SOURCES.endpointsPerAz,
    endpointProblems,
    'every interface endpoint is in every app AZ',
  );
  return out;
}
