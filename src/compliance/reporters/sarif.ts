import { pathToFileURL } from 'node:url';
import type { Report } from '../engine';
import type { Severity } from '../rule';

/** The OASIS schema URL GitHub's SARIF documentation uses. */
export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
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

/**
 * SARIF 2.1.0: one run, the rules as `tool.driver.rules`, one result per finding located at
 * the resource's line in its `cdk.tf.json`; suppressed findings carry `suppressions`.
 */
export function renderSarif(
  report: Report,
  lineOf: (file: string, address: string) => number,
  /** Absolute URL of the rule documentation (see `sarifHelpBase`). */
  helpBase: string,
): string {
  const helpUri = `${helpBase}#${RULE_CATALOGUE_ANCHOR}`;
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: report.rules.map((r) => ({
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
            })),
          },
        },
        results: report.stacks.flatMap((s) =>
          s.findings.map((f) => ({
            ruleId: f.ruleId,
            ruleIndex: index.get(f.ruleId),
            level: LEVEL[f.severity],
            message: { text: `${f.address}: ${f.message}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: f.file.replace(/\\/g, '/') },
                  region: { startLine: lineOf(f.file, f.address) },
                },
                logicalLocations: [
                  { fullyQualifiedName: `${f.stack}/${f.address}`, kind: 'resource' },
                ],
              },
            ],
            partialFingerprints: { resource: `${f.stack}/${f.address}/${f.ruleId}` },
            // A value computed at apply time: the property bag says the gate could not check it.
            ...(f.unknown ? { properties: { unknown: true } } : {}),
            ...(f.suppression
              ? { suppressions: [{ kind: 'external', justification: f.suppression.reason }] }
              : {}),
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
