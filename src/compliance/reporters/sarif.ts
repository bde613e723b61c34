import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Report } from '../engine';
import type { Severity } from '../rule';

/** The OASIS schema URL GitHub's SARIF documentation uses. */
export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning reads `security-severity` (0.1-10) to rank security results. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

/** Heading of the rule table in `docs/compliance.md` (GitHub's anchor for it). */
export const RULE_CATALOGUE_ANCHOR = 'rule-catalogue';

/**
 * Absolute URL of `docs/compliance.md`, where every rule's rationale and remediation are
 * listed (`helpUri` must be an absolute URI). In GitHub Actions it is the file in the
 * repository at the analysed commit (from the default GITHUB_SERVER_URL, GITHUB_REPOSITORY
 * and GITHUB_SHA variables); elsewhere the local file.
 */
export function sarifHelpBase(
  env: Readonly<Record<string, string | undefined>>,
  docsFile: string,
  relativeDocs = 'docs/compliance.md',
): string {
  const server = env['GITHUB_SERVER_URL'];
  const repository = env['GITHUB_REPOSITORY'];
  if (server && repository) {
    return `${server.replace(/\/$/, '')}/${repository}/blob/${env['GITHUB_SHA'] || 'HEAD'}/${relativeDocs}`;
  }
  return pathToFileURL(docsFile).href;
}

/** Where a finding is shown: a file relative to the repository root and a 1-based line. */
export interface ResultLocation {
  readonly uri: string;
  readonly line: number;
}

export interface SarifLocator {
  /** The resource's line in the synthesized JSON it was read from (always known). */
  readonly json: (finding: Finding) => ResultLocation;
  /** The tracked source file that creates the resource, when it can be found. */
  readonly source?: (finding: Finding) => ResultLocation | undefined;
}

function physical(at: ResultLocation): Location['physicalLocation'] {
  return {
    artifactLocation: { uri: at.uri.replace(/\\/g, '/') },
    region: { startLine: at.line },
  };
}

/**
 * Code scanning matches a result across runs by this hash (it computes one from the line's
 * text when it is missing, which changes whenever the line is edited). Rule, stack and
 * address identify a finding whatever line it is shown at.
 */
export function primaryLocationLineHash(finding: Finding): string {
  const hash = createHash('sha256')
    .update(`${finding.ruleId}\0${finding.stack}\0${finding.address}`)
    .digest('hex');
  return `${hash.slice(0, 16)}:1`;
}

/**
 * SARIF 2.1.0: one run, the rules as `tool.driver.rules`, one result per finding. A result is
 * located at the source line that creates the resource (a file tracked in the repository, so
 * GitHub code scanning can show it), with the resource in the synthesized JSON as a related
 * location; without a source, at the JSON. Suppressed findings carry `suppressions`.
 */
export function renderSarif(
  report: Report,
  locator: SarifLocator,
  /** Absolute URL of the rule documentation (see `sarifHelpBase`). */
  helpBase: string,
): string {
  const helpUri = `${helpBase}#${RULE_CATALOGUE_ANCHOR}`;
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const rules: ReportingDescriptor[] = report.rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/-/g, ''),
    shortDescription: { text: r.title },
    fullDescription: { text: r.rationale },
    helpUri,
    help: {
      text: `${r.remediation}\nPCI DSS v4.0: ${r.pci.join(', ')}`,
    },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: ['security', 'terraform', ...r.pci.map((p) => `PCI-DSS-${p}`)],
      'security-severity': SECURITY_SEVERITY[r.severity],
      severity: r.severity,
      pci: r.pci,
      equivalents: r.equivalents,
    },
  }));
  const results: Result[] = report.stacks.flatMap((s) =>
    s.findings.map((f): Result => {
      const json = locator.json(f);
      const source = locator.source?.(f);
      return {
        ruleId: f.ruleId,
        ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId)! } : {}),
        level: LEVEL[f.severity],
        message: { text: `${f.address}: ${f.message}` },
        locations: [
          {
            physicalLocation: physical(source ?? json),
            logicalLocations: [{ fullyQualifiedName: `${f.stack}/${f.address}`, kind: 'resource' }],
          },
        ],
        ...(source
          ? {
              relatedLocations: [
                {
                  id: 0,
                  physicalLocation: physical(json),
                  message: { text: `${f.address} in the synthesized stack ${f.stack}` },
                },
              ],
            }
          : {}),
        partialFingerprints: {
          primaryLocationLineHash: primaryLocationLineHash(f),
          resource: `${f.stack}/${f.address}/${f.ruleId}`,
        },
        // A value computed at apply time: the property bag says the gate could not check it.
        ...(f.unknown ? { properties: { unknown: true } } : {}),
        ...(f.suppression
          ? { suppressions: [{ kind: 'external', justification: f.suppression.reason }] }
          : {}),
      };
    }),
  );
  const sarif: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules,
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
