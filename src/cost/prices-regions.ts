/**
 * On-demand prices (USD, before tax) for us-west-2, eu-west-1 and eu-central-1, researched
 * 2026-12-06 from stored copies of public material (no live AWS page or Price List API was
 * reachable): the full register of sources (S1-S22), the notes (a-u) on every inferred cell,
 * and the open contradictions are in docs/prices-regions.md. Each row names its source and the
 * source's date; `thirdParty` marks a row only a third-party table gave; `unverified` carries
 * the note of a value inferred without a source for that Region, shown by `npm run cost` so
 * nobody mistakes it for a quote. Same units as the us-east-1 table in `prices.ts`.
 */
import type { Price, RegionPrices } from './price-types';

export const REGION_PRICES_RESEARCHED = '2026-12-06';

function listed(
  usd: number,
  unit: string,
  source: string,
  sourceDate: string,
  thirdParty = false,
): Price {
  return { usd, unit, source, sourceDate, ...(thirdParty ? { thirdParty: true as const } : {}) };
}

/** A value no source for this Region gave: inferred, with the note that says from what. */
function unverified(usd: number, unit: string, note: string): Price {
  return {
    usd,
    unit,
    source: 'inferred, see docs/prices-regions.md',
    sourceDate: REGION_PRICES_RESEARCHED,
    unverified: note,
  };
}

/** WAF and KMS: one price in every Region researched (notes m, n). */
const SAME_WAF_AND_KMS = {
  wafWebAclMonth: unverified(
    5,
    'web ACL-month',
    'WAF is priced the same in every Region per an AWS blog; no per-Region line found (note m)',
  ),
  wafRuleMonth: unverified(
    1,
    'rule-month',
    'WAF is priced the same in every Region per an AWS blog; no per-Region line found (note m)',
  ),
  wafPerMillionRequests: unverified(
    0.6,
    '1M requests',
    'WAF is priced the same in every Region per an AWS blog; no per-Region line found (note m)',
  ),
  kmsKeyMonth: unverified(
    1,
    'key-month',
    'London price list and a Frankfurt bill show $1; no line for this Region (note n)',
  ),
};

/** CloudWatch alarms and dashboards: one price in every Region researched. */
const SAME_CLOUDWATCH = {
  alarmMetricMonth: unverified(
    0.1,
    'alarm metric-month',
    'London price list $0.10; no line for this Region (note p)',
  ),
  compositeAlarmMonth: unverified(
    0.5,
    'alarm-month',
    'inferred equal to us-east-1, itself third-party (note q)',
  ),
  dashboardMonth: listed(
    3,
    'dashboard-month',
    'S15: third-party CloudHealth pricebook template',
    '2026-03-26',
    true,
  ),
};

export const US_WEST_2: RegionPrices = {
  natGatewayHour: listed(
    0.045,
    'hour',
    'S13: DefangLabs/defang cost-estimate test output (USW2 usage types)',
    'undated',
    true,
  ),
  natDataPerGb: unverified(
    0.045,
    'GB',
    'NAT GB priced as the NAT hour in every Region seen (note a)',
  ),
  publicIpv4Hour: listed(
    0.005,
    'hour',
    'S2: AWS offer files for us-west-2 (AmazonRDS/EC2/VPC/SecretsManager, 2025-08 to 2026-08), archived rate audit 2026-08-20, with SKUs',
    '2026-08-20',
  ),
  albHour: listed(
    0.0225,
    'hour',
    'S13: DefangLabs/defang cost-estimate test output (USW2 usage types)',
    'undated',
    true,
  ),
  albLcuHour: unverified(
    0.008,
    'LCU-hour',
    'no us-west-2 LCU line found; equal to us-east-1 and eu-west-1 (note b)',
  ),
  interfaceEndpointAzHour: unverified(
    0.01,
    'endpoint-AZ-hour',
    'no us-west-2 line found; us-west-2 equals us-east-1 on every VPC rate seen (note c)',
  ),
  interfaceEndpointDataPerGb: unverified(
    0.01,
    'GB',
    'no us-west-2 line found; inferred equal to us-east-1 (note c)',
  ),
  dataOutPerGb: unverified(
    0.09,
    'GB (first 10 TB)',
    'first-tier egress rate not quoted for us-west-2 (note e)',
  ),
  auroraAcuHour: listed(
    0.12,
    'ACU-hour',
    'S2: AWS offer files for us-west-2 (AmazonRDS/EC2/VPC/SecretsManager, 2025-08 to 2026-08), archived rate audit 2026-08-20, with SKUs',
    '2026-08-20',
  ),
  auroraAcuHourIoOptimized: unverified(
    0.156,
    'ACU-hour',
    'inferred equal to us-east-1, itself possibly 0.16 (note g)',
  ),
  auroraStorageGbMonth: listed(
    0.1,
    'GB-month',
    'S2: AWS offer files for us-west-2 (AmazonRDS/EC2/VPC/SecretsManager, 2025-08 to 2026-08), archived rate audit 2026-08-20, with SKUs',
    '2026-08-20',
  ),
  auroraIoPerMillion: listed(
    0.2,
    '1M I/O requests',
    'S2: AWS offer files for us-west-2 (AmazonRDS/EC2/VPC/SecretsManager, 2025-08 to 2026-08), archived rate audit 2026-08-20, with SKUs',
    '2026-08-20',
  ),
  ec2Hour: {
    't3.small': listed(
      0.0208,
      'hour',
      'S19: greenops-cli bundled price table (third party)',
      'undated',
      true,
    ),
    't3.medium': listed(
      0.0416,
      'hour',
      'S19: greenops-cli bundled price table (third party)',
      'undated',
      true,
    ),
    'm7i.large': unverified(0.1008, 'hour', 'derived: 1.05 x m6i.large 0.096 (note k)'),
    'm7g.large': listed(
      0.0816,
      'hour',
      'S19: greenops-cli bundled price table (third party)',
      'undated',
      true,
    ),
  },
  ebsGp3GbMonth: listed(
    0.08,
    'GB-month',
    'S2: AWS offer files for us-west-2 (AmazonRDS/EC2/VPC/SecretsManager, 2025-08 to 2026-08), archived rate audit 2026-08-20, with SKUs',
    '2026-08-20',
  ),
  fargateX86VcpuHour: listed(
    0.04048,
    'vCPU-hour',
    'S20: theuves/fgcalc Fargate table (third party)',
    'undated',
    true,
  ),
  fargateX86GbHour: listed(
    0.004445,
    'GB-hour',
    'S20: theuves/fgcalc Fargate table (third party)',
    'undated',
    true,
  ),
  fargateArmVcpuHour: unverified(
    0.03238,
    'vCPU-hour',
    'ARM is 0.8x x86 in every Region quoted (note l)',
  ),
  fargateArmGbHour: unverified(
    0.00356,
    'GB-hour',
    'ARM is 0.8x x86 in every Region quoted (note l)',
  ),
  ...SAME_WAF_AND_KMS,
  secretMonth: listed(
    0.4,
    'secret-month',
    'S2: AWS offer files for us-west-2 (AmazonRDS/EC2/VPC/SecretsManager, 2025-08 to 2026-08), archived rate audit 2026-08-20, with SKUs',
    '2026-08-20',
  ),
  ...SAME_CLOUDWATCH,
  logsIngestPerGb: unverified(
    0.5,
    'GB (Standard class)',
    'no us-west-2 line found; inferred equal to us-east-1 (note s)',
  ),
  logsStorageGbMonth: unverified(
    0.03,
    'GB-month',
    'no us-west-2 line found; inferred equal to us-east-1 (note s)',
  ),
  s3StandardGbMonth: listed(
    0.023,
    'GB-month (first 50 TB)',
    'S21: AWS offer file AmazonS3 us-west-2, quoted in a staging doc (checked 2026-09-21)',
    '2026-09-21',
  ),
  ecrStorageGbMonth: unverified(
    0.1,
    'GB-month',
    'no us-west-2 line found; $0.10 in eu-west-1 and London (note u)',
  ),
};

export const EU_WEST_1: RegionPrices = {
  natGatewayHour: listed(
    0.048,
    'hour',
    'S1: AWS offer file AmazonEC2 eu-west-1 (publication 2026-09-25), quoted in a public test-fixture README; S3: AWS Pricing API, eu-west-1, network adapter audit with SKUs',
    '2026-09-25',
  ),
  natDataPerGb: listed(
    0.048,
    'GB',
    'S1: AWS offer file AmazonEC2 eu-west-1 (publication 2026-09-25), quoted in a public test-fixture README; S3: AWS Pricing API, eu-west-1, network adapter audit with SKUs',
    '2026-09-25',
  ),
  publicIpv4Hour: listed(
    0.005,
    'hour',
    'S3: AWS Pricing API, eu-west-1, network adapter audit with SKUs',
    '2026-05-01',
  ),
  albHour: listed(
    0.0252,
    'hour',
    'S12: AWS bill lines, EU (Ireland), quoted in a blog post',
    'undated',
  ),
  albLcuHour: listed(
    0.008,
    'LCU-hour',
    'S12: AWS bill lines, EU (Ireland), quoted in a blog post',
    'undated',
  ),
  interfaceEndpointAzHour: listed(
    0.011,
    'endpoint-AZ-hour',
    'S3: AWS Pricing API, eu-west-1, network adapter audit with SKUs',
    '2026-05-01',
  ),
  interfaceEndpointDataPerGb: listed(
    0.01,
    'GB',
    'S3: AWS Pricing API, eu-west-1, network adapter audit with SKUs',
    '2026-05-01',
  ),
  dataOutPerGb: listed(
    0.09,
    'GB (first 10 TB)',
    'S6: third-party price book checked against the AWS price list',
    '2026-10-08',
    true,
  ),
  auroraAcuHour: listed(
    0.14,
    'ACU-hour',
    'S14: third-party pricing engine reporting AWS Pricing API values',
    '2026-06',
    true,
  ),
  auroraAcuHourIoOptimized: unverified(
    0.19,
    'ACU-hour',
    'follows London 0.14 -> 0.19; a flat 1.3x would give 0.182 (note h)',
  ),
  auroraStorageGbMonth: unverified(
    0.11,
    'GB-month',
    'inferred from I/O at 1.1x us-east-1; London shows 0.10 (note i)',
  ),
  auroraIoPerMillion: listed(
    0.22,
    '1M I/O requests',
    'S14: third-party pricing engine reporting AWS Pricing API values',
    '2026-06',
    true,
  ),
  ec2Hour: {
    't3.small': listed(
      0.0228,
      'hour',
      'S18: four third-party eu-west-1 EC2 tables that agree',
      'undated',
      true,
    ),
    't3.medium': listed(
      0.0456,
      'hour',
      'S18: four third-party eu-west-1 EC2 tables that agree',
      'undated',
      true,
    ),
    'm7i.large': listed(
      0.11235,
      'hour',
      'S6: third-party price book checked against the AWS price list',
      '2026-10-08',
      true,
    ),
    'm7g.large': listed(
      0.091,
      'hour',
      'S6: third-party price book checked against the AWS price list',
      '2026-10-08',
      true,
    ),
  },
  ebsGp3GbMonth: listed(
    0.088,
    'GB-month',
    'S6: third-party price book checked against the AWS price list',
    '2026-10-08',
    true,
  ),
  fargateX86VcpuHour: listed(
    0.04048,
    'vCPU-hour',
    'S5: AWS Pricing API, eu-west-1 Fargate and ECR, with SKUs',
    '2026-05',
  ),
  fargateX86GbHour: listed(
    0.004445,
    'GB-hour',
    'S5: AWS Pricing API, eu-west-1 Fargate and ECR, with SKUs',
    '2026-05',
  ),
  fargateArmVcpuHour: listed(
    0.03238,
    'vCPU-hour',
    'S5: AWS Pricing API, eu-west-1 Fargate and ECR, with SKUs',
    '2026-05',
  ),
  fargateArmGbHour: listed(
    0.00356,
    'GB-hour',
    'S5: AWS Pricing API, eu-west-1 Fargate and ECR, with SKUs',
    '2026-05',
  ),
  ...SAME_WAF_AND_KMS,
  secretMonth: unverified(
    0.4,
    'secret-month',
    'London and Oregon $0.40; no eu-west-1 line found (note o)',
  ),
  ...SAME_CLOUDWATCH,
  logsIngestPerGb: listed(
    0.57,
    'GB (Standard class)',
    'S4: AWS Pricing API, eu-west-1 CloudWatch Logs (SKU KJBTQPDHW2H92B8Y)',
    '2026-03-01',
  ),
  logsStorageGbMonth: unverified(
    0.03,
    'GB-month',
    'only an aside in an audit; London is 0.0315 (note t)',
  ),
  s3StandardGbMonth: listed(
    0.023,
    'GB-month (first 50 TB)',
    'S6: third-party price book checked against the AWS price list',
    '2026-10-08',
    true,
  ),
  ecrStorageGbMonth: listed(
    0.1,
    'GB-month',
    'S5: AWS Pricing API, eu-west-1 Fargate and ECR, with SKUs',
    '2026-05',
  ),
};

export const EU_CENTRAL_1: RegionPrices = {
  natGatewayHour: listed(
    0.052,
    'hour',
    'S10: AWS Price List AmazonRDS eu-central-1, quoted in a demo plan; S17: third-party eu-central-1 cost table (costs.py)',
    '2026',
  ),
  natDataPerGb: unverified(
    0.052,
    'GB',
    'NAT GB priced as the NAT hour in every Region seen; one mock fixture says 0.045 (note a)',
  ),
  publicIpv4Hour: listed(
    0.005,
    'hour',
    'S7: AWS offer files AmazonEC2 eu-central-1 (20260903195206) and AmazonVPC (20260831092232), quoted',
    '2026-09-01',
  ),
  albHour: listed(
    0.027,
    'hour',
    'S11: AWS FOCUS billing record, eu-central-1 (SkuId UZQQFKE5Z4MCF9D5)',
    '2024-09',
  ),
  albLcuHour: unverified(
    0.008,
    'LCU-hour',
    'no eu-central-1 LCU line found; confirm before relying on it (note b)',
  ),
  interfaceEndpointAzHour: listed(
    0.012,
    'endpoint-AZ-hour',
    'S9: AWS Price List AmazonVPC eu-central-1 (EUC1-VpcEndpoint-Hours/-Bytes)',
    '2026-09-22',
  ),
  interfaceEndpointDataPerGb: listed(
    0.01,
    'GB',
    'S9: AWS Price List AmazonVPC eu-central-1 (EUC1-VpcEndpoint-Hours/-Bytes)',
    '2026-09-22',
  ),
  dataOutPerGb: unverified(
    0.09,
    'GB (first 10 TB)',
    'first-tier egress rate not quoted for eu-central-1 (note e)',
  ),
  auroraAcuHour: listed(
    0.14,
    'ACU-hour',
    'S10: AWS Price List AmazonRDS eu-central-1, quoted in a demo plan',
    '2026',
  ),
  auroraAcuHourIoOptimized: unverified(
    0.19,
    'ACU-hour',
    'follows London 0.14 -> 0.19; a flat 1.3x would give 0.182 (note h)',
  ),
  auroraStorageGbMonth: unverified(
    0.11,
    'GB-month',
    'inferred from I/O at 1.1x us-east-1 (note i)',
  ),
  auroraIoPerMillion: listed(
    0.22,
    '1M I/O requests',
    'S14: third-party pricing engine reporting AWS Pricing API values',
    '2026-06',
    true,
  ),
  ec2Hour: {
    't3.small': listed(
      0.024,
      'hour',
      'S17: third-party eu-central-1 cost table (costs.py); S19: greenops-cli bundled price table (third party)',
      'undated',
      true,
    ),
    't3.medium': listed(
      0.048,
      'hour',
      'S17: third-party eu-central-1 cost table (costs.py)',
      '2026',
      true,
    ),
    'm7i.large': unverified(0.12075, 'hour', 'derived: 1.05 x m6i.large 0.115 (note k)'),
    'm7g.large': listed(
      0.0978,
      'hour',
      'S7: AWS offer files AmazonEC2 eu-central-1 (20260903195206) and AmazonVPC (20260831092232), quoted',
      '2026-09-01',
    ),
  },
  ebsGp3GbMonth: listed(
    0.0952,
    'GB-month',
    'S7: AWS offer files AmazonEC2 eu-central-1 (20260903195206) and AmazonVPC (20260831092232), quoted',
    '2026-09-01',
  ),
  fargateX86VcpuHour: listed(
    0.04656,
    'vCPU-hour',
    'S8: AWS offer file AmazonECS eu-central-1, quoted in a design note',
    '2026-08-09',
  ),
  fargateX86GbHour: listed(
    0.00511,
    'GB-hour',
    'S8: AWS offer file AmazonECS eu-central-1, quoted in a design note',
    '2026-08-09',
  ),
  fargateArmVcpuHour: listed(
    0.03725,
    'vCPU-hour',
    'S8: AWS offer file AmazonECS eu-central-1, quoted in a design note',
    '2026-08-09',
  ),
  fargateArmGbHour: listed(
    0.00409,
    'GB-hour',
    'S8: AWS offer file AmazonECS eu-central-1, quoted in a design note',
    '2026-08-09',
  ),
  ...SAME_WAF_AND_KMS,
  secretMonth: listed(
    0.4,
    'secret-month',
    'S17: third-party eu-central-1 cost table (costs.py)',
    '2026',
    true,
  ),
  ...SAME_CLOUDWATCH,
  logsIngestPerGb: listed(
    0.63,
    'GB (Standard class)',
    'S15: third-party CloudHealth pricebook template',
    '2026-03-26',
    true,
  ),
  logsStorageGbMonth: unverified(
    0.0324,
    'GB-month',
    "the researcher's recollection, no source found (note t)",
  ),
  s3StandardGbMonth: listed(
    0.0245,
    'GB-month (first 50 TB)',
    'S16: AWS offer file AmazonS3 eu-central-1 (publication 2026-08-31), quoted in a research ledger',
    '2026-08-31',
  ),
  ecrStorageGbMonth: unverified(
    0.1,
    'GB-month',
    'no eu-central-1 line found; $0.10 in eu-west-1 and London (note u)',
  ),
};
