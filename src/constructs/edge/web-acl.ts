import { Construct } from 'constructs';
import type { Wafv2WebAclRule } from '@cdktn/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAcl } from '@cdktn/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktn/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktn/provider-aws/lib/wafv2-web-acl-logging-configuration';
import type { SecureBucket } from '../storage/secure-bucket';

/** AWS managed rule groups in priority order (vendor AWS). */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
] as const;

/** Headers never written to the WAF logs: credentials and session cookies. */
export const REDACTED_HEADERS = ['authorization', 'cookie'] as const;

/** The rate-based rule counts requests over this window (seconds). */
export const RATE_LIMIT_WINDOW_SECONDS = 300;

export interface PaymentWebAclProps {
  /** Web ACL name, from `naming`. */
  readonly name: string;
  /** The load balancer to protect. */
  readonly resourceArn: string;
  /** Requests per client IP in 5 minutes before the rate-based rule blocks it. */
  readonly rateLimitPerFiveMinutes: number;
  /**
   * Bucket named `aws-waf-logs-...`, SSE-KMS with a key that lets log delivery use it; this
   * construct grants delivery in its policy.
   */
  readonly logBucket: SecureBucket;
}

/**
 * Regional WAFv2 web ACL on the load balancer: AWS managed rule groups (IP reputation,
 * common, known bad inputs, SQL injection) and a per-IP rate limit, with metrics and sampled
 * requests on every rule, logged to S3 with credentials redacted. Logging goes to S3, not
 * CloudWatch Logs, whose account-wide resource policy many stacks overflow.
 */
export class PaymentWebAcl extends Construct {
  readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: PaymentWebAclProps) {
    super(scope, id);
    const visibility = (metricName: string) => ({
      cloudwatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });

    const managed: Wafv2WebAclRule[] = MANAGED_RULE_GROUPS.map((group, index) => ({
      name: group,
      priority: index + 1,
      overrideAction: { none: {} },
      // `statement` is typed `any` by the provider binding: Terraform's snake_case keys,
      // pinned by a test.
      statement: { managed_rule_group_statement: { vendor_name: 'AWS', name: group } },
      visibilityConfig: visibility(group),
    }));
    const rateLimit: Wafv2WebAclRule = {
      name: 'RateLimitPerClientIp',
      priority: MANAGED_RULE_GROUPS.length + 1,
      action: { block: {} },
      statement: {
        rate_based_statement: {
          limit: props.rateLimitPerFiveMinutes,
          aggregate_key_type: 'IP',
          evaluation_window_sec: RATE_LIMIT_WINDOW_SECONDS,
        },
      },
      visibilityConfig: visibility('RateLimitPerClientIp'),
    };

    this.webAcl = new Wafv2WebAcl(this, 'WebAcl', {
      name: props.name,
      description: 'Payment platform: managed protections and a per-IP rate limit',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: [...managed, rateLimit],
      visibilityConfig: visibility(props.name),
    });

    new Wafv2WebAclAssociation(this, 'Association', {
      resourceArn: props.resourceArn,
      webAclArn: this.webAcl.arn,
    });

    props.logBucket.allowLogDelivery('Waf', '');
    new Wafv2WebAclLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [props.logBucket.arn],
      redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { name } })),
      // WAF writes its own statements into a bucket policy it finds lacking; ours comes first.
      dependsOn: [props.logBucket.policy],
    });
  }

  get arn(): string {
    return this.webAcl.arn;
  }
}
