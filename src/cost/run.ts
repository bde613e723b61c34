/**
 * `npm run cost` as a function of its arguments (tests drive it without a process): load the
 * synthesized stacks through the gate's loader, estimate each, check the budget and the
 * price table's age, write the report. Exit codes: 0 fine (warnings included), 1 a prod stack
 * over budget or the price table older than --max-price-age, 2 bad input or usage.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../tfjson/graph';
import { loadStacks } from '../tfjson/load';
import { defaultOutdir, OutdirError } from '../tfjson/outdir';
import type { UsageName } from '../config/profiles';
import { USAGE_NAMES } from '../config/profiles';
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
  PriceError,
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
type CostFormat = (typeof COST_FORMATS)[number];

export const COST_USAGE = `Usage: npm run cost -- [options]
  --dir <folder>           synthesized output (default the gate's: CDKTF_OUTDIR, cdktf.json "output", cdktf.out)
  --stack <name>           only this stack (repeatable; default every stack)
  --usage <profile>        ${USAGE_NAMES.join(', ')} (default idle: no traffic, fixed costs only)
  --usage-file <file>      JSON usage keys that override the profile's (README: Cost estimate)
  --prices <file>          prices of a Region the table lacks: { "<region>": { <every key of src/cost/price-types.ts> } }
  --format <format>        ${COST_FORMATS.join(', ')} (default table)
  --output <file>          write the report to a file instead of standard output
  --max-price-age <days>   fail when the price table is older (default: only warn after ${DEFAULT_MAX_PRICE_AGE_DAYS})
  --allow-over-budget      a prod stack over monthlyBudgetUsd warns instead of failing
  --curve                  add the cost at load levels from idle to --peak
  --peak <rps>             peak requests per second of the curve (default: 2 x the large profile's)
  --svg <file>             chart file of the curve (default cost-curve-<stack>.svg)
  --today <YYYY-MM-DD>     date the price age is measured at (default today)
  --docs                   the docs/cost.md report (every stack at idle and its usage-profile totals)
  --help                   this text`;

interface CostOptions {
  dir: string | undefined;
  stacks: string[];
  usage: UsageName;
  usageFile: string | undefined;
  prices: string | undefined;
  format: CostFormat;
  output: string | undefined;
  maxPriceAge: number | undefined;
  allowOverBudget: boolean;
  curve: boolean;
  peak: number | undefined;
  svg: string | undefined;
  today: string | undefined;
  docs: boolean;
}

class ArgError extends Error {}

function parseArgs(args: readonly string[]): CostOptions | 'help' {
  const o: CostOptions = {
    dir: undefined,
    stacks: [],
    usage: 'idle',
    usageFile: undefined,
    prices: undefined,
    format: 'table',
    output: undefined,
    maxPriceAge: undefined,
    allowOverBudget: false,
    curve: false,
    peak: undefined,
    svg: undefined,
    today: undefined,
    docs: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new ArgError(`${flag} needs a value`);
      return v;
    };
    const positive = (example: string): number => {
      const v = value();
      const n = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || n <= 0)
        throw new ArgError(`${flag} "${v}" is not a number above 0. Example: ${flag} ${example}`);
      return n;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--dir':
        o.dir = value();
        break;
      case '--stack':
        o.stacks.push(value());
        break;
      case '--usage': {
        const v = value();
        if (!(USAGE_NAMES as readonly string[]).includes(v))
          throw new ArgError(
            `--usage "${v}" is not one of ${USAGE_NAMES.join(', ')}. Example: --usage medium`,
          );
        o.usage = v as UsageName;
        break;
      }
      case '--prices':
        o.prices = value();
        break;
      case '--usage-file':
        o.usageFile = value();
        break;
      case '--format': {
        const v = value();
        if (!(COST_FORMATS as readonly string[]).includes(v))
          throw new ArgError(
            `--format "${v}" is not one of ${COST_FORMATS.join(', ')}. Example: --format json`,
          );
        o.format = v as CostFormat;
        break;
      }
      case '--output':
        o.output = value();
        break;
      case '--max-price-age':
        o.maxPriceAge = positive('90');
        break;
      case '--docs':
        o.docs = true;
        break;
      case '--allow-over-budget':
        o.allowOverBudget = true;
        break;
      case '--curve':
        o.curve = true;
        break;
      case '--peak':
        o.peak = positive('500');
        break;
      case '--svg':
        o.svg = value();
        break;
      case '--today': {
        const v = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
          throw new ArgError(
            `--today "${v}" is not a YYYY-MM-DD date. Example: --today 2026-12-01`,
          );
        o.today = v;
        break;
      }
      default:
        throw new ArgError(`unknown argument "${arg}"`);
    }
  }
  if ((o.peak !== undefined || o.svg !== undefined) && !o.curve)
    throw new ArgError('--peak and --svg need --curve');
  return o;
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

/** Writes through a temporary file and a rename, so a report is never half-written. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

export function runCost(args: readonly string[], io: CostIo): number {
  let o: CostOptions | 'help';
  try {
    o = parseArgs(args);
  } catch (error) {
    if (!(error instanceof ArgError)) throw error;
    io.stderr(`cost: ${error.message}\n${COST_USAGE}\n`);
    return 2;
  }
  if (o === 'help') {
    io.stdout(`${COST_USAGE}\n`);
    return 0;
  }
  try {
    let overrides: UsageOverrides = {};
    if (o.usageFile) {
      const path = resolve(io.cwd, o.usageFile);
      if (!existsSync(path)) throw new UsageError(`${o.usageFile}: no such usage file`);
      overrides = parseUsageFile(o.usageFile, readFileSync(path, 'utf8'));
    }
    const dir = o.dir ?? defaultOutdir(io.cwd, io.env ?? {});
    let stacks = loadStacks(resolve(io.cwd, dir), io.cwd).map((s) => s.graph);
    if (o.stacks.length > 0) {
      const names = stacks.map((s) => s.name);
      const missing = o.stacks.filter((s) => !names.includes(s));
      if (missing.length > 0)
        throw new UsageError(
          `--stack ${missing.join(', ')}: no such stack in ${dir} (stacks: ${names.join(', ')})`,
        );
      stacks = stacks.filter((s) => o.stacks.includes(s.name));
    }
    if (o.docs) {
      const text = renderCostDocs(stacks);
      if (o.output) writeAtomically(resolve(io.cwd, o.output), text);
      else io.stdout(text);
      return 0;
    }
    const today = o.today ?? io.today;
    const ageDays = priceAgeDays(today);
    const curves: CostCurve[] = [];
    const extraPrices = o.prices ? readPriceFile(resolve(io.cwd, o.prices), o.prices) : {};
    // A stack in a Region without prices is reported, not estimated; the others still are.
    const unpriced = stacks.filter(
      (g) => !(extraPrices[g.region ?? 'us-east-1'] ?? PRICES[g.region ?? 'us-east-1']),
    );
    const priced = stacks.filter((g) => !unpriced.includes(g));
    const doubtful = new Set<string>();
    const estimates = priced.map((graph) => {
      const region = graph.region ?? 'us-east-1';
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
          : renderCostTable(report);
    if (o.output) writeAtomically(resolve(io.cwd, o.output), text);
    else io.stdout(text);
    for (const c of curves) {
      const file =
        o.svg && curves.length === 1
          ? o.svg
          : o.svg
            ? o.svg.replace(/(\.svg)?$/, `-${c.stack}.svg`)
            : `cost-curve-${c.stack}.svg`;
      writeAtomically(resolve(io.cwd, file), renderCurveSvg(c));
      io.stderr(`cost: chart of ${c.stack} written to ${file}\n`);
    }

    let code = 0;
    for (const line of doubtful) io.stderr(`${line}\n`);
    for (const graph of unpriced) {
      const prod = graph.profile === 'prod';
      io.stderr(
        `cost: ${graph.name} (${graph.region}) is unpriced: ${graph.region} is not in the price table; ${SUPPLY_PRICES_HINT}${prod ? ' (prod: failing until its prices are supplied)' : ''}\n`,
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
  } catch (error) {
    if (
      error instanceof InputError ||
      error instanceof UsageError ||
      error instanceof PriceError ||
      error instanceof OutdirError
    ) {
      io.stderr(`cost: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
