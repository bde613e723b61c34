/**
 * Cost against load: the monthly estimate at request rates from idle to a peak, where the app
 * tier and the database reach their maximum, and an SVG chart of it drawn as plain text.
 */
import type { StackGraph } from '../tfjson/graph';
import type { UsageProfile } from '../config/profiles';
import { topologyOf } from '../analysis/topology';
import { estimateStack } from './estimate';
import { round } from './lines';
import { acuAt, appCountAt } from './scaling';
import type { RegionPrices } from './prices';

export interface CurvePoint {
  readonly requestsPerSecond: number;
  readonly monthlyUsd: number;
  readonly appCount: number;
  readonly acuPerInstance: number;
}

export interface CostCurve {
  readonly stack: string;
  readonly points: readonly CurvePoint[];
  readonly appMax: number | undefined;
  /** Request rate at which the app tier reaches its maximum (undefined: no request scaling). */
  readonly appMaxAtRps: number | undefined;
  readonly acuMax: number | undefined;
  readonly acuMaxAtRps: number | undefined;
  /** Beyond this rate the configuration adds no capacity: the larger of the two limits. */
  readonly stopsScalingAtRps: number | undefined;
}

/** Request rates from 0 to `peak` in `steps` even steps, plus the scaling limits inside. */
export function curveLevels(peak: number, steps: number, limits: readonly number[]): number[] {
  const levels = new Set<number>();
  for (let i = 0; i <= steps; i++) levels.add(round((peak * i) / steps, 2));
  for (const l of limits) if (l > 0 && l < peak) levels.add(round(l, 2));
  return [...levels].sort((a, b) => a - b);
}

export function costCurve(
  graph: StackGraph,
  usage: UsageProfile,
  prices: RegionPrices,
  region: string,
  peak: number,
  steps = 10,
): CostCurve {
  const topo = topologyOf(graph);
  const tier = topo.appTiers[0];
  const db = topo.databases[0];
  const appMaxAtRps =
    tier?.requestsPerTargetPerMinute !== undefined
      ? (tier.max * tier.requestsPerTargetPerMinute) / 60
      : undefined;
  const acuMaxAtRps =
    db && usage.averageAcu === undefined && usage.acuPerRequestPerSecond > 0
      ? db.maxAcu / usage.acuPerRequestPerSecond
      : undefined;
  const limits = [appMaxAtRps, acuMaxAtRps].filter((v): v is number => v !== undefined);
  const points = curveLevels(peak, steps, limits).map((rps) => {
    const at = { ...usage, requestsPerSecond: rps };
    const estimate = estimateStack(graph, at, `${rps} rps`, prices, region);
    return {
      requestsPerSecond: rps,
      monthlyUsd: estimate.monthlyUsd,
      appCount: tier ? appCountAt(tier, rps) : 0,
      acuPerInstance: db ? acuAt(db, at) : 0,
    };
  });
  return {
    stack: graph.name,
    points,
    appMax: tier?.max,
    appMaxAtRps: appMaxAtRps === undefined ? undefined : round(appMaxAtRps, 2),
    acuMax: db?.maxAcu,
    acuMaxAtRps: acuMaxAtRps === undefined ? undefined : round(acuMaxAtRps, 2),
    stopsScalingAtRps: limits.length > 0 ? round(Math.max(...limits), 2) : undefined,
  };
}

const WIDTH = 720;
const HEIGHT = 400;
const PAD = { left: 70, right: 20, top: 40, bottom: 50 };

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot' }[c]};`,
  );
}

/** A line chart of monthly cost against requests per second, with the scaling limits marked. */
export function renderCurveSvg(curve: CostCurve): string {
  const maxX = Math.max(...curve.points.map((p) => p.requestsPerSecond), 1);
  const maxY = Math.max(...curve.points.map((p) => p.monthlyUsd), 1) * 1.1;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (v: number) => round(PAD.left + (v / maxX) * plotW, 1);
  const y = (v: number) => round(PAD.top + plotH - (v / maxY) * plotH, 1);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(`${curve.stack}: monthly cost against load`)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${PAD.left}" y="24" font-size="14">${escapeXml(`${curve.stack}: estimated monthly cost (USD, on-demand) against requests per second`)}</text>`,
    `<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${PAD.left + plotW}" y2="${PAD.top + plotH}" stroke="black"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plotH}" stroke="black"/>`,
  );
  for (let i = 0; i <= 5; i++) {
    const vx = (maxX * i) / 5;
    const vy = (maxY * i) / 5;
    parts.push(
      `<text x="${x(vx)}" y="${PAD.top + plotH + 18}" text-anchor="middle">${round(vx, 1)}</text>`,
      `<text x="${PAD.left - 8}" y="${y(vy) + 4}" text-anchor="end">${Math.round(vy)}</text>`,
      `<line x1="${PAD.left}" y1="${y(vy)}" x2="${PAD.left + plotW}" y2="${y(vy)}" stroke="#ddd"/>`,
    );
  }
  parts.push(
    `<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">requests per second</text>`,
  );
  const marks: Array<[number | undefined, string, string]> = [
    [curve.appMaxAtRps, `app tier at its maximum (${curve.appMax})`, '#d95f02'],
    [curve.acuMaxAtRps, `database at its maximum (${curve.acuMax} ACU)`, '#7570b3'],
  ];
  marks.forEach(([at, label, colour], i) => {
    if (at === undefined || at > maxX) return;
    parts.push(
      `<line x1="${x(at)}" y1="${PAD.top}" x2="${x(at)}" y2="${PAD.top + plotH}" stroke="${colour}" stroke-dasharray="4 4"/>`,
      `<text x="${x(at) + 4}" y="${PAD.top + 14 + i * 14}" fill="${colour}">${escapeXml(label)}</text>`,
    );
  });
  const path = curve.points.map((p) => `${x(p.requestsPerSecond)},${y(p.monthlyUsd)}`).join(' ');
  parts.push(`<polyline points="${path}" fill="none" stroke="#1b9e77" stroke-width="2"/>`);
  for (const p of curve.points) {
    parts.push(
      `<circle cx="${x(p.requestsPerSecond)}" cy="${y(p.monthlyUsd)}" r="3" fill="#1b9e77"/>`,
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
