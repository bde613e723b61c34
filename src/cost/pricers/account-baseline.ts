/**
 * The account baseline's cost (src/stacks/account-baseline.ts). Its services bill by volume
 * (events analysed, configuration items recorded, security checks run, instances and images
 * scanned), which no usage key of the estimate models yet, and the price table has no
 * researched row for them: each is listed as unpriced with the pricing page to read, never
 * silently zero. Settings (EBS default encryption, the account public-access block, the
 * recorder's status, a delivery channel, a Session Manager document, an event target) cost
 * nothing by themselves; what they cause is priced on the resources above. The KMS keys, S3
 * buckets and log groups of the baseline are priced by the estimate's own rows.
 */

import { Lines } from '../lines';
import type { PricingInput } from './pricer';

/** Resource types that are settings of the account or Region: no charge of their own. */
export const BASELINE_FREE_TYPES: ReadonlySet<string> = new Set([
  'aws_ebs_encryption_by_default',
  'aws_ebs_default_kms_key',
  'aws_s3_account_public_access_block',
  'aws_config_configuration_recorder_status',
  'aws_config_delivery_channel',
  'aws_securityhub_standards_subscription',
  'aws_guardduty_detector_feature',
  'aws_ssm_document',
  'aws_cloudwatch_event_target',
]);

/** Volume-billed baseline services: what they charge for, and where AWS publishes the price. */
export const BASELINE_USAGE_PRICED: Readonly<
  Record<string, { readonly item: string; readonly reason: string }>
> = {
  aws_cloudtrail: {
    item: 'CloudTrail S3 data events (the first copy of management events is free)',
    reason:
      'billed per 100,000 data events; no usage key models S3 request volume (https://aws.amazon.com/cloudtrail/pricing/)',
  },
  aws_guardduty_detector: {
    item: 'GuardDuty analysis (events, S3 and RDS activity, runtime agents, malware scans)',
    reason:
      'billed by volume analysed and vCPUs monitored (https://aws.amazon.com/guardduty/pricing/)',
  },
  aws_securityhub_account: {
    item: 'Security Hub security checks and finding ingestion',
    reason:
      'billed per check and per finding ingested (https://aws.amazon.com/security-hub/pricing/)',
  },
  aws_config_configuration_recorder: {
    item: 'AWS Config configuration items recorded',
    reason: 'billed per configuration item (https://aws.amazon.com/config/pricing/)',
  },
  aws_config_conformance_pack: {
    item: 'AWS Config conformance pack rule evaluations',
    reason: 'billed per evaluation (https://aws.amazon.com/config/pricing/)',
  },
  aws_inspector2_enabler: {
    item: 'Inspector EC2 instance and ECR image scanning',
    reason:
      'billed per instance scanned a month and per image scan (https://aws.amazon.com/inspector/pricing/)',
  },
  aws_accessanalyzer_analyzer: {
    item: 'IAM Access Analyzer',
    reason:
      'external access analysis; unused-access analyzers are billed per role or user (https://aws.amazon.com/iam/access-analyzer/pricing/)',
  },
  aws_cloudwatch_event_rule: {
    item: 'EventBridge rule on AWS service events',
    reason: 'matched findings are few; see https://aws.amazon.com/eventbridge/pricing/',
  },
  aws_s3_bucket_replication_configuration: {
    item: 'S3 Replication requests (the replicas are priced as S3 storage)',
    reason:
      'billed per replication request; no usage key models log object counts (https://aws.amazon.com/s3/pricing/)',
  },
};

/** The baseline's settings as covered, and its volume-billed services as unpriced, with why. */
export function noteAccountBaseline({ graph }: PricingInput): Lines {
  const out = new Lines();
  for (const block of graph.blocks.values()) {
    if (block.kind !== 'resource') continue;
    if (BASELINE_FREE_TYPES.has(block.type)) out.priced.add(block.address);
    const billed = BASELINE_USAGE_PRICED[block.type];
    if (billed) out.none(block.address, billed.item, billed.reason);
  }
  return out;
}
