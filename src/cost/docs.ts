/**
 * docs/cost.md: every committed environment at idle line by line, and its total at each usage
 * profile. The price age is measured at the research date, so the document changes only when
 * the stacks or the prices do (the age warning belongs to live runs).
 */
import type { StackGraph } from '../tfjson/graph';
import { USAGE_NAMES } from '../config/profiles';
import { checkBudget } from './budget';
import { estimateStack } from './estimate';
import { DEFAULT_MAX_PRICE_AGE_DAYS, pricesFor } from './prices';
import { renderCostMarkdown } from './report';
import { usageFor } from './usage';

export function renderCostDocs(graphs: readonly StackGraph[]): string {
  const estimates = graphs.map((graph) => {
    const region = graph.region ?? 'us-east-1';
    const estimate = estimateStack(
      graph,
      usageFor(graph.profile, 'idle'),
      'idle',
      pricesFor(region),
      region,
    );
    return { estimate, budget: checkBudget(graph, estimate.monthlyUsd) };
  });
  const body = renderCostMarkdown(
    { estimates, priceAgeDays: 0, maxPriceAgeDays: DEFAULT_MAX_PRICE_AGE_DAYS, curves: [] },
    'Cost estimate of the committed environments',
  );
  const rows = graphs.map((graph) => {
    const region = graph.region ?? 'us-east-1';
    const totals = USAGE_NAMES.map((u) =>
      estimateStack(
        graph,
        usageFor(graph.profile, u),
        u,
        pricesFor(region),
        region,
      ).monthlyUsd.toFixed(2),
    );
    return `| ${graph.name} | ${totals.join(' | ')} |`;
  });
  const profiles = [
    '## By usage profile',
    '',
    'USD a month at each usage profile of the environment (`src/config/profiles.ts`, `USAGE_PROFILES`; `npm run cost -- --usage <profile>`).',
    '',
    `| stack | ${USAGE_NAMES.join(' | ')} |`,
    `| --- | ${USAGE_NAMES.map(() => '---:').join(' | ')} |`,
    ...rows,
    '',
  ];
  const [head, ...rest] = body.split('\n## ');
  return `${head!.trimEnd()}\n\n${profiles.join('\n')}\n## ${rest.join('\n## ')}`;
}
