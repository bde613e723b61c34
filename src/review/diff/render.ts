/**
 * The diff as text for a terminal or as Markdown for a pull-request comment. Both show the
 * same sections, in the order a reviewer needs them: hazards first, then findings, then the
 * detail.
 */
import type { Finding } from '../../compliance/engine';
import type { Statement } from '../../tfjson/policy';
import { portText } from '../diagram/model';
import type { ChangedResource, StackDiff } from './compare';
import { isEmptyDiff } from './compare';
import { argumentPath, touches } from './replacement';
import { movedBlocks } from './moves';
import type { MoveEntry } from '../../synth/moves';
import { movesFilePath } from '../../synth/moves';

export type DiffFormat = 'text' | 'markdown';

export interface FindingChanges {
  readonly appeared: readonly Finding[];
  readonly disappeared: readonly Finding[];
}

export interface DiffReport {
  readonly before: string;
  readonly after: string;
  readonly stacks: readonly StackDiff[];
  /** Findings per stack name. */
  readonly findings: ReadonlyMap<string, FindingChanges>;
  /**
   * The moves already recorded per stack name (`moves/<stack>.json`, src/synth/moves.ts).
   * @default none recorded
   */
  readonly recorded?: ReadonlyMap<string, readonly MoveEntry[]>;
}

const STATIC_ESTIMATE =
  'Replacement is a static estimate from the provider arguments that force a new resource (src/review/diff/replacement.ts) and the references between resources; `npm run plan` is authoritative (Terraform against the real state).';

/** What keeps a deployed environment's subnets when its AZ count changes (docs/environments.md). */
export const SUBNET_RENUMBERING_HINT =
  'A changed AZ count renumbers subnets in the legacy layout unless the environment file records the count they were deployed with: "plannedAzCount": <that count> keeps every existing subnet and adds or removes only the last AZs (docs/environments.md, "The network").';

export function renderDiff(report: DiffReport, format: DiffFormat): string {
  const md = format === 'markdown';
  const out: string[] = [];
  const heading = (level: number, text: string) =>
    out.push(md ? `${'#'.repeat(level)} ${text}\n` : `${level <= 2 ? '' : '  '}${text}`);
  const table = (headers: string[], rows: string[][]) =>
    out.push(renderTable(headers, rows, md), '');

  heading(1, `Diff of ${report.before} -> ${report.after}`);
  if (
    report.stacks.every(isEmptyDiff) &&
    [...report.findings.values()].every((f) => f.appeared.length + f.disappeared.length === 0)
  ) {
    out.push('No changes.');
    return `${out.join('\n')}\n`;
  }
  for (const d of report.stacks) {
    const findings = report.findings.get(d.stack);
    if (isEmptyDiff(d) && !findings?.appeared.length && !findings?.disappeared.length) continue;
    heading(
      2,
      `Stack ${d.stack}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`,
    );
    // A removal the moves file turns into a move is no destruction: it is listed with the
    // renamed resources. One not recorded yet stays a DESTROY, said to be a rename.
    const recordedFrom = new Set(
      (report.recorded?.get(d.stack) ?? [])
        .filter((r) => d.moves.some((m) => m.from === r.from && m.to === r.to))
        .map((r) => r.from),
    );
    const renamedFrom = new Set(d.moves.map((m) => m.from));
    const hazards = d.hazards.filter(
      (h) => !(h.action === 'destroy' && recordedFrom.has(h.address)),
    );
    if (hazards.length > 0) {
      heading(3, 'Replacement or destruction');
      table(
        ['action', 'resource', 'forcing arguments', 'because', 'what is lost'],
        hazards.map((h) => [
          `${h.action.toUpperCase()}${h.stateful ? ' (stateful)' : ''}`,
          h.address,
          h.arguments.join(', ') || '-',
          h.cause
            ? `references ${h.cause}`
            : h.action === 'destroy'
              ? renamedFrom.has(h.address)
                ? 'renamed, not in the moves file (see Renamed resources)'
                : 'removed'
              : 'its own change',
          h.impact,
        ]),
      );
      out.push(md ? `> ${STATIC_ESTIMATE}\n` : `  ${STATIC_ESTIMATE}\n`);
    }
    if (d.refusals.length > 0) {
      heading(3, 'Changes AWS refuses (the apply fails part-way)');
      table(
        ['resource', 'why', 'source'],
        d.refusals.map((r) => [r.address, r.message, r.source]),
      );
    }
    if (d.moves.length + d.ambiguousMoves.length > 0) {
      const recorded = report.recorded?.get(d.stack) ?? [];
      const isRecorded = (m: { from: string; to: string }) =>
        recorded.some((r) => r.from === m.from && r.to === m.to);
      const file = movesFilePath(d.stack);
      heading(3, 'Renamed resources (same identity, new address)');
      table(
        ['', 'from', 'to', 'matched by', 'identity', file],
        [
          ...d.moves.map((m) => [
            'move',
            m.from,
            m.to,
            m.basis,
            m.identity,
            isRecorded(m) ? 'recorded' : 'NOT RECORDED',
          ]),
          ...d.ambiguousMoves.map((m) => [
            'AMBIGUOUS (not matched)',
            m.from.join(', '),
            m.to.join(', '),
            '-',
            m.identity,
            'never written: decide by hand',
          ]),
        ],
      );
      const missing = d.moves.filter((m) => !isRecorded(m));
      if (missing.length > 0) {
        const blocks = JSON.stringify({ moved: movedBlocks(missing) }, null, 2);
        const advice = `${missing.length} not recorded in ${file}: without a \`moved\` block Terraform destroys and re-creates them. Record them with \`npm run diff -- --git <ref> --write-moves\` (synthesis then writes these blocks):`;
        out.push(
          md ? `${advice}\n\n\`\`\`json\n${blocks}\n\`\`\`\n` : `  ${advice}\n${indent(blocks)}\n`,
        );
      } else if (d.moves.length > 0) {
        out.push(
          md
            ? `Every move is recorded in \`${file}\`: the plan moves them.\n`
            : `  Every move is recorded in ${file}: the plan moves them.\n`,
        );
      }
      if (d.ambiguousMoves.length > 0)
        out.push(
          md
            ? `Ambiguous matches are never recorded: Terraform destroys and re-creates them unless you add the right entries to \`${file}\` by hand.\n`
            : `  Ambiguous matches are never recorded: Terraform destroys and re-creates them unless you add the right entries to ${file} by hand.\n`,
        );
    }
    if (d.subnets.length > 0) {
      heading(3, 'Subnets renumbered or moved to another AZ');
      table(
        ['subnet', 'argument', 'before', 'after'],
        d.subnets.map((c) => [c.address, c.argument, valueText(c.before), valueText(c.after)]),
      );
      if (d.subnets.some((c) => c.argument === 'cidr_block'))
        out.push(md ? `> ${SUBNET_RENUMBERING_HINT}\n` : `  ${SUBNET_RENUMBERING_HINT}\n`);
    }
    if (findings && findings.appeared.length + findings.disappeared.length > 0) {
      heading(3, 'Compliance gate findings');
      table(
        ['', 'rule', 'severity', 'resource', 'finding'],
        [
          ...findings.appeared.map((f) => ['+ new', f.ruleId, f.severity, f.address, f.message]),
          ...findings.disappeared.map((f) => [
            '- resolved',
            f.ruleId,
            f.severity,
            f.address,
            f.message,
          ]),
        ],
      );
    }
    if (d.statements.length > 0) {
      heading(3, 'Policy statements');
      table(
        ['', 'resource', 'effect', 'principals', 'actions', 'resources', 'conditions', 'widens'],
        d.statements.map((r) => [
          r.change,
          `${r.address}${r.attribute === 'policy' ? '' : ` (${r.attribute})`}`,
          r.statement.effect,
          principalsText(r.statement),
          actionsText(r.statement),
          resourcesText(r.statement),
          conditionsText(r.statement),
          r.widened.length > 0 ? `WIDENED: ${r.widened.join('; ')}` : '',
        ]),
      );
    }
    if (d.rules.length > 0) {
      heading(3, 'Security group rules');
      table(
        ['', 'group', 'direction', 'protocol/ports', 'peer', 'description'],
        d.rules.map((r) => [
          r.change,
          r.group,
          r.rule.direction,
          portText({ protocol: r.rule.protocol, from: r.rule.fromPort, to: r.rule.toPort }),
          `${r.peer}${r.openToInternet ? ' (INTERNET)' : ''}`,
          r.rule.description ?? '',
        ]),
      );
    }
    if (d.added.length + d.removed.length > 0) {
      heading(3, 'Resources added and removed');
      table(
        ['', 'resource', 'construct path'],
        [
          ...d.added.map((b) => ['+', b.address, b.constructPath ?? '']),
          ...d.removed.map((b) => ['-', b.address, b.constructPath ?? '']),
        ],
      );
    }
    const withAttributes = d.changed.filter((c) => c.changes.length > 0);
    if (withAttributes.length > 0) {
      heading(3, 'Changed attributes');
      table(
        ['resource', 'attribute', 'before', 'after', ''],
        withAttributes.flatMap((c) =>
          c.changes.map((ch) => [
            c.address,
            ch.path,
            valueText(ch.before),
            valueText(ch.after),
            replacementNote(c, argumentPath(ch.path)),
          ]),
        ),
      );
    }
    for (const t of d.texts) {
      heading(3, `Decoded ${t.attribute} of ${t.address}`);
      const body = t.lines.map((l) => `${l.op}${l.text}`).join('\n');
      out.push(md ? `\`\`\`diff\n${body}\n\`\`\`\n` : `${indent(body)}\n`);
    }
    if (d.tags.length > 0) {
      heading(3, 'Tags');
      table(
        ['tag', 'before', 'after', 'on'],
        d.tags.map((t) => [t.key, t.before ?? '(none)', t.after ?? '(none)', t.where]),
      );
    }
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function principalsText(s: Statement): string {
  const entries = Object.entries(s.principals);
  if (entries.length === 0) return '-';
  return `${s.notPrincipal ? 'NOT ' : ''}${entries.map(([t, ids]) => (t === '*' ? '*' : `${t}: ${ids.join(', ')}`)).join('; ')}`;
}

function actionsText(s: Statement): string {
  return s.notActions.length > 0 ? `NOT ${s.notActions.join(', ')}` : s.actions.join(', ');
}

function resourcesText(s: Statement): string {
  const list = s.notResources.length > 0 ? s.notResources : s.resources;
  return `${s.notResources.length > 0 ? 'NOT ' : ''}${list.map(shortReference).join(', ') || '-'}`;
}

function conditionsText(s: Statement): string {
  const parts = Object.entries(s.conditions).flatMap(([op, keys]) =>
    Object.entries(keys).map(([k, v]) => `${op} ${k}=${v.map(shortReference).join('|')}`),
  );
  return parts.join('; ') || '-';
}

/** `${aws_s3_bucket.Assets_Bucket_B348DC00.arn}` -> `${aws_s3_bucket.Assets_Bucket.arn}`. */
function shortReference(value: string): string {
  return value.replace(/_[0-9A-F]{8}\b/g, '');
}

function valueText(v: unknown): string {
  if (v === undefined) return '(absent)';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/** An aligned plain-text table, or a Markdown table. */
export function renderTable(
  headers: readonly string[],
  rows: readonly string[][],
  markdown: boolean,
): string {
  if (markdown) {
    const cell = (c: string) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    return [
      `| ${headers.map(cell).join(' | ')} |`,
      `| ${headers.map(() => '---').join(' | ')} |`,
      ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    ].join('\n');
  }
  const widths = headers.map((h, i) =>
    Math.min(60, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))),
  );
  const line = (cells: readonly string[]) =>
    `    ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The replacement note of a changed attribute: certain, conditional, or none. */
function replacementNote(c: ChangedResource, argument: string): string {
  if (c.forcesReplacement.some((a) => touches(a, argument))) return 'forces replacement';
  const conditional = c.mayForceReplacement.find((m) => touches(m.argument, argument));
  if (!conditional) return '';
  return conditional.holds
    ? `forces replacement (${conditional.when})`
    : `may force replacement (${conditional.when})`;
}
