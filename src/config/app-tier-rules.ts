import type { z } from 'zod';
import type { certificateSchema, computeSchema } from './app-tier-schema';
import { APP_TIER_FIELD_EXAMPLES } from './app-tier-schema';
import type { EcrImageLocation } from './app-tier';
import { architectureOf, DEFAULT_FARGATE_IMAGE, ecrImageLocation } from './app-tier';
import { NAME_PREFIX } from '../naming/naming';
import { fargateSizeProblem, instanceTypeProblem } from '../validation/limits';
import type { Resolved, ResolveContext } from './context';
import type { ConfigProblem } from './errors';
import { COMMON_DEFAULTS } from './profiles';
import { RDP_PORT } from '../tfjson/aws';
import type { TlsPolicy } from '../aws-facts/tls-policies';
import { DEFAULT_TLS_POLICY } from '../aws-facts/tls-policies';
import type { CertificateConfig, ComputeConfig, EdgeConfig } from './types';

export type ComputeInput = z.infer<typeof computeSchema>;
export type CertificateInput = z.infer<typeof certificateSchema>;

export interface AppTierInput {
  readonly compute?: ComputeInput;
  readonly certificate?: CertificateInput;
  readonly tlsPolicy?: TlsPolicy;
  readonly waf?: { readonly rateLimitPerFiveMinutes?: number };
  /** The database engine's port, which the app port must not take. */
  readonly databasePort: number;
  /** The stack's suffix, which names its own image repository. */
  readonly suffix: string;
  /** `allowedAccountIds`, when given: an ECR image must be in one of them. */
  readonly allowedAccountIds: readonly string[] | undefined;
}

export interface AppTierConfig {
  readonly compute: ComputeConfig;
  readonly edge: EdgeConfig;
}

const EC2_ONLY = ['instanceType', 'amiId'] as const;
const FARGATE_ONLY = ['cpu', 'memory', 'image', 'grantImagePull'] as const;

/**
 * The edge and app tier settings with profile defaults applied, after the rules that span
 * fields: min <= desired <= max, instance family, Fargate size, keys that belong to the
 * other compute kind, the certificate mode and its conflicts, and prod's real certificate.
 * A rule reading a field already reported is skipped.
 */
export function resolveAppTier(
  context: ResolveContext,
  input: AppTierInput,
): Resolved<AppTierConfig> {
  const problems: ConfigProblem[] = [];
  const compute = resolveCompute(context, input, problems);
  const certificate = context.reported('certificate')
    ? ({ mode: 'self-signed' } as const)
    : resolveCertificate(context, input.certificate, problems);
  return {
    value: {
      compute,
      edge: {
        certificate,
        tlsPolicy: input.tlsPolicy ?? DEFAULT_TLS_POLICY,
        wafRateLimitPerFiveMinutes:
          input.waf?.rateLimitPerFiveMinutes ?? COMMON_DEFAULTS.wafRateLimitPerFiveMinutes,
      },
    },
    problems,
  };
}

function problem(field: string, value: unknown, rule: string): ConfigProblem {
  return { field, value, rule, example: APP_TIER_FIELD_EXAMPLES[field] ?? '' };
}

function resolveCompute(
  context: ResolveContext,
  appTier: AppTierInput,
  problems: ConfigProblem[],
): ComputeConfig {
  const input = appTier.compute ?? {};
  const { databasePort } = appTier;
  const settings = context.defaults;
  const ok = (...fields: string[]) => !context.reported(...fields.map((f) => `compute.${f}`));
  const kind = input.kind ?? 'ec2';
  const size = {
    minSize: input.minSize ?? settings.appMinSize,
    desiredSize: input.desiredSize ?? settings.appDesiredSize,
    maxSize: input.maxSize ?? settings.appMaxSize,
    appPort: input.appPort ?? COMMON_DEFAULTS.appPort,
  };
  if (ok('minSize', 'desiredSize') && size.minSize > size.desiredSize) {
    problems.push(
      problem('compute.minSize', size.minSize, `is above desiredSize (${size.desiredSize})`),
    );
  }
  if (ok('desiredSize', 'maxSize') && size.desiredSize > size.maxSize) {
    problems.push(
      problem('compute.desiredSize', size.desiredSize, `is above maxSize (${size.maxSize})`),
    );
  }
  if (ok('appPort') && size.appPort === RDP_PORT) {
    // The default network ACL closes 3389 at every subnet (Security Hub EC2.21), so the load
    // balancer could never reach the app on it.
    problems.push(
      problem('compute.appPort', size.appPort, 'is the RDP port, which the network ACL closes'),
    );
  }
  if (ok('appPort') && size.appPort === databasePort) {
    problems.push(
      problem('compute.appPort', size.appPort, `is the database port (${databasePort})`),
    );
  }
  if (ok('kind')) {
    const foreign = kind === 'ec2' ? FARGATE_ONLY : EC2_ONLY;
    for (const key of foreign) {
      if (input[key] !== undefined) {
        const other = kind === 'ec2' ? 'ecs-fargate' : 'ec2';
        problems.push({
          ...problem(`compute.${key}`, input[key], `does not apply to compute.kind "${kind}"`),
          // The fix is to drop the key (or switch kind), not another value for it.
          example: `no compute.${key}, or "kind": "${other}"`,
        });
      }
    }
  }

  if (kind === 'ec2') {
    const instanceType = input.instanceType ?? settings.instanceType;
    const architecture = architectureOf(instanceType);
    const unsupported = ok('instanceType') ? instanceTypeProblem(instanceType) : undefined;
    if (unsupported) problems.push(unsupported);
    return {
      kind,
      ...size,
      instanceType,
      architecture: architecture ?? 'x86_64',
      amiId: input.amiId,
    };
  }

  const cpu = input.cpu ?? settings.fargateCpu;
  const memory = input.memory ?? settings.fargateMemory;
  const badSize = ok('cpu', 'memory') ? fargateSizeProblem(cpu, memory) : undefined;
  if (badSize) problems.push(badSize);
  const location = input.image === undefined ? undefined : ecrImageLocation(input.image);
  if (input.image !== undefined && ok('image', 'grantImagePull')) {
    problems.push(...imagePullProblems(context, appTier, input.image, location));
  }
  return {
    kind,
    ...size,
    cpu,
    memory,
    image: input.image ?? DEFAULT_FARGATE_IMAGE,
    placeholderImage: input.image === undefined,
    imagePull: location && { ...location, granted: input.grantImagePull === true },
  };
}

/**
 * Whether the task execution role can pull the image. It may pull only from the stack's own
 * repository (`payment-app-<suffix>`), in the stack's account and Region, unless
 * `grantImagePull` grants the image's repository explicitly. What synthesis cannot know (the
 * account, without `allowedAccountIds`) a plan-time precondition checks (FargateAppTier).
 */
function imagePullProblems(
  context: ResolveContext,
  appTier: AppTierInput,
  image: string,
  location: EcrImageLocation | undefined,
): ConfigProblem[] {
  const granted = appTier.compute?.grantImagePull === true;
  if (!location) {
    return granted
      ? [
          problem(
            'compute.grantImagePull',
            true,
            'applies only to a private ECR image (<account>.dkr.ecr.<region>.amazonaws.com/<repository>); public images need no grant',
          ),
        ]
      : [];
  }
  if (granted) return [];
  const own = `${NAME_PREFIX}-app-${appTier.suffix}`;
  const region = context.region ?? location.region;
  const account = appTier.allowedAccountIds?.[0] ?? location.account;
  const fix = `push it to the stack's repository ${own}, or set compute.grantImagePull to grant that repository explicitly`;
  const example = `"${account}.dkr.ecr.${region}.amazonaws.com/${own}:1.4.2"`;
  const problems: ConfigProblem[] = [];
  const add = (rule: string) =>
    problems.push({ field: 'compute.image', value: image, rule: `${rule}; ${fix}`, example });
  if (context.region && location.region !== context.region) {
    add(
      `is in ECR in ${location.region}, but the task execution role of this ${context.region} stack may pull only from its own repository in ${context.region}`,
    );
  } else if (location.repository !== own) {
    add(
      `is in the repository "${location.repository}", but the task execution role may pull only from the stack's own repository "${own}"`,
    );
  }
  if (appTier.allowedAccountIds && !appTier.allowedAccountIds.includes(location.account)) {
    add(
      `is in account ${location.account}, which is not in allowedAccountIds (${appTier.allowedAccountIds.join(', ')}), so it is not the stack's repository`,
    );
  }
  return problems;
}

function resolveCertificate(
  context: ResolveContext,
  input: CertificateInput | undefined,
  problems: ConfigProblem[],
): CertificateConfig {
  const { profile, region } = context;
  const selfSignedAllowed = context.defaults.allowSelfSignedCertificate;
  if (input === undefined) {
    if (!selfSignedAllowed) {
      problems.push(
        problem(
          'certificate',
          undefined,
          `must name a real certificate in ${profile} (an ACM ARN, or a domain with or without a Route 53 zone); self-signed is for dev and staging only`,
        ),
      );
    }
    return { mode: 'self-signed' };
  }
  const { certificateArn, domainName, hostedZoneId, selfSigned } = input;
  const before = problems.length;
  if (selfSigned && (certificateArn || domainName || hostedZoneId)) {
    problems.push(
      problem(
        'certificate.selfSigned',
        selfSigned,
        'cannot be combined with certificateArn, domainName or hostedZoneId',
      ),
    );
  }
  if (selfSigned && !selfSignedAllowed) {
    problems.push(
      problem(
        'certificate.selfSigned',
        selfSigned,
        `is not allowed in ${profile}: browsers and payment partners do not trust it`,
      ),
    );
  }
  if (certificateArn && (hostedZoneId || domainName)) {
    problems.push(
      problem(
        'certificate.certificateArn',
        certificateArn,
        'is given together with a domainName or hostedZoneId; an existing certificate needs neither',
      ),
    );
  }
  if (certificateArn && region && certificateArn.split(':')[3] !== region) {
    problems.push({
      ...problem(
        'certificate.certificateArn',
        certificateArn,
        `is in another Region than the load balancer (${region}); ACM certificates are regional`,
      ),
      // An example in the stack's Region, the one that fits.
      example: `"arn:aws:acm:${region}:123456789012:certificate/0e5e4a57-c249-4249-aafc-3b40fcd541e9"`,
    });
  }
  if (hostedZoneId && !domainName && !certificateArn) {
    problems.push(
      problem('certificate.hostedZoneId', hostedZoneId, 'is given without a domainName'),
    );
  }
  if (!selfSigned && !certificateArn && !domainName && !hostedZoneId) {
    problems.push(
      problem(
        'certificate',
        input,
        'names no certificate mode (certificateArn, domainName [+ hostedZoneId], or selfSigned)',
      ),
    );
  }
  if (problems.length > before) return { mode: 'self-signed' };
  if (certificateArn) return { mode: 'existing', certificateArn };
  if (domainName && hostedZoneId) return { mode: 'route53', domainName, hostedZoneId };
  if (domainName) return { mode: 'manual-dns', domainName };
  return { mode: 'self-signed' };
}
