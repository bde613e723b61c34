import type { Finding, Report } from '../engine';
import { failingFindings } from '../engine';
import type { Severity } from '../rule';
import { SEVERITIES, severityRank } from '../rule';
import { comparePci, principal, PCI_REQUIREMENTS } from './pci';

export interface TableOptions {
  readonly colour: boolean;
  readonly failOn: Severity;
  /** List every suppression applied with its reason, and the dormant ones (default: a count). */
  readonly verbose?: boolean;
}

const COLOURS: Record<Severity | 'ok' | 'dim' | 'bold', string> = {
  critical: '\x1b[1;31m',
  high: '\x1b[31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  info: '\x1b[2m',
  ok: '\x1b[32m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
};

/** The terminal report: per stack, findings by severity, then by PCI requirement. */
export function renderTable(report: Report, options: TableOptions): string {
  const paint = (kind: keyof typeof COLOURS, text: string) =>
    options.colour ? `${COLOURS[kind]}${text}\x1b[0m` : text;
  const lines: string[] = [];
  const ruleById = new Map(report.rules.map((r) => [r.id, r]));
  lines.push(
    paint(
      'bold',
      `Compliance gate: ${report.rules.length} rules, ${report.stacks.length} stack(s), failing at ${options.failOn} and above`,
    ),
  );

  for (const stack of report.stacks) {
    const open = stack.findings.filter((f) => !f.suppression);
    const counts = SEVERITIES.slice()
      .reverse()
      .map((s) => `${s} ${open.filter((f) => f.severity === s).length}`)
      .join(', ');
    const statuses = Object.values(stack.status);
    lines.push('');
    lines.push(
      paint('bold', `${stack.stack}`) +
        ` (${stack.file}, ${stack.resourceCount} resources, profile ${stack.profile ?? 'non-prod'}` +
        `, compute ${stack.shape.compute ?? 'none'}, database ${stack.shape.database ?? 'none'})`,
    );
    lines.push(
      `  rules: ${statuses.filter((s) => s === 'pass').length} pass, ${statuses.filter((s) => s === 'fail').length} fail, ` +
        `${statuses.filter((s) => s === 'unknown').length} unknown, ` +
        `${statuses.filter((s) => s === 'suppressed').length} suppressed, ${statuses.filter((s) => s === 'n/a').length} n/a`,
    );
    lines.push(`  open findings: ${counts}; suppressed: ${stack.findings.length - open.length}`);
    const sorted = [...open].sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId),
    );
    for (const f of sorted) {
      lines.push(
        `  ${paint(f.severity, f.severity.toUpperCase().padEnd(8))} ${f.ruleId.padEnd(12)} ${f.address}${f.unknown ? ' (unknown: computed at apply time)' : ''}`,
      );
      lines.push(`           ${f.message}`);
    }
    if (stack.uncoveredTypes.length > 0) {
      lines.push(
        paint('dim', `  note: no rule covers resource type(s) ${stack.uncoveredTypes.join(', ')}`),
      );
    }
  }

  const open = report.stacks.flatMap((s) => s.findings.filter((f) => !f.suppression));
  if (open.length > 0) {
    lines.push('');
    lines.push(paint('bold', 'Open findings by PCI DSS v4.0 requirement'));
    const byReq = new Map<string, Finding[]>();
    for (const f of open) {
      for (const req of ruleById.get(f.ruleId)?.pci ?? []) {
        const p = principal(req);
        byReq.set(p, [...(byReq.get(p) ?? []), f]);
      }
    }
    for (const req of [...byReq.keys()].sort(comparePci)) {
      const list = byReq.get(req)!;
      lines.push(
        `  Req ${req.padEnd(3)} ${String(list.length).padStart(3)}  ${PCI_REQUIREMENTS[req] ?? ''}`,
      );
    }
  }

  lines.push('');
  if (options.verbose) {
    lines.push(
      paint(
        'bold',
        `Suppressions applied (${report.applied.length}) from ${report.suppressionsFile}`,
      ),
    );
    for (const s of report.applied) {
      lines.push(
        `  #${s.index + 1} ${s.rule} ${s.resource}${s.expires ? ` (until ${s.expires})` : ''}: ${s.matches.length} finding(s)`,
      );
      lines.push(paint('dim', `     ${s.reason}`));
    }
    for (const d of report.dormant) lines.push(paint('dim', `  dormant: ${d}`));
  } else {
    const matched = report.applied.reduce((n, s) => n + s.matches.length, 0);
    lines.push(
      `Suppressions: ${report.applied.length} applied from ${report.suppressionsFile} to ${matched} finding(s); --verbose lists each with its reason`,
    );
  }
  for (const e of report.suppressionErrors) lines.push(paint('critical', `  error: ${e}`));
  for (const e of report.engineErrors) lines.push(paint('critical', `  engine error: ${e}`));

  const failing = failingFindings(report, options.failOn);
  const ok =
    failing.length === 0 &&
    report.suppressionErrors.length === 0 &&
    report.engineErrors.length === 0;
  lines.push('');
  lines.push(
    ok
      ? paint(
          'ok',
          `PASS: no unsuppressed finding at ${options.failOn} or above (${open.length} open below it)`,
        )
      : paint(
          'critical',
          `FAIL: ${failing.length} unsuppressed finding(s) at ${options.failOn} or above, ${report.suppressionErrors.length} suppression error(s)`,
        ),
  );
  return `${lines.join('\n')}\n`;
}
