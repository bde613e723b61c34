/**
 * Facts and rules of the edge and application tier that configuration validation and the
 * constructs share: instance architectures, Fargate task sizes, image references, the AL2023
 * SSM parameters and the default placeholder image.
 */

export const COMPUTE_KINDS = ['ec2', 'ecs-fargate'] as const;
export type ComputeKind = (typeof COMPUTE_KINDS)[number];

export type CpuArchitecture = 'x86_64' | 'arm64';

/**
 * Public SSM parameters of the latest Amazon Linux 2023 AMI per architecture. Read through
 * `resolve:ssm:` in the launch template, so a new AMI release does not replace instances
 * until the launch template changes for another reason (or an instance refresh is run).
 */
export const AL2023_AMI_PARAMETERS: Readonly<Record<CpuArchitecture, string>> = {
  x86_64: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  arm64: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
};

/** `m7i.large`, `t4g.small`, `m7i-flex.large`: family, a dot, a size. */
export const INSTANCE_TYPE_PATTERN = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)?)\.([a-z0-9]+)$/;

/** Graviton families: a generation digit followed by `g` (`t4g`, `m7gd`, `c6gn`), and `a1`. */
const ARM_FAMILY = /^(?:a1|[a-z]+\d+g[a-z]*)$/;
/** Families Amazon Linux 2023 in an Auto Scaling group cannot run on (dedicated-host Macs). */
const UNSUPPORTED_FAMILY = /^mac/;

/**
 * The CPU architecture of an instance type, or `undefined` when it is not an instance type
 * the app tier can run (not of the `family.size` shape, or a Mac family).
 */
export function architectureOf(instanceType: string): CpuArchitecture | undefined {
  const match = INSTANCE_TYPE_PATTERN.exec(instanceType);
  const family = match?.[1];
  if (!family || UNSUPPORTED_FAMILY.test(family)) return undefined;
  return ARM_FAMILY.test(family.split('-')[0] ?? family) ? 'arm64' : 'x86_64';
}

/**
 * Fargate (Linux) task sizes: CPU units -> memory values in MiB (AWS ECS developer guide,
 * "Task CPU and memory"; 8 and 16 vCPU need platform 1.4.0, which LATEST is).
 */
export const FARGATE_SIZES: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: [1024, 2048, 3072, 4096],
  1024: [2048, 3072, 4096, 5120, 6144, 7168, 8192],
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};
export const FARGATE_CPU_VALUES = Object.keys(FARGATE_SIZES).map(Number);

export function isFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_SIZES[cpu]?.includes(memory) ?? false;
}

/** `[registry/]repository[:tag][@sha256:<64 hex>]`, lowercase repository path. */
const IMAGE_REFERENCE =
  /^(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::([\w][\w.-]{0,127}))?(?:@sha256:[a-f0-9]{64})?$/;

/** Why an image reference is refused, or `undefined` when it is pinned by tag or digest. */
export function imageReferenceProblem(image: string): string | undefined {
  const match = IMAGE_REFERENCE.exec(image);
  if (!match) return 'is not an image reference ([registry/]repository:tag or @sha256:digest)';
  const tag = match[1];
  const digest = image.includes('@sha256:');
  if (!tag && !digest) return 'is not pinned: give a version tag or an @sha256 digest';
  if (tag === 'latest' && !digest) return 'uses the moving tag "latest": pin a version or digest';
  return undefined;
}

/** Where a private ECR image lives: its registry's account and Region, and its repository. */
export interface EcrImageLocation {
  readonly account: string;
  readonly region: string;
  readonly repository: string;
}

/**
 * A private ECR registry is `<account>.dkr.ecr.<region>.amazonaws.com` (`.com.cn` in China),
 * per the ECR user guide, "Amazon ECR private registry"; the repository is the path.
 */
const ECR_PRIVATE_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/;

/** The ECR location of a private ECR image, or `undefined` for any other registry. */
export function ecrImageLocation(image: string): EcrImageLocation | undefined {
  const match = ECR_PRIVATE_IMAGE.exec(image);
  if (!match) return undefined;
  return { account: match[1]!, region: match[2]!, repository: match[3]! };
}

/**
 * The placeholder image of the Fargate app tier: BusyBox 1.37.0 from the ECR Public mirror of
 * Docker Official Images (no Docker Hub rate limits from a NAT address), pinned by the digest
 * of its multi-architecture index. Its `httpd` applet serves files from a writable tmpfs
 * volume as an unprivileged user, so it runs under a read-only root filesystem.
 */
export const DEFAULT_FARGATE_IMAGE =
  'public.ecr.aws/docker/library/busybox:1.37.0@sha256:bdf57e528e45e4433820e045b29b4597825a1c9e38353532d90a01445013f82e';

/** Lowest and highest rate limit a WAF rate-based rule accepts (requests per window). */
export const WAF_RATE_LIMIT_RANGE = { min: 10, max: 2_000_000_000 } as const;

/** App port range: unprivileged ports only (the app runs as a non-root user). */
export const APP_PORT_RANGE = { min: 1024, max: 65535 } as const;

/** Instances or tasks per group: at least one (the first deploy must be healthy). */
export const APP_SIZE_RANGE = { min: 1, max: 100 } as const;

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}
