import type { Block, StackGraph } from '../../../tfjson/graph';
import { attr, blockList, isObject, referencedOfType } from '../../../tfjson/graph';
import type { Violation } from '../../rule';
import { graphRule, isComputed, isTrue } from '../../rule';

/** Where a log writer delivers: the bucket and the key prefix its objects start with. */
interface Delivery {
  readonly bucket: Block;
  readonly prefix: string;
}

/** The text after the last `}` of an ARN-with-path destination (`${...arn}/vpc-flow-logs/`). */
function pathAfterReference(value: unknown): string {
  if (typeof value !== 'string') return '';
  const tail = value.slice(value.lastIndexOf('}') + 1);
  return tail.replace(/^\//, '');
}

function withSlash(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/**
 * Each audit-log path of the stack and where it lands; `undefined` when it does not deliver
 * to an S3 bucket of the stack (the gate cannot tell which metric would show it).
 */
function deliveries(graph: StackGraph): Array<{ holder: Block; what: string; to?: Delivery }> {
  const out: Array<{ holder: Block; what: string; to?: Delivery }> = [];
  for (const flow of graph.resources('aws_flow_log')) {
    const bucket = referencedOfType(graph, flow, 'log_destination', 'aws_s3_bucket')[0];
    const s3 = flow.attrs['log_destination_type'] === 's3';
    out.push({
      holder: flow,
      what: 'flow log',
      ...(s3 && bucket
        ? { to: { bucket, prefix: pathAfterReference(flow.attrs['log_destination']) } }
        : {}),
    });
  }
  for (const lb of graph.resources('aws_lb')) {
    const logs = blockList(lb.attrs['access_logs'])[0];
    if (!logs || !isTrue(logs['enabled'])) continue;
    const bucket = referencedOfType(graph, lb, 'access_logs', 'aws_s3_bucket')[0];
    const prefix = typeof logs['prefix'] === 'string' ? withSlash(logs['prefix']) : '';
    out.push({
      holder: lb,
      what: 'ALB access logs',
      ...(bucket ? { to: { bucket, prefix } } : {}),
    });
  }
  for (const waf of graph.resources('aws_wafv2_web_acl_logging_configuration')) {
    const bucket = referencedOfType(graph, waf, 'log_destination_configs', 'aws_s3_bucket')[0];
    // WAF writes AWSLogs/<account>/WAFLogs/<Region>/<web ACL>/... (AWS WAF Developer Guide,
    // "Sending web ACL traffic logs to an Amazon S3 bucket").
    out.push({
      holder: waf,
      what: 'WAF logs',
      ...(bucket ? { to: { bucket, prefix: 'AWSLogs/' } } : {}),
    });
  }
  return out;
}

/** Metric specs of an alarm: its own metric and those of its metric queries. */
function metricsOf(alarm: Block): Array<{ path: string; spec: Record<string, unknown> }> {
  const own = { path: '', spec: alarm.attrs };
  const queries = blockList(alarm.attrs['metric_query']).flatMap((q, i) =>
    isObject(q['metric']) ? [{ path: `metric_query.${i}.metric.`, spec: q['metric'] }] : [],
  );
  return [own, ...queries];
}

/** True when some alarm watches PutRequests of one of `filterIds` on `bucket`. */
function alarmed(graph: StackGraph, bucket: Block, filterIds: readonly string[]): boolean {
  return graph.resources('aws_cloudwatch_metric_alarm').some((alarm) =>
    metricsOf(alarm).some(({ path, spec }) => {
      if (spec['namespace'] !== 'AWS/S3' || spec['metric_name'] !== 'PutRequests') return false;
      const filterId = attr(spec, 'dimensions.FilterId');
      if (typeof filterId !== 'string' || !filterIds.includes(filterId)) return false;
      const name = attr(spec, 'dimensions.BucketName');
      if (name !== undefined && name === bucket.attrs['bucket']) return true;
      return graph
        .refsFrom(alarm.address, `${path}dimensions`)
        .some((e) => e.to === bucket.address);
    }),
  );
}

/**
 * Every audit-log delivery path (VPC flow logs, ALB access logs, WAF logs) to S3 has an alarm
 * that fires when its objects stop arriving: S3 request metrics on the destination prefix
 * (`aws_s3_bucket_metric`) and a metric alarm on their `PutRequests`. None of the three
 * services publishes a delivery-failure metric (see src/constructs/observability/
 * service-alarms.ts), so the destination is where a failure shows.
 */
export const cwLogDeliveryAlarmed = graphRule({
  id: 'PAY-CW-006',
  title: 'Every audit-log delivery path has an alarm that fires when its logs stop arriving',
  severity: 'medium',
  resourceTypes: [
    'aws_flow_log',
    'aws_lb',
    'aws_wafv2_web_acl_logging_configuration',
    'aws_s3_bucket_metric',
  ],
  pci: ['10.7.2', '10.7.3'],
  equivalents: {},
  rationale:
    'PCI DSS 10.7.2 requires failures of audit logging to be detected, alerted and addressed promptly; a log that silently stops arriving leaves a gap nobody notices until an investigation needs it.',
  remediation:
    'Add an aws_s3_bucket_metric on the destination bucket (filter prefix = the delivery prefix, or none) and a metric alarm on AWS/S3 PutRequests with its BucketName and FilterId (the stacks do this in src/constructs/observability/service-alarms.ts).',
  check(graph) {
    const out: Violation[] = [];
    for (const { holder, what, to } of deliveries(graph)) {
      if (!to) {
        out.push({
          address: holder.address,
          message: `${what} do not deliver to an S3 bucket of the stack, so the gate cannot tell which alarm would show a delivery failure`,
          unknown: true,
        });
        continue;
      }
      const filterIds = graph
        .resources('aws_s3_bucket_metric')
        .filter((m) => referencedOfType(graph, m, 'bucket', 'aws_s3_bucket').includes(to.bucket))
        .filter((m) => {
          const filter = attr(m.attrs, 'filter.prefix');
          return (
            filter === undefined || (typeof filter === 'string' && to.prefix.startsWith(filter))
          );
        })
        .map((m) => m.attrs['name'])
        .filter((n): n is string => typeof n === 'string' && !isComputed(n));
      if (filterIds.length === 0) {
        out.push({
          address: holder.address,
          message: `${what} land in ${to.bucket.address} under "${to.prefix}", which has no aws_s3_bucket_metric covering that prefix`,
        });
      } else if (!alarmed(graph, to.bucket, filterIds)) {
        out.push({
          address: holder.address,
          message: `no metric alarm watches AWS/S3 PutRequests of ${filterIds.join(' or ')} on ${to.bucket.address}: a ${what} delivery failure goes unnoticed`,
        });
      }
    }
    return out;
  },
});
