import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktn';
import { TerraformStack } from 'cdktn';
import { Lb } from '@cdktn/provider-aws/lib/lb';
import { LbListener } from '@cdktn/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktn/provider-aws/lib/lb-target-group';
import { Route53Record } from '@cdktn/provider-aws/lib/route53-record';
import type { Vpc } from '@cdktn/provider-aws/lib/vpc';
import type { TlsPolicy } from '../../aws-facts/tls-policies';
import type { Naming } from '../../naming/naming';
import { HTTP_PORT, HTTPS_PORT } from '../security/tier-security-groups';
import type { SecureBucket } from '../storage/secure-bucket';

/** The health check every target must pass: `GET /health` answered with 200. */
export const HEALTH_CHECK = {
  path: '/health',
  matcher: '200',
  intervalSeconds: 15,
  timeoutSeconds: 5,
  healthyThreshold: 2,
  unhealthyThreshold: 3,
} as const;
/** Seconds an idle client connection is kept open. */
export const ALB_IDLE_TIMEOUT_SECONDS = 60;
/** Seconds in-flight requests get to finish when a target leaves. */
export const DEREGISTRATION_DELAY_SECONDS = 30;

export interface LoadBalancerLogging {
  /** The SSE-S3 access-log bucket whose policy lets ELB deliver under the prefixes. */
  readonly bucket: SecureBucket;
  /** Prefixes as granted in the bucket policy (`alb/access/`), trailing slash included. */
  readonly accessPrefix: string;
  readonly connectionPrefix: string;
}

export interface PaymentLoadBalancerProps {
  readonly naming: Naming;
  /**
   * The VPC of the target group. Its address and CIDR (both known at synth) go into the
   * group's name: a new VPC replaces the group, and the replacement, created before the old
   * group is destroyed, needs a name of its own.
   */
  readonly vpc: Vpc;
  /** One public subnet per AZ. */
  readonly publicSubnetIds: readonly string[];
  readonly securityGroupId: string;
  /** Port and target type of the app tier: `instance` for EC2, `ip` for Fargate (awsvpc). */
  readonly appPort: number;
  readonly targetType: 'instance' | 'ip';
  readonly certificateArn: string;
  /** What the HTTPS listener must wait for (a certificate validation). @default nothing */
  readonly certificateDependencies?: readonly ITerraformDependable[];
  /** One of the allowed policies (`src/aws-facts/tls-policies.ts`). */
  readonly tlsPolicy: TlsPolicy;
  /** Comes from the profile (on in prod). */
  readonly deletionProtection: boolean;
  readonly logging: LoadBalancerLogging;
  /**
   * Alias record in a Route 53 zone for the certificate's domain.
   * @default none (users reach the ALB's own DNS name)
   */
  readonly alias?: { readonly domainName: string; readonly hostedZoneId: string };
}

/**
 * The internet-facing Application Load Balancer: invalid headers dropped, strictest desync
 * mitigation, access and connection logs, deletion protection per profile; port 80 only
 * redirects (301) to HTTPS, port 443 terminates TLS with an allowed policy and forwards to
 * the app's target group, which checks `/health`.
 */
export class PaymentLoadBalancer extends Construct {
  readonly alb: Lb;
  readonly targetGroup: LbTargetGroup;
  readonly httpsListener: LbListener;
  readonly httpListener: LbListener;

  constructor(scope: Construct, id: string, props: PaymentLoadBalancerProps) {
    super(scope, id);
    const { naming, logging } = props;

    this.alb = new Lb(this, 'Alb', {
      name: naming.name('alb', 'alb'),
      internal: false,
      loadBalancerType: 'application',
      ipAddressType: 'ipv4',
      subnets: [...props.publicSubnetIds],
      securityGroups: [props.securityGroupId],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'strictest',
      enableDeletionProtection: props.deletionProtection,
      enableHttp2: true,
      idleTimeout: ALB_IDLE_TIMEOUT_SECONDS,
      enableWafFailOpen: false,
      xffHeaderProcessingMode: 'append',
      accessLogs: {
        bucket: logging.bucket.name,
        prefix: withoutTrailingSlash(logging.accessPrefix),
        enabled: true,
      },
      connectionLogs: {
        bucket: logging.bucket.name,
        prefix: withoutTrailingSlash(logging.connectionPrefix),
        enabled: true,
      },
      // ELB tests its write access when logging is turned on: the policy must exist first.
      dependsOn: [logging.bucket.policy],
      tags: { Name: naming.name('alb') },
    });

    this.targetGroup = new LbTargetGroup(this, 'TargetGroup', {
      name: naming.targetGroupName({
        port: props.appPort,
        protocol: 'HTTP',
        targetType: props.targetType,
        vpc: `${TerraformStack.of(props.vpc).getLogicalId(props.vpc)}:${props.vpc.cidrBlockInput}`,
      }),
      port: props.appPort,
      protocol: 'HTTP',
      protocolVersion: 'HTTP1',
      vpcId: props.vpc.id,
      targetType: props.targetType,
      deregistrationDelay: String(DEREGISTRATION_DELAY_SECONDS),
      healthCheck: {
        enabled: true,
        protocol: 'HTTP',
        port: 'traffic-port',
        path: HEALTH_CHECK.path,
        matcher: HEALTH_CHECK.matcher,
        interval: HEALTH_CHECK.intervalSeconds,
        timeout: HEALTH_CHECK.timeoutSeconds,
        healthyThreshold: HEALTH_CHECK.healthyThreshold,
        unhealthyThreshold: HEALTH_CHECK.unhealthyThreshold,
      },
      tags: { Name: naming.name('tg') },
      // The name changes with the port and target type, so a replacement can exist beside
      // the group the listener still forwards to; the listener then moves and the old goes.
      lifecycle: { createBeforeDestroy: true },
    });

    this.httpListener = new LbListener(this, 'HttpRedirect', {
      loadBalancerArn: this.alb.arn,
      port: HTTP_PORT,
      protocol: 'HTTP',
      defaultAction: [
        {
          type: 'redirect',
          redirect: {
            protocol: 'HTTPS',
            port: String(HTTPS_PORT),
            host: '#{host}',
            path: '/#{path}',
            query: '#{query}',
            statusCode: 'HTTP_301',
          },
        },
      ],
    });

    this.httpsListener = new LbListener(this, 'Https', {
      loadBalancerArn: this.alb.arn,
      port: HTTPS_PORT,
      protocol: 'HTTPS',
      sslPolicy: props.tlsPolicy,
      certificateArn: props.certificateArn,
      defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
      ...(props.certificateDependencies?.length
        ? { dependsOn: [...props.certificateDependencies] }
        : {}),
    });

    if (props.alias) {
      // A only: the load balancer is IPv4 (the VPC has no IPv6), so an AAAA alias would
      // answer nothing.
      new Route53Record(this, 'AliasA', {
        zoneId: props.alias.hostedZoneId,
        name: props.alias.domainName,
        type: 'A',
        alias: {
          name: this.alb.dnsName,
          zoneId: this.alb.zoneId,
          evaluateTargetHealth: true,
        },
      });
    }
  }

  /** `app/<name>/<id>/targetgroup/<name>/<id>`: the request-count metric's resource label. */
  get requestCountResourceLabel(): string {
    return `${this.alb.arnSuffix}/${this.targetGroup.arnSuffix}`;
  }
}

function withoutTrailingSlash(prefix: string): string {
  return prefix.replace(/\/+$/, '');
}
