import { ENVIRONMENT_TAG } from '../../../tfjson/markers';
import { baselineMarker } from '../../checks/baseline';
import { graphRule } from '../../rule';
import type { Violation } from '../../rule';

/** An organisation statement must say something an auditor can check. */
const MIN_STATEMENT_LENGTH = 20;

/**
 * A prod environment names who turns on its account's detective controls (trail, GuardDuty,
 * Security Hub, Config, ...): this project's baseline for its account and Region, or the
 * organisation, in words. Never silently nobody.
 */
export const acctBaselineDeclared = graphRule({
  id: 'PAY-ACCT-003',
  title:
    "Prod names its account baseline: the project's for its account and Region, or the organisation's",
  severity: 'high',
  resourceTypes: ['*'],
  pci: ['10.2.1', '11.5.1', '12.5.2'],
  equivalents: {},
  prodOnly: true,
  rationale:
    'The in-stack controls rest on account-level ones (a CloudTrail trail with data events, GuardDuty, Security Hub, AWS Config). An assessor asks who provides them; an environment that cannot answer may run in an account with none.',
  remediation:
    'In the environment file set accountBaseline: { "account": "<name>" } (config/accounts/<name>.json covering its account and Region, deployed with npm run synth -- --account <name>), or { "providedBy": "organisation", "statement": "<who provides the trail, GuardDuty, Security Hub and Config, and where>" }.',
  check(graph) {
    const marker = baselineMarker(graph);
    const at = (message: string): Violation[] => [{ address: 'local.account_baseline', message }];
    if (marker === undefined)
      return at("names no account baseline (neither the project's nor an organisation statement)");
    if (marker === 'malformed') return at('is not a baseline declaration this gate can read');
    if (marker.provider === 'self') return [];
    if (marker.provider === 'organisation')
      return marker.statement.trim().length >= MIN_STATEMENT_LENGTH
        ? []
        : at(`states only "${marker.statement}": say who provides the controls, and where`);
    const out: Violation[] = [];
    if (graph.region !== undefined && !marker.regions.includes(graph.region))
      out.push(
        ...at(
          `relies on account baseline ${marker.account}, which covers ${marker.regions.join(', ')} but not ${graph.region}`,
        ),
      );
    const environment = graph.defaultTags[ENVIRONMENT_TAG];
    if (marker.environments && environment && !marker.environments.includes(environment))
      out.push(
        ...at(
          `relies on account baseline ${marker.account}, whose trail does not record environment ${environment}'s buckets (add it to environments in config/accounts/${marker.account}.json)`,
        ),
      );
    const ids = graph.awsProvider?.['allowed_account_ids'];
    if (!Array.isArray(ids) || !ids.includes(marker.accountId))
      out.push(
        ...at(
          `relies on account baseline ${marker.account} of account ${marker.accountId}, which allowed_account_ids does not name`,
        ),
      );
    return out;
  },
});
