/**
 * AWS Regions this project deploys to (the `aws` and `aws-us-gov` partitions), and the short
 * codes that keep globally unique bucket names within 63 characters.
 *
 * A Region missing here is rejected by validation: add it with its ELB log-delivery mode.
 */

/**
 * Regions opened before August 2022 deliver ALB access logs as a regional ELB account
 * (resolved by the provider's `aws_elb_service_account` data source); newer ones only
 * through the `logdelivery.elasticloadbalancing.amazonaws.com` service principal.
 */
export type ElbLogDelivery = 'elb-account' | 'service-principal';

export const AWS_REGIONS: Readonly<Record<string, ElbLogDelivery>> = {
  'us-east-1': 'elb-account',
  'us-east-2': 'elb-account',
  'us-west-1': 'elb-account',
  'us-west-2': 'elb-account',
  'af-south-1': 'elb-account',
  'ap-east-1': 'elb-account',
  'ap-east-2': 'service-principal',
  'ap-south-1': 'elb-account',
  'ap-south-2': 'service-principal',
  'ap-northeast-1': 'elb-account',
  'ap-northeast-2': 'elb-account',
  'ap-northeast-3': 'elb-account',
  'ap-southeast-1': 'elb-account',
  'ap-southeast-2': 'elb-account',
  'ap-southeast-3': 'elb-account',
  'ap-southeast-4': 'service-principal',
  'ap-southeast-5': 'service-principal',
  'ap-southeast-6': 'service-principal',
  'ap-southeast-7': 'service-principal',
  'ca-central-1': 'elb-account',
  'ca-west-1': 'service-principal',
  'eu-central-1': 'elb-account',
  'eu-central-2': 'service-principal',
  'eu-north-1': 'elb-account',
  'eu-south-1': 'elb-account',
  'eu-south-2': 'service-principal',
  'eu-west-1': 'elb-account',
  'eu-west-2': 'elb-account',
  'eu-west-3': 'elb-account',
  'il-central-1': 'service-principal',
  'me-central-1': 'service-principal',
  'me-south-1': 'elb-account',
  'mx-central-1': 'service-principal',
  'sa-east-1': 'elb-account',
  'us-gov-east-1': 'elb-account',
  'us-gov-west-1': 'elb-account',
};

/**
 * The partition a Region belongs to: `aws-us-gov` for GovCloud (US), `aws-cn` for China,
 * else `aws`. ARNs name it: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export function partitionOf(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

export function isKnownRegion(region: string): boolean {
  return Object.prototype.hasOwnProperty.call(AWS_REGIONS, region);
}

const DIRECTION_CODES: Readonly<Record<string, string>> = {
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
  gov: 'g',
};

/**
 * Short, unique code for a Region: `us-east-1` -> `use1`, `ap-southeast-2` -> `apse2`,
 * `us-gov-west-1` -> `usgw1`.
 */
export function regionCode(region: string): string {
  const parts = region.split('-');
  const area = parts[0] ?? '';
  const number = parts[parts.length - 1] ?? '';
  const middle = parts.slice(1, -1).map((word) => DIRECTION_CODES[word] ?? word);
  return `${area}${middle.join('')}${number}`;
}

/** Longest code `regionCode` returns for a known Region; bucket-name budgets use it. */
export const MAX_REGION_CODE_LENGTH = Math.max(
  ...Object.keys(AWS_REGIONS).map((region) => regionCode(region).length),
);
