/**
 * The architecture model as a Mermaid flowchart, for Markdown (pull requests, wikis): the
 * same groups and edges as the SVG, without icons. Solid arrows carry traffic (with the
 * ports), dotted arrows egress, log delivery, key use and services acting on others; the
 * cardholder data environment's nodes and subnets are outlined in red (class `cde`).
 */
import type { ArchitectureModel, ArchNode } from './model';
import { TIER_TITLES, TIERS } from './model';
import { inCde } from './cde';

const TIER_GROUP_TITLES = {
  public: 'Public subnets',
  private: 'Private app subnets',
  data: 'Isolated data subnets',
} as const;

export function toMermaid(model: ArchitectureModel): string {
  const ids = new Map<string, string>();
  const id = (nodeId: string) => {
    let v = ids.get(nodeId);
    if (!v) {
      v = `n${ids.size}`;
      ids.set(nodeId, v);
    }
    return v;
  };
  const node = (n: ArchNode, indent: string) =>
    `${indent}${id(n.id)}["${text([n.label, ...n.details, ...(n.cde ? [inCde(n.cde) ? `CDE: ${n.cde.role}` : 'connected to the CDE'] : [])].join('<br/>'))}"]`;
  const lines = ['flowchart TB'];
  const cdeGroups: string[] = [];
  const place = (where: ArchNode['placement']['in']) =>
    model.nodes.filter((n) => n.placement.in === where);
  for (const n of place('internet')) lines.push(node(n, '  '));
  lines.push('  subgraph cloud["AWS Cloud"]');
  lines.push(`    subgraph region["Region ${text(model.region ?? '(from the provider)')}"]`);
  if (model.vpc) {
    lines.push(`      subgraph vpc["VPC ${text(model.vpc.cidr)}"]`);
    for (const n of place('vpc')) lines.push(node(n, '        '));
    TIERS.forEach((tier, si) => {
      const cells = model.zones
        .map((zone, zi) => ({ zone, zi, subnet: zone.subnets.find((s) => s.tier === tier) }))
        .filter((c) => c.subnet !== undefined);
      if (cells.length === 0) return;
      lines.push(`        subgraph t${si}["${text(TIER_GROUP_TITLES[tier])}"]`);
      for (const n of model.nodes)
        if (n.placement.in === 'tier' && n.placement.tier === tier)
          lines.push(node(n, '          '));
      for (const { zone, zi, subnet } of cells) {
        const title = `${zone.label} ${TIER_TITLES[tier]} ${subnet!.cidr}${subnet!.cde ? ' CDE' : ''}`;
        lines.push(`          subgraph s${zi}_${si}["${text(title)}"]`);
        if (subnet!.cde) cdeGroups.push(`s${zi}_${si}`);
        const inside = model.nodes.filter(
          (n) => n.placement.in === 'subnet' && n.placement.subnet === subnet!.address,
        );
        // Mermaid drops an empty subgraph; a small marker keeps the subnet visible.
        if (inside.length === 0) lines.push(`            e${zi}_${si}[" "]`);
        for (const n of inside) lines.push(node(n, '            '));
        lines.push('          end');
      }
      for (const n of model.nodes) {
        if (n.placement.in !== 'tier' || n.placement.tier !== tier) continue;
        for (const subnet of n.placement.subnets) {
          const zi = model.zones.findIndex((z) => z.subnets.some((s) => s.address === subnet));
          if (zi >= 0) lines.push(`          ${id(n.id)} --- s${zi}_${si}`);
        }
      }
      lines.push('        end');
    });
    lines.push('      end');
  }
  lines.push('      subgraph services["Regional services (outside the VPC)"]');
  for (const n of place('region')) lines.push(node(n, '        '));
  lines.push('      end');
  lines.push('    end');
  const baseline = place('baseline');
  if (baseline.length > 0) {
    lines.push('    subgraph baseline["Account baseline: detective controls"]');
    for (const n of baseline) lines.push(node(n, '      '));
    lines.push('    end');
  }
  lines.push('  end');
  for (const e of model.edges) {
    const arrow = e.kind === 'traffic' ? (e.cardData ? '==>' : '-->') : '-.->';
    const label = e.label ? `|${text(e.label)}|` : '';
    lines.push(`  ${id(e.from)} ${arrow}${label} ${id(e.to)}`);
  }
  const cdeNodes = model.nodes.filter((n) => inCde(n.cde)).map((n) => id(n.id));
  lines.push('  classDef cde stroke:#D13212,stroke-width:2px');
  if (cdeNodes.length > 0) lines.push(`  class ${cdeNodes.join(',')} cde`);
  // Subgraphs take a style statement by their id.
  for (const group of cdeGroups) lines.push(`  style ${group} stroke:#D13212,stroke-width:2px`);
  return `${lines.join('\n')}\n`;
}

/** Mermaid label text: quotes and brackets would end the label. */
function text(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/[[\]{}]/g, ' ');
}
