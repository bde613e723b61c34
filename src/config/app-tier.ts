/**
 * Facts and rules of the edge and application tier: image references, the default
 * placeholder image and the ranges configuration accepts. The AWS facts the constructs share
 * (instance architectures, Fargate task sizes, the AL2023 SSM parameters) live in
 * `src/aws-facts/compute.ts` and are re-exported here for configuration.
 */
export type { CpuArchitecture } from '../aws-facts/compute';
export {
  AL2023_AMI_PARAMETERS,
  architectureOf,
  FARGATE_CPU_VALUES,
  FARGATE_SIZES,
  INSTANCE_TYPE_PATTERN,
  isFargateSize,
} from '../aws-facts/compute';

export const COMPUTE_KINDS = ['ec2', 'ecs-fargate'] as const;
export type ComputeKind = (typeof COMPUTE_KINDS)[number];

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
