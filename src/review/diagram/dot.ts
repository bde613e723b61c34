/**
 * Draws an architecture model as Graphviz DOT with the typed builder (ts-graphviz), then
 * lays it out to SVG with Graphviz compiled to WebAssembly: no `dot` binary, no browser.
 * Nesting: AWS Cloud > Region > VPC > AZ > subnet tier, the Region's services beside the VPC.
 * Only traffic edges and invisible tier edges shape the layout, so the tiers read top to
 * bottom; log-delivery and key-use edges are drawn without moving anything.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import type { RootGraphModel, SubgraphModel } from 'ts-graphviz';
import { digraph, toDot } from 'ts-graphviz';
import { GROUP_ICONS, iconDataUri, iconRef, NODE_ICONS } from './icons';
import type { ArchEdge, ArchitectureModel, ArchNode, EdgeKind } from './model';
import { INTERNET_ID, TIER_TITLES } from './model';

const FONT = 'Helvetica';
/** Regional services drawn above the VPC, on the traffic path, rather than beside it. */
const EDGE_SERVICES: ReadonlySet<string> = new Set(['waf', 'certificate']);
const ICON_SIZE = 40;
const GROUP_ICON_SIZE = 20;

const EDGE_STYLES: Readonly<
  Record<EdgeKind, { style: 'solid' | 'dashed' | 'dotted'; color: `#${string}`; title: string }>
> = {
  traffic: { style: 'solid', color: '#232F3E', title: 'traffic the security groups allow (ports)' },
  logs: { style: 'dashed', color: '#3F8624', title: 'log delivery' },
  key: { style: 'dotted', color: '#BD0816', title: 'KMS key use, TLS certificate' },
};

const GROUP_COLOURS = {
  cloud: '#232F3E',
  region: '#00A4A6',
  vpc: '#8C4FFF',
  az: '#147EBA',
  public: '#7AA116',
  private: '#00A4A6',
  data: '#00A4A6',
  services: '#5A6B86',
} as const;

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
    ranksep: 0.55,
    labelloc: 't',
    labeljust: 'l',
    label: titleBlock(model, options),
    pad: 0.3,
  });
  g.attributes.node.apply({ shape: 'plaintext', fontname: FONT, fontsize: 10, margin: 0 });
  g.attributes.edge.apply({ fontname: FONT, fontsize: 9, arrowsize: 0.7 });

  const byPlacement = (p: ArchNode['placement']['in']) =>
    model.nodes.filter((n) => n.placement.in === p);
  for (const node of byPlacement('internet')) addNode(g, node);

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
          // The edge services sit between the internet and the load balancer.
          for (const node of byPlacement('region'))
            if (EDGE_SERVICES.has(node.kind)) addNode(region, node);
          if (model.vpc) {
            region.subgraph(
              'cluster_vpc',
              groupAttrs(`VPC ${model.vpc.cidr}`, GROUP_ICONS.vpc, GROUP_COLOURS.vpc),
              (vpc) => {
                for (const node of byPlacement('vpc')) addNode(vpc, node);
                model.zones.forEach((zone, zi) => {
                  vpc.subgraph(`cluster_az_${zi}`, azAttrs(zone.label), (az) => {
                    let above: string[] = [];
                    zone.subnets.forEach((subnet, si) => {
                      const anchor = `subnet_${zi}_${si}`;
                      const inside = model.nodes.filter(
                        (n) => n.placement.in === 'subnet' && n.placement.subnet === subnet.address,
                      );
                      az.subgraph(
                        `cluster_subnet_${zi}_${si}`,
                        groupAttrs(
                          `${TIER_TITLES[subnet.tier]} ${subnet.cidr}`,
                          GROUP_ICONS[subnet.tier],
                          GROUP_COLOURS[subnet.tier],
                          'filled',
                          tierFill(subnet.tier),
                        ),
                        (sn) => {
                          // An invisible anchor keeps an empty subnet drawn at its tier's height.
                          sn.node(anchor, { label: '', width: 0.1, height: 0.1, style: 'invis' });
                          for (const node of inside) addNode(sn, node);
                        },
                      );
                      // Everything in a tier sits above everything in the next one.
                      for (const from of above)
                        g.edge([from, anchor], { style: 'invis', weight: 10 });
                      for (const node of inside) g.edge([anchor, node.id], { style: 'invis' });
                      above = [anchor, ...inside.map((n) => n.id)];
                    });
                  });
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
              for (const node of regional) addNode(services, node);
              // A column of rows: buckets, keys, then the rest.
              const rows = [
                regional.filter((n) => n.kind === 'bucket'),
                regional.filter((n) => n.kind === 'key'),
                regional.filter((n) => ['topic', 'log-groups', 'endpoints'].includes(n.kind)),
              ].filter((row) => row.length > 0);
              for (let i = 1; i < rows.length; i++) {
                g.edge([rows[i - 1]![0]!.id, rows[i]![0]!.id], { style: 'invis' });
                services.subgraph({ rank: 'same' }, (same) => {
                  for (const n of rows[i]!) same.node(n.id);
                });
              }
            },
          );
        },
      );
    },
  );

  const zoneOfNode = new Map<string, string>();
  for (const zone of model.zones)
    for (const subnet of zone.subnets)
      for (const n of model.nodes)
        if (n.placement.in === 'subnet' && n.placement.subnet === subnet.address)
          zoneOfNode.set(n.id, zone.label);
  // AZ 1, AZ 2, ... from left to right: each tier's anchors share a rank, chained in order
  // by invisible flat edges, which dot keeps left to right.
  const tierCount = Math.max(0, ...model.zones.map((z) => z.subnets.length));
  for (let si = 0; si < tierCount; si++) {
    const anchors = model.zones
      .map((z, zi) => (si < z.subnets.length ? `subnet_${zi}_${si}` : undefined))
      .filter((a): a is string => a !== undefined);
    g.subgraph({ rank: 'same' }, (same) => {
      for (const a of anchors) same.node(a);
    });
    for (let i = 1; i < anchors.length; i++)
      g.edge([anchors[i - 1]!, anchors[i]!], { style: 'invis' });
  }
  const labelled = new Set<string>();
  for (const edge of model.edges) {
    const from = zoneOfNode.get(edge.from);
    const to = zoneOfNode.get(edge.to);
    // One port label per arrowhead: several app nodes reaching the writer would stack theirs.
    const labelKey = `${edge.to}|${edge.label}`;
    const showLabel = !labelled.has(labelKey);
    labelled.add(labelKey);
    // Traffic between AZs is drawn but does not move the AZ columns out of order.
    const constraint =
      edge.kind === 'traffic' && (from === undefined || to === undefined || from === to);
    addEdge(g, showLabel ? edge : { ...edge, label: '' }, constraint);
  }
  addLegend(g);
  return toDot(g);
}

function addNode(parent: RootGraphModel | SubgraphModel, node: ArchNode): void {
  const lines = node.details
    .map((d) => `<TR><TD><FONT POINT-SIZE="8" COLOR="#545B64">${escape(d)}</FONT></TD></TR>`)
    .join('');
  parent.node(node.id, {
    label: `<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="0"><TR><TD FIXEDSIZE="TRUE" WIDTH="${ICON_SIZE}" HEIGHT="${ICON_SIZE}"><IMG SRC="${iconRef(NODE_ICONS[node.kind])}"/></TD></TR><TR><TD><B>${escape(node.label)}</B></TD></TR>${lines}</TABLE>>`,
    tooltip: node.resources.join('\n') || node.label,
  });
}

function addEdge(g: RootGraphModel, edge: ArchEdge, constraint: boolean): void {
  const style = EDGE_STYLES[edge.kind];
  g.edge([edge.from, edge.to], {
    style: style.style,
    color: style.color,
    fontcolor: style.color,
    penwidth: edge.kind === 'traffic' ? 1.4 : 1,
    // Only the traffic path ranks the nodes; the others would pull services into the VPC.
    constraint,
    // Labels placed after layout (edge labels would add nodes that reorder the AZs): ports
    // beside the arrowhead, inside the subnet they enter, clear of the subnet's title.
    ...(edge.label && edge.kind === 'traffic'
      ? { headlabel: edge.label, labeldistance: 3.2, labelangle: 25 }
      : {}),
    ...(edge.label && edge.kind === 'logs' ? { xlabel: edge.label } : {}),
    ...(edge.from === INTERNET_ID ? { weight: 5 } : {}),
  });
}

function addLegend(g: RootGraphModel): void {
  const rows = (Object.keys(EDGE_STYLES) as EdgeKind[])
    .map((kind) => {
      const s = EDGE_STYLES[kind];
      const line = s.style === 'solid' ? '━━━━' : s.style === 'dashed' ? '╍ ╍ ╍' : '┄┄┄┄';
      return `<TR><TD ALIGN="LEFT"><FONT COLOR="${s.color}">${line}</FONT></TD><TD ALIGN="LEFT">${escape(s.title)}</TD></TR>`;
    })
    .join('');
  g.node('legend', {
    label: `<<TABLE BORDER="1" COLOR="#879196" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>${rows}<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="8">AZ n: zone names come from the aws_availability_zones data source at plan time</FONT></TD></TR><TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="8">Icons: AWS Architecture Icons (aws-icons package)</FONT></TD></TR></TABLE>>`,
  });
  g.subgraph({ rank: 'sink' }, (sink) => sink.node('legend'));
}

function titleBlock(model: ArchitectureModel, options: DiagramSource): string {
  return `<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2"><TR><TD ALIGN="LEFT"><FONT POINT-SIZE="16"><B>${escape(model.stack)}</B></FONT></TD></TR><TR><TD ALIGN="LEFT">profile ${escape(model.profile ?? '(none)')} · Region ${escape(model.region ?? '(from the provider)')}</TD></TR><TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#545B64">generated by npm run diagram from ${escape(options.source)}</FONT></TD></TR></TABLE>>`;
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

function azAttrs(label: string) {
  return {
    label: `<<FONT COLOR="${GROUP_COLOURS.az}"><B>${escape(label)}</B></FONT>>`,
    labeljust: 'l',
    color: GROUP_COLOURS.az,
    style: 'dashed',
    fontname: FONT,
    margin: 8,
  } as const;
}

function tierFill(tier: 'public' | 'private' | 'data'): `#${string}` {
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
  const used = [...new Set([...dot.matchAll(/SRC="aws-icons:([^"]+)"/g)].map((m) => m[1]!))];
  const images = used.map((file) => ({ path: iconRef(file), width: '64px', height: '64px' }));
  const svg = graphviz.layout(dot, 'svg', 'dot', { images });
  return embedIcons(svg);
}

/** Replaces each icon placeholder by a `<use>` of one embedded copy per icon. */
function embedIcons(svg: string): string {
  const used = new Map<string, string>();
  const body = svg.replace(/xlink:href="aws-icons:([^"]+)"/g, (_m, file: string) => {
    if (!used.has(file)) used.set(file, iconDataUri(file));
    return `xlink:href="${used.get(file)!}"`;
  });
  return body;
}
