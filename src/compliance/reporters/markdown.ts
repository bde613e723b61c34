import type { Report, RuleStatus } from '../engine';
import { failingFindings } from '../engine';
import type { Severity } from '../rule';
import type { Rule } from '../rule';
import type { Provenance } from '../provenance';
import { provenanceLine } from '../provenance';
import { comparePci, principal, PCI_REQUIREMENTS } from './pci';
import type { StackGraph } from '../../tfjson/graph';
import { cdeBoundary } from '../../analysis/cde-boundary';
import type { ControlStatus } from '../security-hub';
import { controlResult, SECURITY_HUB_CONTROLS } from '../security-hub';

const CONTROL_STATUS: Record<ControlStatus, string> = {
  ...STATUS_TEXT(),
  account: 'account',
  deployed: 'deployed',
};

function STATUS_TEXT(): Record<RuleStatus, string> {
  return {
    pass: 'pass',
    fail: '**FAIL**',
    unknown: '**UNKNOWN**',
    suppressed: 'suppressed',
    'n/a': 'n/a',
  };
}

const STATUS: Record<RuleStatus, string> = STATUS_TEXT();

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function equivalents(r: Rule): string {
  const e = r.equivalents;
  return [
    ...(e.checkov ?? []),
    ...(e.trivy ?? []),
    ...(e.kics ?? []).map((k) => `KICS ${k}`),
    ...(e.securityHub ?? []).map((s) => `SH ${s}`),
    ...(e.cdkNag ?? []),
  ].join(', ');
}

/**
 * The auditor's view (`docs/compliance.md`): where it came from, the stacks (profile, compute,
 * database), PCI DSS v4.0 requirement -> rules -> status per stack, then the suppressions with
 * their reasons and the rule catalogue.
 */
export function renderMarkdown(
  report: Report,
  failOn: Severity,
  provenance?: Provenance,
  /** The stacks' graphs: with them the report states each CDE boundary and the Security Hub table. */
  graphs?: readonly StackGraph[],
): string {
  const stacks = report.stacks;
  const out: string[] = [];
  out.push('# Compliance report (PCI DSS v4.0)');
  out.push('');
  if (provenance) {
    out.push(provenanceLine(provenance, report.tool.name));
    out.push('');
  }
  out.push(
    'Generated from the synthesized Terraform JSON by the compliance gate (`npm run check:docs` for the default environments, or `npm run check -- --format markdown`); do not edit by hand.',
  );
  out.push(
    `${report.rules.length} rules. Status per stack: pass, **FAIL**, **UNKNOWN** (a value Terraform computes at apply time, which fails the gate like a finding), suppressed (every finding covered by a reviewed suppression, listed below) or n/a (no resource the rule applies to, or a prod-only rule in a non-prod stack).`,
  );
  out.push('');
  out.push(
    '| Stack | Profile | Compute | Database | Resources | Pass | Fail | Unknown | Suppressed | n/a | Open findings |',
  );
  out.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const s of stacks) {
    const v = Object.values(s.status);
    const n = (st: RuleStatus) => v.filter((x) => x === st).length;
    out.push(
      `| ${s.stack} | ${s.profile ?? 'non-prod'} | ${s.shape.compute ?? '-'} | ${s.shape.database ?? '-'} | ${s.resourceCount} | ${n('pass')} | ${n('fail')} | ${n('unknown')} | ${n('suppressed')} | ${n('n/a')} | ${s.findings.filter((f) => !f.suppression).length} |`,
    );
  }
  out.push('');

  const byReq = new Map<string, Map<string, Rule[]>>();
  for (const r of report.rules) {
    for (const req of r.pci) {
      const p = principal(req);
      const group = byReq.get(p) ?? new Map<string, Rule[]>();
      group.set(req, [...(group.get(req) ?? []), r]);
      byReq.set(p, group);
    }
  }
  const failing = failingFindings(report, failOn).length;
  const errors = [...report.suppressionErrors, ...report.engineErrors];
  out.push(
    failing === 0 && errors.length === 0
      ? `**Gate result: PASS** (no unsuppressed finding at ${failOn} or above, no suppression error).`
      : `**Gate result: FAIL** (${failing} unsuppressed finding(s) at ${failOn} or above, ${errors.length} suppression or engine error(s)).`,
  );
  if (errors.length > 0) {
    out.push('');
    out.push('Errors:');
    out.push('');
    for (const e of errors) out.push(`- ${e}`);
  }
  out.push('');
  out.push('## Requirements');
  for (const p of [...byReq.keys()].sort(comparePci)) {
    out.push('');
    out.push(`### Requirement ${p}: ${PCI_REQUIREMENTS[p] ?? ''}`);
    out.push('');
    out.push(`| Req | Rule | Severity | Title | ${stacks.map((s) => cell(s.stack)).join(' | ')} |`);
    out.push(`|---|---|---|---|${stacks.map(() => '---').join('|')}|`);
    const group = byReq.get(p)!;
    for (const req of [...group.keys()].sort(comparePci)) {
      for (const r of group.get(req)!) {
        out.push(
          `| ${req} | ${r.id} | ${r.severity} | ${cell(r.title)} | ${stacks.map((s) => STATUS[s.status[r.id] ?? 'n/a']).join(' | ')} |`,
        );
      }
    }
  }

  if (graphs) {
    out.push(...securityHubSection(report, graphs));
    out.push(...cdeSection(report, graphs));
  }

  out.push('');
  out.push('## Open findings');
  out.push('');
  const open = stacks.flatMap((s) => s.findings.filter((f) => !f.suppression));
  if (open.length === 0) out.push('None.');
  else {
    out.push('| Stack | Rule | Severity | Resource | Finding |');
    out.push('|---|---|---|---|---|');
    for (const f of open)
      out.push(
        `| ${f.stack} | ${f.ruleId} | ${f.severity} | \`${f.address}\` | ${cell(f.message)} |`,
      );
  }

  out.push('');
  out.push(`## Suppressions applied (from \`${report.suppressionsFile}\`)`);
  out.push('');
  if (report.applied.length === 0) out.push('None.');
  else {
    out.push('| # | Rule | Resource | Expires | Findings | Reason |');
    out.push('|---|---|---|---|---|---|');
    for (const s of report.applied) {
      out.push(
        `| ${s.index + 1} | ${s.rule} | \`${s.resource}\` | ${s.expires ?? '-'} | ${s.matches.length} | ${cell(s.reason)} |`,
      );
    }
  }
  if (report.dormant.length > 0) {
    out.push('');
    out.push('Dormant (not active in any stack checked):');
    out.push('');
    for (const d of report.dormant) out.push(`- ${d}`);
  }

  out.push('');
  out.push('## Rule catalogue');
  out.push('');
  out.push(
    'Catalogue row: the row of the [scanner catalogue](scanner-catalogue.md) the rule implements.',
  );
  out.push('');
  out.push(
    '| Rule | Severity | Title | Catalogue row | PCI DSS v4.0 | Equivalent scanner rules | Remediation |',
  );
  out.push('|---|---|---|---|---|---|---|');
  for (const r of report.rules) {
    const row = r.catalogue?.split('/').join(', ') ?? '-';
    out.push(
      `| ${r.id} | ${r.severity} | ${cell(r.title)} | ${row} | ${r.pci.join(', ')} | ${cell(equivalents(r))} | ${cell(r.remediation)} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

/**
 * The Security Hub CSPM controls an assessor will run (src/compliance/security-hub.ts) and
 * whether each stack would pass, with the reason.
 */
function securityHubSection(report: Report, graphs: readonly StackGraph[]): string[] {
  const stacks = report.stacks;
  const graphOf = (name: string) => graphs.find((g) => g.name === name);
  const out: string[] = ['', '## Security Hub controls an assessor will run', ''];
  out.push(
    'The AWS Security Hub CSPM controls for the resource types these stacks create, with the PCI DSS v4.0.1 requirement Security Hub maps each to (- where it maps none), and whether each stack would pass, decided like the gate: by the gate rules that check the same thing, or from the JSON. **account**: an account-wide setting, which the account baseline owns, not a stack. **deployed**: decided by the running resources, not the JSON. Status per stack, then why (with the stacks each reason applies to, where they differ).',
  );
  out.push('');
  out.push(
    `| Control | Title | PCI DSS v4.0.1 | ${stacks.map((s) => cell(s.stack)).join(' | ')} | Why |`,
  );
  out.push(`|---|---|---|${stacks.map(() => '---').join('|')}|---|`);
  for (const control of SECURITY_HUB_CONTROLS) {
    const results = stacks.map((s) => controlResult(control, s, graphOf(s.stack)));
    // One reason when the stacks agree, else each reason with the stacks it applies to.
    const whys = [...new Set(results.map((r) => r.why))];
    const why =
      whys.length === 1
        ? whys[0]!
        : whys
            .map(
              (w) =>
                `${w} (${stacks
                  .filter((_, i) => results[i]!.why === w)
                  .map((s) => s.stack)
                  .join(', ')})`,
            )
            .join('; ');
    out.push(
      `| ${control.id} | ${cell(control.title)} | ${control.pci.join(', ') || '-'} | ${results.map((r) => CONTROL_STATUS[r.status]).join(' | ')} | ${cell(why)} |`,
    );
  }
  return out;
}

/** Each stack's CDE boundary (PCI DSS 1.2.3, 1.2.4): subnets, security groups, services. */
function cdeSection(report: Report, graphs: readonly StackGraph[]): string[] {
  const out: string[] = ['', '## Cardholder data environment boundary', ''];
  out.push(
    'Computed from each stack by src/analysis/cde-boundary.ts (the diagrams use the same): **cde** holds what stores, processes or transmits card data; **connected** can reach the CDE or affects its security. Subnets and security groups carry the same scope as their `PciDssScope` tag (PAY-VPC-010).',
  );
  for (const s of report.stacks) {
    const graph = graphs.find((g) => g.name === s.stack);
    if (!graph) continue;
    const boundary = cdeBoundary(graph);
    out.push('', `### ${s.stack}`, '', '| Scope | Kind | Resource | Why |', '|---|---|---|---|');
    for (const [kind, members] of [
      ['service', boundary.services],
      ['subnet', boundary.subnets],
      ['security group', boundary.securityGroups],
    ] as const) {
      for (const m of members)
        out.push(`| ${m.scope} | ${kind} | \`${m.address}\` | ${cell(m.reason)} |`);
    }
  }
  return out;
}
