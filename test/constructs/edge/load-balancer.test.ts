import { describe, expect, it } from 'vitest';
import { ALB_LOG_PREFIXES } from '../../../src/stacks/payment-stack';
import { ALLOWED_TLS_POLICIES, DEFAULT_TLS_POLICY } from '../../../src/aws-facts/tls-policies';
import { defaultStack, blocksOf, refOf, resourceAt, synthesize } from '../../helpers/synth';

const dev = defaultStack('dev');
const prod = synthesize(
  { ENVIRONMENT: 'prod' },
  {
    certificate: {
      certificateArn:
        'arn:aws:acm:us-east-1:123456789012:certificate/0e5e4a57-c249-4249-aafc-3b40fcd541e9',
    },
    tlsPolicy: 'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  },
);
const alb = resourceAt(dev.json, 'aws_lb', 'LoadBalancer/Alb');
const albRef = refOf(dev.json, 'aws_lb', alb);
const targetGroup = resourceAt(dev.json, 'aws_lb_target_group', 'LoadBalancer/TargetGroup');
const listeners = blocksOf(dev.json, 'aws_lb_listener');

describe('PaymentLoadBalancer', () => {
  it('is internet-facing in every public subnet, named within 32 characters', () => {
    expect(alb.internal).toBe(false);
    expect(alb.name).toBe('payment-alb-dev');
    expect(alb.subnets).toHaveLength(dev.config.network.azCount);
    for (const subnet of alb.subnets as string[]) expect(subnet).toContain('PublicSubnet');
  });

  it('is in the ALB security group (443 and 80 from anywhere, out only to the app)', () => {
    const group = resourceAt(dev.json, 'aws_security_group', 'SecurityGroups/Alb');
    expect(alb.security_groups).toEqual([`\${${refOf(dev.json, 'aws_security_group', group)}.id}`]);
  });

  it('drops invalid headers, uses the strictest desync mode, HTTP/2 and an idle timeout', () => {
    expect(alb).toMatchObject({
      drop_invalid_header_fields: true,
      desync_mitigation_mode: 'strictest',
      enable_http2: true,
      idle_timeout: 60,
    });
  });

  it('has deletion protection per profile: off in dev, on in prod', () => {
    expect(alb.enable_deletion_protection).toBe(false);
    expect(resourceAt(prod.json, 'aws_lb', 'LoadBalancer/Alb').enable_deletion_protection).toBe(
      true,
    );
  });

  it('logs access and connections to the ALB log bucket under the granted prefixes', () => {
    const bucket = resourceAt(dev.json, 'aws_s3_bucket', 'AlbLogs/Bucket');
    const bucketName = `\${${refOf(dev.json, 'aws_s3_bucket', bucket)}.bucket}`;
    expect(alb.access_logs).toEqual({
      bucket: bucketName,
      enabled: true,
      prefix: ALB_LOG_PREFIXES.access.replace(/\/$/, ''),
    });
    expect(alb.connection_logs).toEqual({
      bucket: bucketName,
      enabled: true,
      prefix: ALB_LOG_PREFIXES.connections.replace(/\/$/, ''),
    });
    const policy = resourceAt(dev.json, 'aws_s3_bucket_policy', 'AlbLogs/Policy');
    expect(alb.depends_on).toContain(refOf(dev.json, 'aws_s3_bucket_policy', policy));
  });

  it('answers HTTP on 80 only with a 301 to HTTPS that keeps host, path and query', () => {
    const http = listeners.find((l) => l.port === 80)!;
    expect(http.protocol).toBe('HTTP');
    expect(http.default_action).toEqual([
      {
        type: 'redirect',
        redirect: {
          protocol: 'HTTPS',
          port: '443',
          host: '#{host}',
          path: '/#{path}',
          query: '#{query}',
          status_code: 'HTTP_301',
        },
      },
    ]);
  });

  it('terminates TLS on 443 with the default policy, or the configured allowed one', () => {
    const https = listeners.find((l) => l.port === 443)!;
    expect(https).toMatchObject({ protocol: 'HTTPS', ssl_policy: DEFAULT_TLS_POLICY });
    expect(https.default_action).toEqual([
      {
        type: 'forward',
        target_group_arn: `\${${refOf(dev.json, 'aws_lb_target_group', targetGroup)}.arn}`,
      },
    ]);
    const prodHttps = blocksOf(prod.json, 'aws_lb_listener').find((l) => l.port === 443)!;
    expect(prodHttps.ssl_policy).toBe('ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04');
    for (const listener of [...listeners, ...blocksOf(prod.json, 'aws_lb_listener')]) {
      expect(listener.load_balancer_arn).toBeDefined();
      if (listener.protocol === 'HTTPS') {
        expect(ALLOWED_TLS_POLICIES).toContain(listener.ssl_policy);
      }
    }
    expect(listeners.every((l) => l.load_balancer_arn === `\${${albRef}.arn}`)).toBe(true);
  });

  it('replaces its target group before destroying the old one, under a name that changes with it', () => {
    expect(targetGroup.lifecycle).toEqual({ create_before_destroy: true });
    const fargate = synthesize({}, { compute: { kind: 'ecs-fargate' } });
    const other = resourceAt(fargate.json, 'aws_lb_target_group', 'LoadBalancer/TargetGroup');
    expect(other.target_type).toBe('ip');
    expect(other.name).not.toBe(targetGroup.name);
  });

  it('gives the target group of a new VPC a new name (a new CIDR replaces the VPC and the group)', () => {
    const moved = synthesize({}, { vpcCidr: '10.20.0.0/16' });
    const other = resourceAt(moved.json, 'aws_lb_target_group', 'LoadBalancer/TargetGroup');
    const vpc = resourceAt(moved.json, 'aws_vpc', 'Network/Vpc');
    expect(vpc.cidr_block).toBe('10.20.0.0/16');
    expect(other.vpc_id).toBe(`\${${refOf(moved.json, 'aws_vpc', vpc)}.id}`);
    expect(other.name).toMatch(/^payment-t[0-9a-z]{2}-dev$/);
    expect(other.name).not.toBe(targetGroup.name);
    // Nothing else about the group changes with the VPC.
    expect({ ...other, name: undefined, vpc_id: undefined }).toEqual({
      ...targetGroup,
      name: undefined,
      vpc_id: undefined,
    });
  });

  it('checks targets on /health (200) on the app port, named within 32 characters', () => {
    expect(targetGroup).toMatchObject({
      name: expect.stringMatching(/^payment-t[0-9a-z]{2}-dev$/),
      port: 8080,
      protocol: 'HTTP',
      target_type: 'instance',
      deregistration_delay: '30',
    });
    expect(targetGroup.health_check).toMatchObject({
      enabled: true,
      path: '/health',
      matcher: '200',
      interval: 15,
      timeout: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
    });
  });

  it('outputs what integration tests and DNS need', () => {
    for (const name of [
      'alb_dns_name',
      'alb_arn',
      'alb_zone_id',
      'app_url',
      'target_group_arn',
      'certificate_arn',
      'web_acl_arn',
    ]) {
      expect(dev.json.output[name], name).toBeDefined();
    }
    expect(dev.json.output.app_url!.value).toBe(`https://\${${albRef}.dns_name}`);
  });
});
