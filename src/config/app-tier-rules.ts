import type { z } from 'zod';
import type { certificateSchema, computeSchema } from './app-tier-schema';
import { APP_TIER_FIELD_EXAMPLES } from './app-tier-schema';
import { architectureOf, DEFAULT_FARGATE_IMAGE, FARGATE_SIZES, isFargateSize } from './app-tier';
import type { ConfigProblem } from './errors';
import type { ProfileDefaults, ProfileName } from './profiles';
import { COMMON_DEFAULTS } from './profiles';
import type { TlsPolicy } from './tls-policies';
import { DEFAULT_TLS_POLICY } from './tls-policies';
import type { CertificateConfig, ComputeConfig, EdgeConfig } from './types';

export type ComputeInput = z.infer<typeof computeSchema>;
export type CertificateInput = z.infer<typeof certificateSchema>;

export interface AppTierInput {
  readonly compute?: ComputeInput;
  readonly certificate?: CertificateInput;
  readonly tlsPolicy?: TlsPolicy;
  readonly waf?: { readonly rateLimitPerFiveMinutes?: number };
}

export interface AppTierConfig {
  readonly compute: ComputeConfig;
  readonly edge: EdgeConfig;
}

const EC2_ONLY = ['instanceType', 'amiId'] as const;
const FARGATE_ONLY = ['cpu', 'memory', 'image'] as const;

/**
 * The edge and app tier settings with profile defaults applied, after the rules that span
 * fields: min <= desired <= max, instance family, Fargate size, keys that belong to the
 * other compute kind, the certificate mode and its conflicts, and prod's real certificate.
 * Problems are appended to `problems`; a rule reading a field already reported is skipped.
 */
export function resolveAppTier(
  profile: ProfileName,
  settings: ProfileDefaults,
  /** The stack's Region; `undefined` when it is itself invalid. */
  region: string | undefined,
  input: AppTierInput,
  invalidFields: ReadonlySet<string>,
  problems: ConfigProblem[],
  /** The database engine's port, which the app port must not take. */
  databasePort: number,
): AppTierConfig {
  const compute = resolveCompute(
    settings,
    input.compute ?? {},
    invalidFields,
    problems,
    databasePort,
  );
  const certificate = invalidFields.has('certificate')
    ? ({ mode: 'self-signed' } as const)
    : resolveCertificate(profile, settings, region, input.certificate, problems);
  return {
    compute,
    edge: {
      certificate,
      tlsPolicy: input.tlsPolicy ?? DEFAULT_TLS_POLICY,
      wafRateLimitPerFiveMinutes:
        input.waf?.rateLimitPerFiveMinutes ?? COMMON_DEFAULTS.wafRateLimitPerFiveMinutes,
    },
  };
}

function problem(field: string, value: unknown, rule: string): ConfigProblem {
  return { field, value, rule, example: APP_TIER_FIELD_EXAMPLES[field] ?? '' };
}

function resolveCompute(
  settings: ProfileDefaults,
  input: ComputeInput,
  invalidFields: ReadonlySet<string>,
  problems: ConfigProblem[],
  databasePort: number,
): ComputeConfig {
  const kind = input.kind ?? 'ec2';
  const size = {
    minSize: input.minSize ?? settings.appMinSize,
    desiredSize: input.desiredSize ?? settings.appDesiredSize,
    maxSize: input.maxSize ?? settings.appMaxSize,
    appPort: input.appPort ?? COMMON_DEFAULTS.appPort,
  };
  if (!invalidFields.has('compute')) {
    if (size.minSize > size.desiredSize) {
      problems.push(
        problem('compute.minSize', size.minSize, `is above desiredSize (${size.desiredSize})`),
      );
    }
    if (size.desiredSize > size.maxSize) {
      problems.push(
        problem('compute.desiredSize', size.desiredSize, `is above maxSize (${size.maxSize})`),
      );
    }
    if (size.appPort === databasePort) {
      problems.push(
        problem('compute.appPort', size.appPort, `is the database port (${databasePort})`),
      );
    }
    const foreign = kind === 'ec2' ? FARGATE_ONLY : EC2_ONLY;
    for (const key of foreign) {
      if (input[key] !== undefined) {
        problems.push(
          problem(`compute.${key}`, input[key], `does not apply to compute.kind "${kind}"`),
        );
      }
    }
  }

  if (kind === 'ec2') {
    const instanceType = input.instanceType ?? settings.instanceType;
    const architecture = architectureOf(instanceType);
    if (!architecture && !invalidFields.has('compute')) {
      problems.push(
        problem(
          'compute.instanceType',
          instanceType,
          'is of a family with no Amazon Linux 2023 image for an Auto Scaling group (x86_64 or Graviton arm64 families only)',
        ),
      );
    }
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
  if (!invalidFields.has('compute') && !isFargateSize(cpu, memory)) {
    const allowed = FARGATE_SIZES[cpu] ?? [];
    problems.push(
      problem(
        'compute.memory',
        memory,
        `is not a Fargate memory size for ${cpu} CPU units (${allowed[0]}-${allowed[allowed.length - 1]} MiB: ${allowed.join(', ')})`,
      ),
    );
  }
  return {
    kind,
    ...size,
    cpu,
    memory,
    image: input.image ?? DEFAULT_FARGATE_IMAGE,
    placeholderImage: input.image === undefined,
  };
}

function resolveCertificate(
  profile: ProfileName,
  settings: ProfileDefaults,
  region: string | undefined,
  input: CertificateInput | undefined,
  problems: ConfigProblem[],
): CertificateConfig {
  const selfSignedAllowed = settings.allowSelfSignedCertificate;
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
    problems.push(
      problem(
        'certificate.certificateArn',
        certificateArn,
        `is in another Region than the load balancer (${region}); ACM certificates are regional`,
      ),
    );
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
