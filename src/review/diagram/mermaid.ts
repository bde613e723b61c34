/**
 * The architecture model as a Mermaid flowchart, for Markdown (pull requests, wikis): the
 * same groups and edges as the SVG, without icons. Solid arrows carry traffic (with the
 * ports), dotted arrows log delivery and key use.
 */
import type { ArchitectureModel, ArchNode } from './model';
import { TIER_TITLES } from './model';

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
    `${indent}${id(n.id)}["${text([n.label, ...n.details].join('<br/>'))}"]`;
  const lines = ['flowchart TB'];
  const place = (where: ArchNode['placement']['in']) =>
    model.nodes.filter((n) => n.placement.in === where);
  for (const n of place('internet')) lines.push(node(n, '  '));
  lines.push('  subgraph cloud["AWS Cloud"]');
  lines.push(`    subgraph region["Region ${text(model.region ?? '(from the provider)')}"]`);
  if (model.vpc) {
    lines.push(`      subgraph vpc["VPC ${text(model.vpc.cidr)}"]`);
    for (const n of place('vpc')) lines.push(node(n, '        '));
    model.zones.forEach((zone, zi) => {
      lines.push(`        subgraph az${zi}["${text(zone.label)}"]`);
      zone.subnets.forEach((subnet, si) => {
        lines.push(
          `          subgraph s${zi}_${si}["${text(`${TIER_TITLES[subnet.tier]} ${subnet.cidr}`)}"]`,
        );
        const inside = model.nodes.filter(
          (n) => n.placement.in === 'subnet' && n.placement.subnet === subnet.address,
        );
        // Mermaid drops an empty subgraph; a small marker keeps the subnet visible.
        if (inside.length === 0) lines.push(`            e${zi}_${si}[" "]`);
        for (const n of inside) lines.push(node(n, '            '));
        lines.push('          end');
      });
      lines.push('        end');
    });
    lines.push('      end');
  }
  lines.push('      subgraph services["Regional services (outside the VPC)"]');
  for (const n of place('region')) lines.push(node(n, '        '));
  lines.push('      end');
  lines.push('    end');
  lines.push('  end');
  for (const e of model.edges) {
    const arrow = e.kind === 'traffic' ? '-->' : '-.->';
    const label = e.label ? `|${text(e.label)}|` : '';
    lines.push(`  ${id(e.from)} ${arrow}${label} ${id(e.to)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Mermaid label text: quotes and brackets would end the label. */
function text(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/[[\]{}]/g, ' ');
}
