/** `npm run cost`: the offline monthly estimate of the synthesized stacks. */
import { USAGE_NAMES } from '../../config/profiles';
import { DEFAULT_MAX_PRICE_AGE_DAYS } from '../../cost/prices';
import { COST_FORMATS, runCost } from '../../cost/run';
import { defineCommand } from '../contract';
import { ENVIRONMENT_OPTIONS, OUTPUT_FOLDER_OPTION, STACK_OPTION, selectionOf } from './shared';
import { selectedStackNames } from '../../config/environments';

export const costCommand = defineCommand({
  name: 'cost',
  summary:
    'Estimates the monthly cost of the synthesized stacks offline, from the researched price table, and checks each against its monthlyBudgetUsd.',
  options: {
    dir: OUTPUT_FOLDER_OPTION,
    stack: STACK_OPTION,
    ...ENVIRONMENT_OPTIONS,
    usage: {
      type: 'string',
      value: 'profile',
      example: 'medium',
      choices: USAGE_NAMES,
      help: `usage profile: ${USAGE_NAMES.join(', ')} (default idle: no traffic, fixed costs only)`,
    },
    'usage-file': {
      type: 'string',
      value: 'file',
      example: 'usage.json',
      help: "JSON usage keys that override the profile's (docs/architecture.md: Cost estimate)",
    },
    prices: {
      type: 'string',
      value: 'file',
      example: 'prices.json',
      help: 'prices of a Region the table lacks: { "<region>": { <every key of src/cost/price-types.ts> } } (docs/architecture.md: Cost estimate)',
    },
    format: {
      type: 'string',
      value: 'format',
      example: 'json',
      choices: COST_FORMATS,
      help: `${COST_FORMATS.join(', ')} (default table)`,
    },
    output: {
      type: 'string',
      value: 'file',
      example: 'cost.md',
      help: 'write the report to a file instead of standard output',
    },
    'max-price-age': {
      type: 'number',
      value: 'days',
      example: '90',
      above: 0,
      help: `fail when the price table is older (default: only warn after ${DEFAULT_MAX_PRICE_AGE_DAYS})`,
    },
    'allow-over-budget': {
      type: 'boolean',
      help: 'a prod stack over monthlyBudgetUsd warns instead of failing',
    },
    curve: { type: 'boolean', help: 'add the cost at load levels from idle to --peak' },
    peak: {
      type: 'number',
      value: 'rps',
      example: '500',
      above: 0,
      help: "peak requests per second of the curve (default: 2 x the large profile's)",
    },
    svg: {
      type: 'string',
      value: 'file',
      example: 'cost-curve.svg',
      help: 'chart file of the curve (default cost-curve-<stack>.svg)',
    },
    today: {
      type: 'string',
      value: 'YYYY-MM-DD',
      example: '2026-12-01',
      pattern: { regex: /^\d{4}-\d{2}-\d{2}$/, rule: 'is not a YYYY-MM-DD date' },
      help: 'date the price age is measured at (default today)',
    },
    docs: {
      type: 'boolean',
      help: 'the docs/cost.md report (every stack at idle and its usage-profile totals)',
    },
  },
  examples: ['npm run cost', 'npm run cost -- --usage medium --format markdown --output cost.md'],
  run: ({ options }, io) =>
    runCost(
      {
        dir: options.dir,
        stacks: [
          ...options.stack,
          ...(selectedStackNames(selectionOf(options), io.cwd, io.env) ?? []),
        ],
        usage: options.usage ?? 'idle',
        usageFile: options['usage-file'],
        prices: options.prices,
        format: options.format ?? 'table',
        output: options.output,
        maxPriceAge: options['max-price-age'],
        allowOverBudget: options['allow-over-budget'],
        curve: options.curve,
        peak: options.peak,
        svg: options.svg,
        today: options.today,
        docs: options.docs,
        verbose: io.verbose,
      },
      io,
    ),
});
