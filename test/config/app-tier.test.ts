import { describe, expect, it } from 'vitest';
import {
  architectureOf,
  DEFAULT_FARGATE_IMAGE,
  imageReferenceProblem,
} from '../../src/config/app-tier';
import { ConfigError } from '../../src/config/errors';
import { loadConfig } from '../../src/config/load';
import { PROFILES } from '../../src/config/profiles';
import { DEFAULT_TLS_POLICY } from '../../src/aws-facts/tls-policies';
import type { AppConfig } from '../../src/config/types';
import { TEST_ACCOUNT_ID, TEST_KEY_ADMINISTRATOR_ARN } from '../helpers/synth';

const ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0e5e4a57-c249-4249-aafc-3b40fcd541e9';

function load(file: Record<string, unknown>, env: Record<string, string> = {}): AppConfig {
  return loadConfig({ ...env, CONFIG_FILE: 'c.json' }, () => JSON.stringify(file));
}

/** The problems reported for a config file, as `field: rule` lines. */
function problems(file: Record<string, unknown>, env: Record<string, string> = {}): string[] {
  try {
    load(file, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.field}: ${p.rule}`);
    throw error;
  }
  return [];
}

function expectProblem(
  file: Record<string, unknown>,
  field: string,
  rule: RegExp,
  env: Record<string, string> = {},
) {
  const found = problems(file, env);
  expect(
    found.some((p) => p.startsWith(`${field}: `) && rule.test(p)),
    found.join('\n'),
  ).toBe(true);
}

describe('app tier configuration defaults', () => {
  it('dev defaults to EC2 with the profile size, a self-signed certificate and the default TLS policy', () => {
    const config = load({});
    expect(config.compute).toMatchObject({
      kind: 'ec2',
      instanceType: PROFILES.dev.instanceType,
      architecture: 'x86_64',
      minSize: 1,
      desiredSize: 1,
      maxSize: 2,
      appPort: 8080,
    });
    expect(config.edge).toEqual({
      certificate: { mode: 'self-signed' },
      tlsPolicy: DEFAULT_TLS_POLICY,
      wafRateLimitPerFiveMinutes: 2000,
    });
  });

  it('Fargate takes the profile task size and the pinned placeholder image', () => {
    const config = load({ compute: { kind: 'ecs-fargate' } }, { ENVIRONMENT: 'staging' });
    expect(config.compute).toMatchObject({
      kind: 'ecs-fargate',
      cpu: 512,
      memory: 1024,
      image: DEFAULT_FARGATE_IMAGE,
      placeholderImage: true,
    });
  });

  it('maps each certificate input to its mode', () => {
    expect(load({ certificate: { certificateArn: ARN } }).edge.certificate.mode).toBe('existing');
    expect(
      load({ certificate: { domainName: 'pay.example.com', hostedZoneId: 'Z0123ABC' } }).edge
        .certificate.mode,
    ).toBe('route53');
    expect(load({ certificate: { domainName: 'pay.example.com' } }).edge.certificate.mode).toBe(
      'manual-dns',
    );
    expect(load({ certificate: { selfSigned: true } }).edge.certificate.mode).toBe('self-signed');
  });

  it('accepts prod with a real certificate', () => {
    const config = load(
      {
        certificate: { certificateArn: ARN },
        allowedAccountIds: [TEST_ACCOUNT_ID],
        keyAdministratorArns: [TEST_KEY_ADMINISTRATOR_ARN],
      },
      { ENVIRONMENT: 'prod' },
    );
    expect(config.edge.certificate).toEqual({ mode: 'existing', certificateArn: ARN });
    expect(config.compute).toMatchObject({ instanceType: 'm7i.large', minSize: 3, maxSize: 12 });
  });

  it('derives arm64 from Graviton families and picks nothing for Mac families', () => {
    expect(architectureOf('t4g.small')).toBe('arm64');
    expect(architectureOf('m7gd.large')).toBe('arm64');
    expect(architectureOf('c6gn.xlarge')).toBe('arm64');
    expect(architectureOf('a1.large')).toBe('arm64');
    expect(architectureOf('m7i-flex.large')).toBe('x86_64');
    expect(architectureOf('g4dn.xlarge')).toBe('x86_64');
    expect(architectureOf('mac2.metal')).toBeUndefined();
    expect(load({ compute: { instanceType: 'm7g.large' } }).compute).toMatchObject({
      architecture: 'arm64',
    });
  });

  it('accepts images pinned by tag or digest', () => {
    expect(imageReferenceProblem('nginx:1.27.4')).toBeUndefined();
    expect(imageReferenceProblem(DEFAULT_FARGATE_IMAGE)).toBeUndefined();
    expect(
      imageReferenceProblem('123456789012.dkr.ecr.us-east-1.amazonaws.com/payments:1.4.2'),
    ).toBeUndefined();
  });
});

describe('app tier validation: every rule fails on bad input', () => {
  it.each([
    [{ compute: { kind: 'lambda' } }, 'compute.kind', /is not a compute kind/],
    [{ compute: { instanceType: 'large' } }, 'compute.instanceType', /is not an EC2 instance type/],
    [{ compute: { instanceType: 'mac2.metal' } }, 'compute.instanceType', /no Amazon Linux 2023/],
    [{ compute: { amiId: 'ami-123' } }, 'compute.amiId', /is not an AMI ID/],
    [{ compute: { minSize: 0 } }, 'compute.minSize', /is outside 1-100/],
    [{ compute: { maxSize: 101 } }, 'compute.maxSize', /is outside 1-100/],
    [{ compute: { desiredSize: 1.5 } }, 'compute.desiredSize', /must be a whole number/],
    [{ compute: { minSize: 2, desiredSize: 1 } }, 'compute.minSize', /is above desiredSize/],
    [{ compute: { desiredSize: 3 } }, 'compute.desiredSize', /is above maxSize \(2\)/],
    [{ compute: { appPort: 80 } }, 'compute.appPort', /is outside 1024-65535/],
    [{ compute: { appPort: 3306 } }, 'compute.appPort', /is the database port/],
    [
      { compute: { appPort: 3389 } },
      'compute.appPort',
      /is the RDP port, which the network ACL closes/,
    ],
    [{ compute: { kind: 'ecs-fargate', cpu: 300 } }, 'compute.cpu', /is not a Fargate CPU value/],
    [
      { compute: { kind: 'ecs-fargate', cpu: 256, memory: 4096 } },
      'compute.memory',
      /is not a Fargate memory size for 256 CPU units/,
    ],
    [{ compute: { kind: 'ecs-fargate', image: 'nginx' } }, 'compute.image', /is not pinned/],
    [
      { compute: { kind: 'ecs-fargate', image: 'nginx:latest' } },
      'compute.image',
      /moving tag "latest"/,
    ],
    [{ compute: { kind: 'ecs-fargate', image: 'Nginx:1' } }, 'compute.image', /not an image/],
    [{ compute: { cpu: 256 } }, 'compute.cpu', /does not apply to compute.kind "ec2"/],
    [
      { compute: { kind: 'ecs-fargate', instanceType: 't3.small' } },
      'compute.instanceType',
      /does not apply to compute.kind "ecs-fargate"/,
    ],
    [{ compute: { size: 2 } }, 'compute.size', /is not a key of compute/],
    [{ tlsPolicy: 'ELBSecurityPolicy-2016-08' }, 'tlsPolicy', /is not an allowed TLS policy/],
    [
      { tlsPolicy: 'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06' },
      'tlsPolicy',
      /is not an allowed TLS policy/,
    ],
    [{ waf: { rateLimitPerFiveMinutes: 5 } }, 'waf.rateLimitPerFiveMinutes', /is outside 10-/],
    [{ waf: { limit: 100 } }, 'waf.limit', /is not a key of waf/],
    [{ certificate: {} }, 'certificate', /names no certificate mode/],
    [
      { certificate: { certificateArn: 'arn:aws:iam::1:x' } },
      'certificate.certificateArn',
      /is not an ACM certificate ARN/,
    ],
    [
      { certificate: { certificateArn: ARN, hostedZoneId: 'Z0123ABC' } },
      'certificate.certificateArn',
      /together with a domainName or hostedZoneId/,
    ],
    [
      { certificate: { certificateArn: ARN.replace('us-east-1', 'eu-west-1') } },
      'certificate.certificateArn',
      /another Region/,
    ],
    [
      { certificate: { hostedZoneId: 'Z0123ABC' } },
      'certificate.hostedZoneId',
      /without a domainName/,
    ],
    [
      { certificate: { domainName: '*.example.com' } },
      'certificate.domainName',
      /without a wildcard/,
    ],
    [
      { certificate: { hostedZoneId: 'zone' } },
      'certificate.hostedZoneId',
      /is not a Route 53 hosted zone ID/,
    ],
    [
      { certificate: { selfSigned: true, domainName: 'pay.example.com' } },
      'certificate.selfSigned',
      /cannot be combined/,
    ],
    [{ certificate: { selfSigned: false } }, 'certificate.selfSigned', /must be true/],
  ])('%j reports %s', (file, field, rule) => {
    expectProblem(file, field, rule);
  });

  it('prod refuses a missing certificate and a self-signed one', () => {
    expectProblem({}, 'certificate', /must name a real certificate in prod/, {
      ENVIRONMENT: 'prod',
    });
    expectProblem(
      { certificate: { selfSigned: true } },
      'certificate.selfSigned',
      /not allowed in prod/,
      {
        ENVIRONMENT: 'prod',
      },
    );
  });

  it('reports every app tier problem at once, each with an example', () => {
    try {
      load({
        compute: { kind: 'ecs-fargate', cpu: 256, memory: 4096, minSize: 3 },
        tlsPolicy: 'weak',
        certificate: { certificateArn: ARN, hostedZoneId: 'Z0123ABC' },
      });
      expect.unreachable('the configuration is invalid');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const reported = (error as ConfigError).problems;
      expect(reported.map((p) => p.field).sort()).toEqual(
        ['certificate.certificateArn', 'compute.memory', 'compute.minSize', 'tlsPolicy'].sort(),
      );
      for (const p of reported) expect(p.example).not.toBe('');
    }
  });
});

describe('an ECR image the execution role can pull', () => {
  const own = (region = 'us-east-1', account = '123456789012') =>
    `${account}.dkr.ecr.${region}.amazonaws.com/payment-app-dev:1.4.2`;
  const fargate = (compute: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    compute: { kind: 'ecs-fargate', ...compute },
    ...extra,
  });

  it("accepts the stack's own repository and records where the image lives", () => {
    const { compute } = load(fargate({ image: own() }));
    expect(compute.kind === 'ecs-fargate' && compute.imagePull).toEqual({
      account: '123456789012',
      region: 'us-east-1',
      repository: 'payment-app-dev',
      granted: false,
    });
  });

  it('refuses another Region than the stack, with an example in the right Region', () => {
    const [problem, ...rest] = problemsOf(fargate({ image: own('eu-west-1') }));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      field: 'compute.image',
      example: `"${own()}"`,
    });
    expect(problem!.rule).toMatch(/^is in ECR in eu-west-1, but .* this us-east-1 stack/);
  });

  it('refuses another repository than the stack’s own', () => {
    const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/payments:1.4.2';
    const [problem] = problemsOf(fargate({ image }));
    expect(problem!.rule).toMatch(/repository "payments".*own repository "payment-app-dev"/);
  });

  it('refuses an account outside allowedAccountIds when they are given', () => {
    const [problem, ...rest] = problemsOf(
      fargate({ image: own('us-east-1', '210987654321') }, { allowedAccountIds: ['123456789012'] }),
    );
    expect(rest).toEqual([]);
    expect(problem!.rule).toMatch(/account 210987654321, which is not in allowedAccountIds/);
    expect(problem!.example).toBe(`"${own()}"`);
  });

  it('accepts any ECR image with grantImagePull, and refuses grantImagePull for other images', () => {
    const image = '210987654321.dkr.ecr.eu-west-1.amazonaws.com/shared/pay:2.0.0';
    const { compute } = load(fargate({ image, grantImagePull: true }));
    expect(compute.kind === 'ecs-fargate' && compute.imagePull?.granted).toBe(true);
    const [problem] = problemsOf(
      fargate({ image: 'public.ecr.aws/x/y:1.0', grantImagePull: true }),
    );
    expect(problem).toMatchObject({ field: 'compute.grantImagePull' });
    expect(problemsOf({ compute: { grantImagePull: true } })[0]!.rule).toBe(
      'does not apply to compute.kind "ec2"',
    );
  });

  it('needs no grant for a public image', () => {
    const { compute } = load(fargate({ image: 'public.ecr.aws/docker/library/nginx:1.27' }));
    expect(compute.kind === 'ecs-fargate' && compute.imagePull).toBeUndefined();
  });
});

function problemsOf(file: Record<string, unknown>) {
  try {
    load(file);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}
