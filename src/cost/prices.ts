/**
 * The dated price table the estimate uses: on-demand USD, before tax and discounts. Every row
 * names its source and the source's date; `PRICES_RESEARCHED` is when the table was last
 * checked as a whole. Rows marked `thirdParty` rest on a page other than AWS's own.
 *
 * Other Regions: `prices-regions.ts` (us-west-2, eu-west-1, eu-central-1). To add one, add a
 * `RegionPrices` object to `PRICES` (every key is required, so the type checker lists what is
 * missing), or supply it at run time with `npm run cost -- --prices <file>`. Until then the
 * estimate reports that Region's stacks as unpriced, and the budget rules as `unknown`.
 */
import { InputProblem } from '../errors/problems';

/** Hours in the month every estimate uses (the figure AWS examples and Infracost use). */
export const HOURS_PER_MONTH = 730;

/** The date the table was last researched as a whole (YYYY-MM-DD). */
export const PRICES_RESEARCHED = '2026-11-28';

/** Reports warn when the table is older than this many days (`--max-price-age` makes it fail). */
export const DEFAULT_MAX_PRICE_AGE_DAYS = 180;

import type { Price, RegionPrices } from './price-types';
import { EU_CENTRAL_1, EU_WEST_1, US_WEST_2 } from './prices-regions';

export type { Price, RegionPrices } from './price-types';

const INFRACOST = 'Infracost golden test files';
const AGENT_TOOLKIT = 'AWS agent-toolkit pricing notes';
const EVANGELIST = 'api-evangelist AWS pricing page harvest';

const US_EAST_1: RegionPrices = {
  natGatewayHour: {
    usd: 0.045,
    unit: 'hour',
    source: `${INFRACOST} (nat_gateway_test); ${EVANGELIST} (VPC)`,
    sourceDate: '2026-09-20',
  },
  natDataPerGb: {
    usd: 0.045,
    unit: 'GB',
    source: `${INFRACOST} (nat_gateway_test)`,
    sourceDate: '2024-07-01',
  },
  // Charged for every public IPv4 address, in use or idle, since 2024-02-01.
  publicIpv4Hour: {
    usd: 0.005,
    unit: 'hour',
    source: `${AGENT_TOOLKIT} (its cost-audit page); boto3 documentation`,
    sourceDate: '2026',
  },
  albHour: { usd: 0.0225, unit: 'hour', source: `${EVANGELIST} (ELB)`, sourceDate: '2026-09-20' },
  albLcuHour: {
    usd: 0.008,
    unit: 'LCU-hour',
    source: `${EVANGELIST} (ELB)`,
    sourceDate: '2026-09-20',
  },
  interfaceEndpointAzHour: {
    usd: 0.01,
    unit: 'endpoint-AZ-hour',
    source: `${INFRACOST} (vpc_endpoint_test)`,
    sourceDate: '2024-10-18',
  },
  interfaceEndpointDataPerGb: {
    usd: 0.01,
    unit: 'GB',
    source: `${INFRACOST} (vpc_endpoint_test)`,
    sourceDate: '2024-10-18',
  },
  dataOutPerGb: {
    usd: 0.09,
    unit: 'GB (first 10 TB)',
    source: `${INFRACOST} (nat_gateway_test notes)`,
    sourceDate: '2024-07-01',
  },
  auroraAcuHour: {
    usd: 0.12,
    unit: 'ACU-hour',
    source: `${AGENT_TOOLKIT} (acu_calculator.py); ${INFRACOST} (rds_cluster_instance_test)`,
    sourceDate: '2026-03-28',
  },
  auroraAcuHourIoOptimized: {
    usd: 0.156,
    unit: 'ACU-hour',
    source: `${AGENT_TOOLKIT} (acu_calculator.py)`,
    sourceDate: '2026-03-28',
  },
  auroraStorageGbMonth: {
    usd: 0.1,
    unit: 'GB-month',
    source: `${AGENT_TOOLKIT}; ${INFRACOST} (rds_cluster_test)`,
    sourceDate: '2026-03-28',
  },
  auroraIoPerMillion: {
    usd: 0.2,
    unit: '1M I/O requests',
    source: `${INFRACOST} (rds_cluster_test)`,
    sourceDate: '2024-07-01',
  },
  ec2Hour: {
    't3.small': {
      usd: 0.0208,
      unit: 'hour',
      source: `${AGENT_TOOLKIT} (EC2 cost table); ${INFRACOST}`,
      sourceDate: '2026-07-02',
    },
    't3.medium': {
      usd: 0.0416,
      unit: 'hour',
      source: `${INFRACOST} (instance_test)`,
      sourceDate: '2024-07-01',
    },
    'm7i.large': {
      usd: 0.1008,
      unit: 'hour',
      source: 'github.com/jpvelasco/fabrica internal/perforce cost tests',
      sourceDate: '2026',
      thirdParty: true,
    },
    'm7g.large': {
      usd: 0.0816,
      unit: 'hour',
      source: 'factualminds.com blog',
      sourceDate: '2026-06-17',
      thirdParty: true,
    },
  },
  ebsGp3GbMonth: {
    usd: 0.08,
    unit: 'GB-month',
    source: 'github.com/jpvelasco/fabrica gp3 estimator; CloudFormation cost breakdown examples',
    sourceDate: '2026',
    thirdParty: true,
  },
  fargateX86VcpuHour: {
    usd: 0.04048,
    unit: 'vCPU-hour',
    source: `${EVANGELIST} (ECS); ${INFRACOST} (ecs_service_test)`,
    sourceDate: '2026-09-20',
  },
  fargateX86GbHour: {
    usd: 0.004445,
    unit: 'GB-hour',
    source: `${EVANGELIST} (ECS); ${INFRACOST} (ecs_service_test)`,
    sourceDate: '2026-09-20',
  },
  fargateArmVcpuHour: {
    usd: 0.03238,
    unit: 'vCPU-hour',
    source: 'vantage.sh Fargate pricing',
    sourceDate: '2026',
    thirdParty: true,
  },
  fargateArmGbHour: {
    usd: 0.00356,
    unit: 'GB-hour',
    source: 'vantage.sh Fargate pricing',
    sourceDate: '2026',
    thirdParty: true,
  },
  wafWebAclMonth: {
    usd: 5,
    unit: 'web ACL-month',
    source: `${INFRACOST} (wafv2_web_acl_test)`,
    sourceDate: '2024-07-01',
  },
  // Each rule or rule group, managed or custom, counts as one rule.
  wafRuleMonth: {
    usd: 1,
    unit: 'rule-month',
    source: `${INFRACOST} (wafv2_web_acl_test); aws.github.io WAF cost guide`,
    sourceDate: '2024-07-01',
  },
  wafPerMillionRequests: {
    usd: 0.6,
    unit: '1M requests',
    source: `${INFRACOST} (wafv2_web_acl_test)`,
    sourceDate: '2024-07-01',
  },
  kmsKeyMonth: {
    usd: 1,
    unit: 'key-month',
    source: `${INFRACOST} (kms_key_test); cloudburn`,
    sourceDate: '2026-03',
  },
  secretMonth: {
    usd: 0.4,
    unit: 'secret-month',
    source: `${INFRACOST} (secretsmanager_secret_test)`,
    sourceDate: '2024-07-01',
  },
  alarmMetricMonth: {
    usd: 0.1,
    unit: 'alarm metric-month',
    source: `${INFRACOST} (cloudwatch_metric_alarm_test)`,
    sourceDate: '2024-07-01',
  },
  compositeAlarmMonth: {
    usd: 0.5,
    unit: 'alarm-month',
    source: 'c3x.dev CloudWatch pricing',
    sourceDate: '2026',
    thirdParty: true,
  },
  dashboardMonth: {
    usd: 3,
    unit: 'dashboard-month',
    source: `${INFRACOST} (cloudwatch_dashboard_test)`,
    sourceDate: '2024-07-01',
  },
  logsIngestPerGb: {
    usd: 0.5,
    unit: 'GB',
    source: `${INFRACOST} (cloudwatch_log_group_test)`,
    sourceDate: '2024-07-01',
  },
  logsStorageGbMonth: {
    usd: 0.03,
    unit: 'GB-month',
    source: `${INFRACOST} (cloudwatch_log_group_test); ${AGENT_TOOLKIT}`,
    sourceDate: '2026',
  },
  s3StandardGbMonth: {
    usd: 0.023,
    unit: 'GB-month',
    source: `${INFRACOST} (s3_bucket_test)`,
    sourceDate: '2024-07-01',
  },
  ecrStorageGbMonth: {
    usd: 0.1,
    unit: 'GB-month',
    source: `${INFRACOST} (ecr_repository_test)`,
    sourceDate: '2024-07-01',
  },
};

/** Prices per Region: us-east-1 here, the others researched in `prices-regions.ts`. */
export const PRICES: Readonly<Record<string, RegionPrices>> = {
  'us-east-1': US_EAST_1,
  'us-west-2': US_WEST_2,
  'eu-west-1': EU_WEST_1,
  'eu-central-1': EU_CENTRAL_1,
};

export class PriceError extends InputProblem {}

/** How to supply a Region's prices, for every message about an unpriced Region. */
export const SUPPLY_PRICES_HINT =
  'supply its prices with npm run cost -- --prices <file> (a JSON object of Region to the keys of src/cost/price-types.ts; docs/architecture.md, "Cost estimate"), or add them to src/cost/prices-regions.ts';

/** The prices of a Region, from `extra` (user-supplied) or the table, or a clear error. */
export function pricesFor(
  region: string,
  extra: Readonly<Record<string, RegionPrices>> = {},
): RegionPrices {
  const prices = extra[region] ?? PRICES[region];
  if (!prices) {
    throw new PriceError(
      `Region "${region}" is not priced (the table has ${Object.keys(PRICES).join(', ')}); ${SUPPLY_PRICES_HINT}`,
    );
  }
  return prices;
}

/** Rows of a Region's table that are inferred (`unverified`) or third-party, by key. */
export function doubtfulRows(prices: RegionPrices): { unverified: string[]; thirdParty: string[] } {
  const unverified: string[] = [];
  const thirdParty: string[] = [];
  const visit = (key: string, price: Price) => {
    if (price.unverified) unverified.push(key);
    if (price.thirdParty) thirdParty.push(key);
  };
  for (const [key, value] of Object.entries(prices) as [string, Price | Record<string, Price>][]) {
    if ('usd' in value) visit(key, value as Price);
    else for (const [type, price] of Object.entries(value)) visit(`${key}.${type}`, price);
  }
  return { unverified, thirdParty };
}

/** Whole days from `researched` to `today` (both YYYY-MM-DD). */
export function priceAgeDays(today: string, researched = PRICES_RESEARCHED): number {
  return Math.floor((Date.parse(today) - Date.parse(researched)) / 86_400_000);
}
