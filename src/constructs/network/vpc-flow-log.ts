import { Construct } from 'constructs';
import { FlowLog } from '@cdktn/provider-aws/lib/flow-log';
import type { Naming } from '../../naming/naming';
import type { SecureBucket } from '../storage/secure-bucket';

/**
 * Flow-log fields, version 2 defaults plus the extended ones (VPC, subnet, instance, TCP
 * flags, packet addresses, AWS service names, direction and path) an investigator needs.
 */
export const FLOW_LOG_FIELDS = [
  'version',
  'account-id',
  'interface-id',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'action',
  'log-status',
  'vpc-id',
  'subnet-id',
  'instance-id',
  'tcp-flags',
  'type',
  'pkt-srcaddr',
  'pkt-dstaddr',
  'region',
  'az-id',
  'pkt-src-aws-service',
  'pkt-dst-aws-service',
  'flow-direction',
  'traffic-path',
] as const;

/**
 * The log format string. `$${field}` is Terraform's escape for a literal `${field}`: written
 * unescaped, Terraform would read each field as a reference and the plan would fail.
 */
export const FLOW_LOG_FORMAT = FLOW_LOG_FIELDS.map((field) => `$\${${field}}`).join(' ');

/** Flow logs land under this prefix in the flow-log bucket. */
export const FLOW_LOG_PREFIX = 'vpc-flow-logs/';

export interface VpcFlowLogProps {
  readonly naming: Naming;
  readonly vpcId: string;
  /** Destination; its policy gets the log-delivery statements. */
  readonly bucket: SecureBucket;
}

/** All traffic of the VPC, aggregated every 60 seconds, to S3. */
export class VpcFlowLog extends Construct {
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    props.bucket.allowLogDelivery('FlowLogs', FLOW_LOG_PREFIX);
    this.flowLog = new FlowLog(this, 'FlowLog', {
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 's3',
      logDestination: `${props.bucket.arn}/${FLOW_LOG_PREFIX}`,
      maxAggregationInterval: 60,
      logFormat: FLOW_LOG_FORMAT,
      destinationOptions: {
        fileFormat: 'plain-text',
        perHourPartition: true,
        hiveCompatiblePartitions: false,
      },
      tags: { Name: props.naming.name('flow-log') },
      // Created before the bucket policy, the flow log makes AWS write its own statements into
      // the policy, which the bucket policy resource then replaces: wait for ours instead.
      dependsOn: [props.bucket.policy],
    });
  }
}
