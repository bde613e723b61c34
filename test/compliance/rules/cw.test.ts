/** The CloudWatch rules (src/compliance/rules/cw/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import { graphOf, mutated, ref, res } from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('PAY-CW-006: an alarm for every audit-log delivery path', () => {
  const check = (tf: Parameters<typeof graphOf>[0]) => byId('PAY-CW-006').check(graphOf(tf));

  it('names each path (flow log, ALB access logs, WAF logs) whose destination no alarm watches', () => {
    const none = check(
      mutated((tf) => delete tf.resource['aws_cloudwatch_metric_alarm']!['log_delivery']),
    );
    expect(none.map((v) => v.address).sort()).toEqual(
      ['aws_flow_log.flow', 'aws_lb.alb', 'aws_wafv2_web_acl_logging_configuration.acl'].sort(),
    );
    expect(none[0]!.message).toMatch(
      /no metric alarm watches AWS\/S3 PutRequests of AuditLogDelivery/,
    );
  });

  it('needs request metrics whose filter covers the delivery prefix', () => {
    const elsewhere = check(
      mutated((tf) => (res(tf, 'aws_s3_bucket_metric', 'audit')['filter'] = { prefix: 'other/' })),
    );
    expect(elsewhere).toHaveLength(3);
    expect(elsewhere[0]!.message).toMatch(/which has no aws_s3_bucket_metric covering that prefix/);
    // A filter on the ALB's prefix covers the ALB logs only.
    const albOnly = check(
      mutated(
        (tf) => (res(tf, 'aws_s3_bucket_metric', 'audit')['filter'] = { prefix: 'alb/access/' }),
      ),
    );
    expect(albOnly.map((v) => v.address).sort()).toEqual(
      ['aws_flow_log.flow', 'aws_wafv2_web_acl_logging_configuration.acl'].sort(),
    );
  });

  it('counts a metric-math alarm whose query watches the bucket, and not one on another bucket', () => {
    const math = mutated((tf) => {
      const alarm = res(tf, 'aws_cloudwatch_metric_alarm', 'log_delivery');
      const metric = {
        namespace: alarm['namespace'],
        metric_name: 'PutRequests',
        dimensions: alarm['dimensions'],
        period: 3600,
        stat: 'Sum',
      };
      for (const key of ['namespace', 'metric_name', 'dimensions', 'period', 'statistic'])
        delete alarm[key];
      alarm['metric_query'] = [
        { id: 'm2', metric },
        { id: 'e1', expression: 'FILL(m2, 0)', return_data: true },
      ];
    });
    expect(check(math)).toEqual([]);
    const other = mutated((tf) => {
      res(tf, 'aws_cloudwatch_metric_alarm', 'log_delivery')['dimensions'] = {
        BucketName: ref('aws_s3_bucket.logs.id'),
        FilterId: 'AuditLogDelivery',
      };
    });
    expect(check(other)).toHaveLength(3);
  });

  it('reports a flow log to CloudWatch Logs as unknown: the gate cannot tell which metric shows it', () => {
    const cwl = mutated((tf) => {
      Object.assign(res(tf, 'aws_flow_log', 'flow'), {
        log_destination_type: 'cloud-watch-logs',
        log_destination: ref('aws_cloudwatch_log_group.app.arn'),
      });
    });
    expect(check(cwl)).toEqual([
      expect.objectContaining({ address: 'aws_flow_log.flow', unknown: true }),
    ]);
  });
});
