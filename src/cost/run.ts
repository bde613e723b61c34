/**
 * `npm run cost` as a function of typed options (tests drive it without a process): load the
 * synthesized stacks through the gate's loader, estimate each, check the budget and the
 * price table's age, write the report. Exit codes: 0 fine (warnings included), 1 a prod stack
 * over budget or the price table older than --max-price-age; bad input throws an `InputProblem` (exit 2).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageProblem } from '../errors/problems';
import { writeFileAtomic } from '../files/write-atomic';
import { readStacks } from '../tfjson/load';
import type { UsageName } from '../config/profiles';
import { checkBudget } from './budget';
import type { CostCurve } from './curve';
import { costCurve, renderCurveSvg } from './curve';
import { renderCostDocs } from './docs';
import { estimateStack } from './estimate';
import {
  DEFAULT_MAX_PRICE_AGE_DAYS,
  doubtfulRows,
  PRICES,
  PRICES_RESEARCHED,
  priceAgeDays,
  pricesFor,
  SUPPLY_PRICES_HINT,
} from './prices';
import { readPriceFile } from './price-file';
import type { CostReport } from './report';
import { renderCostJson, renderCostMarkdown, renderCostTable } from './report';
import type { UsageOverrides } from './usage';
import { parseUsageFile, UsageError, usageFor } from './usage';

export const COST_FORMATS = ['table', 'json', 'markdown'] as const;
export type CostFormat = (typeof COST_FORMATS)[number];

export interface CostOptions {
  /** Synthesized output; `undefined`: the gate's (CDKTF_OUTDIR, cdktf.json "output", cdktf.out). */
  readonly dir: string | undefined;
  /** Only these stacks (empty: every stack). */
  readonly stacks: readonly string[];
  readonly usage: UsageName;
  /** JSON usage keys that override the profile's. */
  readonly usageFile: string | undefined;
  /** JSON prices of Regions the table lacks (src/cost/price-file.ts). */
  readonly prices?: string | undefined;
  readonly format: CostFormat;
  readonly output: string | undefined;
  /** Fail when the price table is older (undefined: only warn after the default). */
  readonly maxPriceAge: number | undefined;
  readonly allowOverBudget: boolean;
  readonly curve: boolean;
  readonly peak: number | undefined;
  readonly svg: string | undefined;
  /** The date the price age is measured at (default: today). */
  readonly today: string | undefined;
  /** The docs/cost.md report. */
  readonly docs: boolean;
  /** Table format: every priced line and unpriced resource. */
  readonly verbose: boolean;
}

export interface CostIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Today as YYYY-MM-DD. */
  readonly today: string;
  /** Environment, for the default output folder (CDKTF_OUTDIR). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export function runCost(o: CostOptions, io: CostIo): number {
  if ((o.peak !== undefined || o.svg !== undefined) && !o.curve)
    throw new UsageProblem('--peak and --svg need --curve');
  let overrides: UsageOverrides = {};
  if (o.usageFile) {
    const path = resolve(io.cwd, o.usageFile);
    if (!existsSync(path)) throw new UsageError(`${o.usageFile}: no such usage file`);
    overrides = parseUsageFile(o.usageFile, readFileSync(path, 'utf8'));
  }
  const stacks = readStacks(o.dir, o.stacks, io);
  if (o.docs) {
    const text = renderCostDocs(stacks);
    if (o.output) writeFileAtomic(resolve(io.cwd, o.output), text);
    else io.stdout(text);
    return 0;
  }
  const today = o.today ?? io.today;
  const ageDays = priceAgeDays(today);
  const curves: CostCurve[] = [];
  const extraPrices = o.prices ? readPriceFile(resolve(io.cwd, o.prices), o.prices) : {};
  // A stack in a Region without prices is reported, not estimated; the others still are.
  const regionOf = (graph: (typeof stacks)[number]) => graph.region ?? 'us-east-1';
  const unpriced = stacks.filter((g) => !(extraPrices[regionOf(g)] ?? PRICES[regionOf(g)]));
  const doubtful = new Set<string>();
  const estimates = stacks
    .filter((g) => !unpriced.includes(g))
    .map((graph) => {
      const region = regionOf(graph);
      const prices = pricesFor(region, extraPrices);
      const { unverified, thirdParty } = doubtfulRows(prices);
      if (unverified.length > 0 && !extraPrices[region])
        doubtful.add(
          `cost: ${region} prices: ${unverified.length} [unverified] rows (inferred, no source for this Region: ${unverified.join(', ')}) and ${thirdParty.length} third-party rows; docs/prices-regions.md says from what`,
        );
      const usage = usageFor(graph.profile, o.usage, overrides);
      const estimate = estimateStack(
        graph,
        usage,
        o.usageFile ? `${o.usage} + ${o.usageFile}` : o.usage,
        prices,
        region,
      );
      if (o.curve) {
        const peak = o.peak ?? 2 * usageFor(graph.profile, 'large').requestsPerSecond;
        curves.push(costCurve(graph, usage, prices, region, peak));
      }
      return { estimate, budget: checkBudget(graph, estimate.monthlyUsd) };
    });
  const report: CostReport = {
    estimates,
    priceAgeDays: ageDays,
    maxPriceAgeDays: o.maxPriceAge ?? DEFAULT_MAX_PRICE_AGE_DAYS,
    curves,
  };
  const text =
    o.format === 'json'
      ? renderCostJson(report)
      : o.format === 'markdown'
        ? renderCostMarkdown(report)
        : renderCostTable(report, o.verbose);
  if (o.output) writeFileAtomic(resolve(io.cwd, o.output), text);
  else io.stdout(text);
  for (const c of curves) {
    const file =
      o.svg && curves.length === 1
        ? o.svg
        : o.svg
          ? o.svg.replace(/(\.svg)?$/, `-${c.stack}.svg`)
          : `cost-curve-${c.stack}.svg`;
    writeFileAtomic(resolve(io.cwd, file), renderCurveSvg(c));
    io.stderr(`cost: chart of ${c.stack} written to ${file}\n`);
  }

  let code = 0;
  for (const line of doubtful) io.stderr(`${line}\n`);
  for (const graph of unpriced) {
    const prod = graph.profile === 'prod';
    io.stderr(
      `cost: ${graph.name} (${regionOf(graph)}) is unpriced: ${regionOf(graph)} is not in the price table; ${SUPPLY_PRICES_HINT}${prod ? ' (prod: failing until its prices are supplied)' : ''}\n`,
    );
    if (prod) code = 1;
  }
  if (ageDays > report.maxPriceAgeDays) {
    io.stderr(
      `cost: the price table is ${ageDays} days old (researched ${PRICES_RESEARCHED}, src/cost/prices.ts), older than ${report.maxPriceAgeDays} days\n`,
    );
    if (o.maxPriceAge !== undefined) code = 1;
  }
  for (const { estimate, budget } of estimates) {
    if (!budget?.over) continue;
    const fails = budget.fails && !o.allowOverBudget;
    io.stderr(
      `cost: ${estimate.stack} is estimated at ${estimate.monthlyUsd.toFixed(2)} USD a month, over its monthlyBudgetUsd of ${budget.budgetUsd}${fails ? ' (prod: failing; --allow-over-budget overrides)' : ' (warning)'}\n`,
    );
    if (fails) code = 1;
  }
  return code;
}
