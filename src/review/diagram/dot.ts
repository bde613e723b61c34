/**
 * Draws an architecture model as Graphviz DOT with the typed builder (ts-graphviz), then
 * lays it out to SVG with Graphviz compiled to WebAssembly: no `dot` binary, no browser.
 * Nesting: AWS Cloud > Region > VPC > subnet tier > the tier's subnets, AZ 1, AZ 2, ... from
 * left to right; a load balancer, an app group or the interface endpoints sit once in the
 * tier they span, joined to each subnet they have interfaces in. The Region's services sit
 * beside the VPC, the cardholder data environment's keys and secrets in a box of their own,
 * the account baseline's detective controls below. Only traffic edges and invisible tier
 * edges shape the layout, so the tiers read top to bottom; the other edges are drawn without
 * moving anything.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import type { RootGraphModel, SubgraphModel } from 'ts-graphviz';
import { digraph, toDot } from 'ts-graphviz';
import { FONT_FAMILY, SVG_FONT_FAMILY } from './font';
import { GROUP_ICONS, iconDataUri, iconOf, iconRef } from './icons';
import type { ArchEdge, ArchitectureModel, ArchNode, EdgeKind, Tier } from './model';
import { INTERNET_ID, TIER_TITLES, TIERS } from './model';
import { inCde } from './cde';

const FONT = FONT_FAMILY;
/** Regional services drawn above the VPC, on the way in, rather than beside it. */
const EDGE_SERVICES: ReadonlySet<string> = new Set(['waf', 'certificate', 'dns']);
const ICON_SIZE = 40;
const GROUP_ICON_SIZE = 20;
const CDE_COLOUR = '#D13212';
/** Connected-to or security-impacting: in the assessment's scope, outside the CDE. */
const CONNECTED_COLOUR = '#8D6708';
/** Edge labels the legend already says (kept in the model and the Mermaid version). */
const QUIET_LABELS: ReadonlySet<string> = new Set(['encrypts', 'master credentials']);

const EDGE_STYLES: Readonly<
  Record<EdgeKind, { style: 'solid' | 'dashed' | 'dotted'; color: `#${string}`; title: string }>
> = {
  traffic: { style: 'solid', color: '#232F3E', title: 'traffic the security groups allow (ports)' },
  egress: { style: 'dashed', color: '#ED7100', title: 'outbound: NAT gateway, internet gateway' },
  logs: { style: 'dashed', color: '#3F8624', title: 'log delivery' },
  key: { style: 'dotted', color: '#BD0816', title: 'KMS key use, TLS certificate' },
  uses: {
    style: 'dotted',
    color: '#5A6B86',
    title: 'acts on: WAF, DNS, image pull, secret, alarms',
  },
};
const CARD_DATA = { color: CDE_COLOUR, title: 'cardholder data flow (PCI DSS 1.2.4)' } as const;

const GROUP_COLOURS = {
  cloud: '#232F3E',
  region: '#00A4A6',
  vpc: '#8C4FFF',
  public: '#7AA116',
  private: '#00A4A6',
  data: '#147EBA',
  services: '#5A6B86',
  baseline: '#DD344C',
} as const;

const TIER_GROUP_TITLES: Readonly<Record<Tier, string>> = {
  public: 'Public subnets',
  private: 'Private app subnets',
  data: 'Isolated data subnets',
};

export interface DiagramSource {
  /** The file the stack was read from, as shown in the title block. */
  readonly source: string;
}

/** The DOT text of the model. */
export function toDotText(model: ArchitectureModel, options: DiagramSource): string {
  const g = digraph('architecture', {
    rankdir: 'TB',
    // Children in the order the edges are declared: AZ 1, AZ 2, ... from left to right.
    ordering: 'out',
    newrank: true,
    compound: true,
    fontname: FONT,
    fontsize: 12,
    nodesep: 0.35,
    ranksep: 0.5,
    labelloc: 't',
    labeljust: 'l',
    label: titleBlock(model, options),
    pad: 0.3,
    forcelabels: true,
  });
  g.attributes.node.apply({ shape: 'plaintext', fontname: FONT, fontsize: 10, margin: 0 });
  g.attributes.edge.apply({ fontname: FONT, fontsize: 9, arrowsize: 0.7 });

  const byPlacement = (p: ArchNode['placement']['in']) =>
    model.nodes.filter((n) => n.placement.in === p);
  const inTier = (tier: Tier) =>
    model.nodes.filter((n) => n.placement.in === 'tier' && n.placement.tier === tier);
  for (const node of byPlacement('internet')) addNode(g, node);

  /** Subnet cluster names by subnet address, for the edges that join a spanning node. */
  const subnetCluster = new Map<string, { cluster: string; anchor: string }>();
  const tierAnchors: string[][] = [];
  /** Per tier, the nodes inside its subnets. */
  const tierInside: string[][] = [];

  g.subgraph(
    'cluster_cloud',
    groupAttrs('AWS Cloud', GROUP_ICONS.cloud, GROUP_COLOURS.cloud),
    (cloud) => {
      cloud.subgraph(
        'cluster_region',
        groupAttrs(
          `Region ${model.region ?? '(from the provider)'}`,
          GROUP_ICONS.region,
          GROUP_COLOURS.region,
          'dashed',
        ),
        (region) => {
          // DNS, WAF and certificate sit between the internet and the load balancer.
          region.subgraph({ rank: 'same' }, (row) => {
            for (const node of byPlacement('region'))
              if (EDGE_SERVICES.has(node.kind)) addNode(row, node);
          });
          if (model.vpc) {
            region.subgraph(
              'cluster_vpc',
              groupAttrs(`VPC ${model.vpc.cidr}`, GROUP_ICONS.vpc, GROUP_COLOURS.vpc),
              (vpc) => {
                for (const node of byPlacement('vpc')) addNode(vpc, node);
                TIERS.forEach((tier, si) => {
                  const cells = model.zones
                    .map((zone, zi) => ({
                      zone,
                      zi,
                      subnet: zone.subnets.find((s) => s.tier === tier),
                    }))
                    .filter((c) => c.subnet !== undefined);
                  if (cells.length === 0) return;
                  const allCde = cells.every((c) => c.subnet!.cde);
                  vpc.subgraph(
                    `cluster_tier_${si}`,
                    {
                      ...groupAttrs(
                        `${TIER_GROUP_TITLES[tier]}${allCde ? ' (cardholder data environment)' : ''}`,
                        GROUP_ICONS[tier],
                        allCde ? CDE_COLOUR : GROUP_COLOURS[tier],
                        'filled',
                        tierFill(tier),
                      ),
                      ...(allCde ? { penwidth: 2 } : {}),
                    },
                    (band) => {
                      for (const node of inTier(tier)) addNode(band, node);
                      const anchors: string[] = [];
                      const insideTier: string[] = [];
                      for (const { zone, zi, subnet } of cells) {
                        const inside = model.nodes.filter(
                          (n) =>
                            n.placement.in === 'subnet' && n.placement.subnet === subnet!.address,
                        );
                        // An invisible anchor at the top of every subnet: the anchors keep the
                        // AZs in order and an empty subnet at its tier's height.
                        const anchor = `subnet_${zi}_${si}`;
                        const cluster = `cluster_subnet_${zi}_${si}`;
                        subnetCluster.set(subnet!.address, { cluster, anchor });
                        anchors.push(anchor);
                        band.subgraph(
                          cluster,
                          {
                            ...groupAttrs(
                              `${zone.label}  ${subnet!.cidr}${subnet!.cde ? '  CDE' : ''}`,
                              undefined,
                              subnet!.cde ? CDE_COLOUR : GROUP_COLOURS[tier],
                              'filled',
                              '#FFFFFF',
                            ),
                            margin: 8,
                          },
                          (sn) => {
                            sn.node(anchor, {
                              label: '',
                              width: 1.1,
                              height: 0.05,
                              style: 'invis',
                            });
                            for (const node of inside) addNode(sn, node);
                          },
                        );
                        // Below the anchor: on the anchor's rank, the flat edges that keep the
                        // AZs in order would no longer hold.
                        for (const node of inside) g.edge([anchor, node.id], { style: 'invis' });
                        insideTier.push(...inside.map((n) => n.id));
                      }
                      tierAnchors.push(anchors);
                      tierInside.push(insideTier);
                    },
                  );
                });
              },
            );
          }
          region.subgraph(
            'cluster_services',
            groupAttrs(
              'Regional services (outside the VPC)',
              undefined,
              GROUP_COLOURS.services,
              'dashed',
            ),
            (services) => {
              const regional = byPlacement('region').filter((n) => !EDGE_SERVICES.has(n.kind));
              const cde = regional.filter((n) => inCde(n.cde));
              const rest = regional.filter((n) => !inCde(n.cde));
              if (cde.length > 0) {
                services.subgraph(
                  'cluster_cde_services',
                  {
                    ...groupAttrs(
                      'Cardholder data environment (regional services)',
                      undefined,
                      CDE_COLOUR,
                      'dashed',
                    ),
                    penwidth: 2,
                  },
                  (box) => {
                    for (const node of cde) addNode(box, node);
                  },
                );
              }
              for (const node of rest) addNode(services, node);
              // A column of rows: CDE keys and secrets, buckets, the other keys, the rest.
              const rows = [
                cde,
                rest.filter((n) => n.kind === 'bucket'),
                rest.filter((n) => n.kind === 'key'),
                rest.filter((n) => !['bucket', 'key'].includes(n.kind)),
              ].filter((row) => row.length > 0);
              for (let i = 0; i < rows.length; i++) {
                if (i > 0) g.edge([rows[i - 1]![0]!.id, rows[i]![0]!.id], { style: 'invis' });
                services.subgraph({ rank: 'same' }, (same) => {
                  for (const n of rows[i]!) same.node(n.id);
                });
              }
            },
          );
        },
      );
      const baseline = byPlacement('baseline');
      if (baseline.length > 0) {
        cloud.subgraph(
          'cluster_baseline',
          groupAttrs(
            'Account baseline: detective controls',
            undefined,
            GROUP_COLOURS.baseline,
            'dashed',
          ),
          (box) => {
            for (const node of baseline) addNode(box, node);
            box.subgraph({ rank: 'same' }, (same) => {
              for (const n of baseline) same.node(n.id);
            });
          },
        );
      }
    },
  );

  // AZ 1, AZ 2, ... from left to right: each tier's anchors share a rank, chained in order
  // by invisible flat edges, which dot keeps left to right.
  for (const anchors of tierAnchors) {
    g.subgraph({ rank: 'same' }, (same) => {
      for (const a of anchors) same.node(a);
    });
    for (let i = 1; i < anchors.length; i++)
      g.edge([anchors[i - 1]!, anchors[i]!], { style: 'invis' });
  }
  // Tiers top to bottom: a tier's spanning nodes above its subnets, every subnet of a tier
  // above the next tier.
  TIERS.forEach((tier, si) => {
    const anchors = tierAnchors[si] ?? [];
    for (const node of inTier(tier)) {
      if (node.placement.in !== 'tier') continue;
      // The node is joined to each subnet it has interfaces in (drawn, light).
      for (const subnet of node.placement.subnets) {
        const target = subnetCluster.get(subnet);
        if (!target) continue;
        g.edge([node.id, target.anchor], {
          lhead: target.cluster,
          dir: 'none',
          color: '#AAB7B8',
          style: 'solid',
          penwidth: 0.8,
          weight: 4,
        });
      }
    }
    // The same AZ's subnet in the next tier directly below: the AZ columns line up.
    const next = tierAnchors[si + 1] ?? [];
    anchors.forEach((from, zi) => {
      if (next[zi]) g.edge([from, next[zi]!], { style: 'invis', weight: 100 });
    });
    // Everything in a tier sits above everything in the next one (clusters cannot share a
    // rank and stay stacked).
    const nextSpanning = TIERS[si + 1] ? inTier(TIERS[si + 1]!).map((n) => n.id) : [];
    // From the nodes inside the subnets when there are any (the anchors share their rank
    // anyway): edges from the anchors to a spanning node would reorder the AZs.
    const inside = tierInside[si] ?? [];
    const bottom = inside.length > 0 ? inside : anchors;
    const below = nextSpanning.length > 0 ? nextSpanning : next;
    for (const from of bottom)
      for (const to of below) g.edge([from, to], { style: 'invis', weight: 0 });
  });
  const edgeService = new Set(
    model.nodes
      .filter((n) => n.placement.in === 'region' && EDGE_SERVICES.has(n.kind))
      .map((n) => n.id),
  );
  const labelled = new Set<string>();
  for (const edge of model.edges) {
    // One port label per arrowhead (several sources reaching the writer would stack theirs),
    // and one per rule set (internet -> internet gateway -> load balancer are the same rules).
    const labelKey =
      edge.kind === 'traffic' && edge.rules.length > 0
        ? edge.rules.join('|')
        : `${edge.to}|${edge.label}`;
    const showLabel = !labelled.has(labelKey);
    labelled.add(labelKey);
    addEdge(g, showLabel ? edge : { ...edge, label: '' }, edgeService);
  }
  addLegend(g, model);
  return toDot(g);
}

function addNode(parent: RootGraphModel | SubgraphModel, node: ArchNode): void {
  const lines = node.details
    .map((d) => `<TR><TD><FONT POINT-SIZE="8" COLOR="#545B64">${escape(d)}</FONT></TD></TR>`)
    .join('');
  const cde = !node.cde
    ? ''
    : inCde(node.cde)
      ? `<TR><TD><FONT POINT-SIZE="8" COLOR="${CDE_COLOUR}"><B>CDE: ${escape(node.cde.role)}</B></FONT></TD></TR>`
      : `<TR><TD><FONT POINT-SIZE="8" COLOR="${CONNECTED_COLOUR}"><B>connected to the CDE</B></FONT></TD></TR>`;
  parent.node(node.id, {
    label: `<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="0"><TR><TD FIXEDSIZE="TRUE" WIDTH="${ICON_SIZE}" HEIGHT="${ICON_SIZE}"><IMG SRC="${iconRef(iconOf(node))}"/></TD></TR><TR><TD><B>${escape(node.label)}</B></TD></TR>${lines}${cde}</TABLE>>`,
    tooltip: node.resources.join('\n') || node.label,
  });
}

function addEdge(g: RootGraphModel, edge: ArchEdge, edgeService: ReadonlySet<string>): void {
  const style = EDGE_STYLES[edge.kind];
  const color = edge.cardData ? CARD_DATA.color : style.color;
  g.edge([edge.from, edge.to], {
    style: style.style,
    color,
    fontcolor: color,
    penwidth: edge.kind === 'traffic' ? (edge.cardData ? 2 : 1.4) : edge.kind === 'key' ? 0.7 : 1,
    // Only the inbound traffic path ranks the nodes; the others would pull services into the
    // VPC or turn the tiers upside down.
    // DNS, WAF and certificate rank above the load balancer they act on.
    constraint: edge.kind === 'traffic' || edgeService.has(edge.from),
    // Labels placed after layout (edge labels would add nodes that reorder the AZs).
    // Key use reads from the legend: an "encrypts" on every dotted line would bury the rest.
    // Ports beside the arrowhead, where the traffic enters the group that allows it.
    ...(edge.label && edge.kind === 'traffic' && edge.from !== INTERNET_ID
      ? { headlabel: edge.label, labeldistance: 1.6, labelangle: -40, labelfontsize: 9 }
      : {}),
    ...(edge.label &&
    !QUIET_LABELS.has(edge.label) &&
    (edge.kind !== 'traffic' || edge.from === INTERNET_ID)
      ? { xlabel: edge.label, fontsize: edge.kind === 'traffic' ? 9 : 8 }
      : {}),
    ...(edge.from === INTERNET_ID ? { weight: 5 } : {}),
    // Egress leaves each box upwards, toward the internet gateway above.
    ...(edge.kind === 'egress' ? { tailport: 'n', headport: 's' } : {}),
  });
}

/** A sample of an edge style, as a small SVG image (Graphviz tables cannot draw a dash). */
function legendLine(kind: EdgeKind | 'card-data'): string {
  return `legend:${kind}`;
}

function legendLineSvg(kind: EdgeKind | 'card-data'): string {
  const style = kind === 'card-data' ? EDGE_STYLES.traffic : EDGE_STYLES[kind];
  const colour = kind === 'card-data' ? CARD_DATA.color : style.color;
  const dash =
    style.style === 'dashed'
      ? ' stroke-dasharray="5,3"'
      : style.style === 'dotted'
        ? ' stroke-dasharray="1.5,2.5"'
        : '';
  const width = kind === 'card-data' ? 2.5 : 1.6;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10" viewBox="0 0 40 10"><line x1="1" y1="5" x2="33" y2="5" stroke="${colour}" stroke-width="${width}"${dash}/><path d="M33,1.5 L39,5 L33,8.5 Z" fill="${colour}"/></svg>`;
}

function addLegend(g: RootGraphModel, model: ArchitectureModel): void {
  const kinds: Array<EdgeKind | 'card-data'> = [
    'traffic',
    'card-data',
    ...(Object.keys(EDGE_STYLES) as EdgeKind[]).filter((k) => k !== 'traffic'),
  ];
  const rows = kinds
    .map((kind) => {
      const title = kind === 'card-data' ? CARD_DATA.title : EDGE_STYLES[kind].title;
      return `<TR><TD FIXEDSIZE="TRUE" WIDTH="40" HEIGHT="10"><IMG SRC="${legendLine(kind)}"/></TD><TD ALIGN="LEFT">${escape(title)}</TD></TR>`;
    })
    .join('');
  const note = (text: string) =>
    `<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="8">${escape(text)}</FONT></TD></TR>`;
  g.node('legend', {
    label: `<<TABLE BORDER="1" COLOR="#879196" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>${rows}${note('Red boxes and CDE tags: the cardholder data environment (PCI DSS 1.2.3)')}${note('Brown tags: connected to the CDE or impacting its security')}${note('AZ n: zone names come from the aws_availability_zones data source at plan time')}${note('Icons: AWS Architecture Icons (aws-icons package); font: Arimo')}</TABLE>>`,
  });
  g.node('cde_scope', { label: cdeTable(model) });
  g.subgraph({ rank: 'same' }, (row) => {
    row.node('cde_scope');
    row.node('legend');
  });
  // Below the drawing, not beside it: from the lowest nodes of the VPC.
  const lowest = model.nodes.filter(
    (n) =>
      n.placement.in === 'subnet' || (n.placement.in === 'tier' && n.placement.tier === 'data'),
  );
  const from = lowest.at(-1) ?? model.nodes.at(-1);
  if (from) {
    g.edge([from.id, 'cde_scope'], { style: 'invis' });
    g.edge([from.id, 'legend'], { style: 'invis' });
  }
  g.edge(['cde_scope', 'legend'], { style: 'invis' });
}

/** The CDE statement: which subnets, security groups and services are in it, and why. */
function cdeTable(model: ArchitectureModel): string {
  const row = (head: string, text: string) =>
    `<TR><TD ALIGN="LEFT" VALIGN="TOP"><B>${escape(head)}</B></TD><TD ALIGN="LEFT">${text}</TD></TR>`;
  const byTier = TIERS.map((tier) => {
    const cidrs = model.cde.subnets.filter((s) => s.tier === tier).map((s) => s.cidr);
    return cidrs.length > 0 ? `${TIER_TITLES[tier]}s: ${cidrs.join(', ')}` : '';
  }).filter((t) => t !== '');
  // Identical lines once, counted (two Aurora readers are one line).
  const counted = (nodes: readonly ArchNode[], text: (n: ArchNode) => string) => {
    const counts = new Map<string, number>();
    for (const n of nodes) counts.set(text(n), (counts.get(text(n)) ?? 0) + 1);
    return [...counts].map(([line, n]) => (n > 1 ? `${line} (${n})` : line));
  };
  const services = counted(
    model.nodes.filter((n) => inCde(n.cde)),
    (n) => `${n.label}: ${n.cde!.reason}`,
  );
  const connected = counted(
    model.nodes.filter((n) => n.cde?.role === 'connected'),
    (n) => n.label,
  );
  const lines = (items: readonly string[]) =>
    items.length > 0 ? items.map(escape).join('<BR ALIGN="LEFT"/>') + '<BR ALIGN="LEFT"/>' : 'none';
  return `<<TABLE BORDER="2" COLOR="${CDE_COLOUR}" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2"><TR><TD COLSPAN="2" ALIGN="LEFT"><FONT COLOR="${CDE_COLOUR}"><B>Cardholder data environment (PCI DSS 1.2.3, 1.2.4)</B></FONT></TD></TR>${row('Subnets', lines(byTier))}${row('Security groups', lines(model.cde.securityGroups.map((s) => s.name)))}${row('Services', lines(services))}${row('Connected to it', lines(connected))}<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="8">Connected-to and security-impacting: in the assessment's scope, outside the CDE (src/analysis/cde-boundary.ts)</FONT></TD></TR></TABLE>>`;
}

function titleBlock(model: ArchitectureModel, options: DiagramSource): string {
  return `<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2"><TR><TD ALIGN="LEFT"><FONT POINT-SIZE="16"><B>${escape(model.stack)}</B></FONT></TD></TR><TR><TD ALIGN="LEFT">profile ${escape(model.profile ?? '(none)')}, Region ${escape(model.region ?? '(from the provider)')}</TD></TR><TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#545B64">generated by npm run diagram from ${escape(options.source)}</FONT></TD></TR></TABLE>>`;
}

function groupAttrs(
  title: string,
  icon: string | undefined,
  colour: `#${string}`,
  style: 'solid' | 'dashed' | 'filled' = 'solid',
  fill?: `#${string}`,
) {
  const image = icon
    ? `<TD FIXEDSIZE="TRUE" WIDTH="${GROUP_ICON_SIZE}" HEIGHT="${GROUP_ICON_SIZE}"><IMG SRC="${iconRef(icon)}"/></TD>`
    : '';
  return {
    label: `<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>${image}<TD><FONT COLOR="${colour}"><B>${escape(title)}</B></FONT></TD></TR></TABLE>>`,
    labeljust: 'l',
    color: colour,
    style,
    fontname: FONT,
    fontsize: 11,
    margin: 10,
    ...(fill ? { fillcolor: fill } : {}),
  } as const;
}

function tierFill(tier: Tier): `#${string}` {
  return tier === 'public' ? '#F2F8EA' : tier === 'private' ? '#E6F6F7' : '#E9F0F8';
}

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

let graphviz: Graphviz | undefined;

/** Lays out DOT text to a self-contained SVG (icons embedded). */
export async function renderSvg(dot: string): Promise<string> {
  graphviz ??= await Graphviz.load();
  const icons = [...new Set([...dot.matchAll(/SRC="aws-icons:([^"]+)"/g)].map((m) => m[1]!))];
  const lines = [...new Set([...dot.matchAll(/SRC="legend:([^"]+)"/g)].map((m) => m[1]!))];
  const images = [
    ...icons.map((file) => ({ path: iconRef(file), width: '64px', height: '64px' })),
    ...lines.map((kind) => ({ path: `legend:${kind}`, width: '40px', height: '10px' })),
  ];
  const svg = graphviz.layout(dot, 'svg', 'dot', { images });
  return embedImages(svg);
}

/**
 * Replaces each icon and legend placeholder by its data URI, and names fallbacks with the
 * same metrics after the shipped font for a viewer that does not have it.
 */
function embedImages(svg: string): string {
  const used = new Map<string, string>();
  return svg
    .replace(/xlink:href="aws-icons:([^"]+)"/g, (_m, file: string) => {
      if (!used.has(file)) used.set(file, iconDataUri(file));
      return `xlink:href="${used.get(file)!}"`;
    })
    .replace(/xlink:href="legend:([^"]+)"/g, (_m, kind: EdgeKind | 'card-data') => {
      const uri = `data:image/svg+xml;base64,${Buffer.from(legendLineSvg(kind)).toString('base64')}`;
      return `xlink:href="${uri}"`;
    })
    .replaceAll(`font-family="${FONT_FAMILY}"`, `font-family="${SVG_FONT_FAMILY}"`);
}
