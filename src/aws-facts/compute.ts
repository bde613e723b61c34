/**
 * EC2 and Fargate facts the app tier is checked against (by configuration and by the compute
 * constructs): which instance families run Amazon Linux 2023 on which architecture, the
 * public SSM parameters of its latest AMI, and the Fargate task sizes.
 */

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

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}
