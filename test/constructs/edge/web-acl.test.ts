import { describe, expect, it } from 'vitest';
import { MANAGED_RULE_GROUPS } from '../../../src/constructs/edge/web-acl';
import { policyOf, refOf, resourceAt, synthesize } from '../../helpers/synth';

const { json } = synthesize({}, { waf: { rateLimitPerFiveMinutes: 500 } });
const acl = resourceAt(json, 'aws_wafv2_web_acl', 'Waf/WebAcl');
const aclArn = `\${${refOf(json, 'aws_wafv2_web_acl', acl)}.arn}`;
const rules = acl.rule as Array<Record<string, unknown>>;

describe('PaymentWebAcl', () => {
  it('is a regional web ACL that allows by default', () => {
    expect(acl).toMatchObject({ scope: 'REGIONAL', default_action: { allow: {} } });
  });

  it('runs the AWS managed groups with Terraform snake_case statement keys', () => {
    for (const group of MANAGED_RULE_GROUPS) {
      const rule = rules.find((r) => r.name === group)!;
      expect(rule.statement).toEqual({
        managed_rule_group_statement: { vendor_name: 'AWS', name: group },
      });
      expect(rule.override_action).toEqual({ none: {} });
    }
    expect(MANAGED_RULE_GROUPS).toEqual(
      expect.arrayContaining([
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
        'AWSManagedRulesSQLiRuleSet',
        'AWSManagedRulesAmazonIpReputationList',
      ]),
    );
  });

  it('blocks clients over the configured rate per IP in five minutes', () => {
    const rate = rules.find((r) => r.name === 'RateLimitPerClientIp')!;
    expect(rate.action).toEqual({ block: {} });
    expect(rate.statement).toEqual({
      rate_based_statement: { limit: 500, aggregate_key_type: 'IP', evaluation_window_sec: 300 },
    });
  });

  it('has metrics and sampling on every rule, with unique priorities', () => {
    for (const rule of rules) {
      expect(rule.visibility_config).toMatchObject({
        cloudwatch_metrics_enabled: true,
        sampled_requests_enabled: true,
      });
    }
    expect(new Set(rules.map((r) => r.priority)).size).toBe(rules.length);
  });

  it('is associated with the load balancer', () => {
    const alb = resourceAt(json, 'aws_lb', 'LoadBalancer/Alb');
    const association = resourceAt(json, 'aws_wafv2_web_acl_association', 'Waf/Association');
    expect(association).toEqual(
      expect.objectContaining({
        resource_arn: `\${${refOf(json, 'aws_lb', alb)}.arn}`,
        web_acl_arn: aclArn,
      }),
    );
  });

  it('logs to an aws-waf-logs-* bucket encrypted with the logs key, credentials redacted', () => {
    const logging = resourceAt(json, 'aws_wafv2_web_acl_logging_configuration', 'Waf/Logging');
    const bucket = resourceAt(json, 'aws_s3_bucket', 'WafLogs/Bucket');
    const bucketRef = refOf(json, 'aws_s3_bucket', bucket);
    expect(bucket.bucket).toMatch(/^aws-waf-logs-payment-dev-\$\{.+\}-use1$/);
    expect(logging.resource_arn).toBe(aclArn);
    expect(logging.log_destination_configs).toEqual([`\${${bucketRef}.arn}`]);
    expect(logging.redacted_fields).toEqual([
      { single_header: { name: 'authorization' } },
      { single_header: { name: 'cookie' } },
    ]);
    const policy = resourceAt(json, 'aws_s3_bucket_policy', 'WafLogs/Policy');
    expect(logging.depends_on).toContain(refOf(json, 'aws_s3_bucket_policy', policy));
    const sids = policyOf(policy).Statement.map((s) => s.Sid);
    expect(sids).toEqual(expect.arrayContaining(['WafLogDeliveryWrite', 'WafLogDeliveryAclCheck']));
    const sse = resourceAt(
      json,
      'aws_s3_bucket_server_side_encryption_configuration',
      'WafLogs/Encryption',
    );
    const logsKey = resourceAt(json, 'aws_kms_key', 'LogsKey');
    expect(JSON.stringify(sse)).toContain(`\${${refOf(json, 'aws_kms_key', logsKey)}.arn}`);
  });
});
