/**
 * The one overlay a rehearsal adds to a synthesized stack: a Terraform override file
 * (`rehearsal_override.tf.json`, merged by Terraform over `cdk.tf.json`; the stack itself is
 * not edited) that
 * - makes the provider give up after two retries (the emulator answers "not implemented" to
 *   some calls, which the provider would otherwise retry for ten minutes or more),
 * - pins each provider to the version this machine's mirror has (override files merge
 *   `required_providers` provider by provider),
 * - leaves out, with `count = 0`, the resources the emulator cannot take, each with its reason.
 * https://developer.hashicorp.com/terraform/language/files/override
 */
import type { StackGraph } from '../tfjson/graph';
import { buildGraph } from '../tfjson/graph';

export const OVERLAY_FILE = 'rehearsal_override.tf.json';

/** Resource types moto 5.2.1 cannot take, and why (measured by hand, issue 22). */
export const EMULATOR_EXCLUSIONS: Readonly<Record<string, string>> = {
  aws_cloudwatch_composite_alarm: 'moto does not implement PutCompositeAlarm',
  aws_flow_log:
    "moto reads the S3 destination's folder as part of the bucket name and refuses the flow log",
  aws_s3_bucket_logging:
    'moto\'s bucket-policy check fails on the log-delivery statement (Principal "*")',
  aws_appautoscaling_target:
    'moto does not implement ListTagsForResource for Application Auto Scaling',
  aws_appautoscaling_policy: 'its scalable target is left out (Application Auto Scaling tags)',
};

/**
 * Resource types moto 5.2.1 cannot take outside us-east-1, and why (measured: boto3 against
 * moto_server, the same call succeeds in us-east-1).
 */
export const EMULATOR_EXCLUSIONS_OUTSIDE_US_EAST_1: Readonly<Record<string, string>> = {
  aws_s3_bucket_metric:
    'moto refuses PutBucketMetricsConfiguration outside us-east-1 (IllegalLocationConstraintException)',
};

export interface Skipped {
  readonly address: string;
  readonly reason: string;
}

export interface Overlay {
  readonly file: string;
  readonly json: Record<string, unknown>;
  readonly skipped: readonly Skipped[];
  /** `aws 6.66.0 -> 5.100.0`. */
  readonly repinned: readonly string[];
}

export interface OverlayOptions {
  /** Provider local name -> version the machine has (undefined: the pinned ones install). */
  readonly available?: Readonly<Record<string, string>>;
}

export function overlayFor(stack: Record<string, unknown>, options: OverlayOptions): Overlay {
  const graph: StackGraph = buildGraph(stack, 'stack');
  const required = (graph.terraform['required_providers'] ?? {}) as Record<
    string,
    { source?: string; version?: string }
  >;
  const pins: Record<string, unknown> = {};
  const repinned: string[] = [];
  for (const [name, spec] of Object.entries(required)) {
    const have = options.available?.[name];
    if (!have || have === spec.version) continue;
    pins[name] = { ...spec, version: have };
    repinned.push(`${name} ${spec.version ?? 'any'} -> ${have}`);
  }
  const skipped: Skipped[] = [];
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const block of graph.blocks.values()) {
    const reason =
      block.kind !== 'resource'
        ? undefined
        : (EMULATOR_EXCLUSIONS[block.type] ??
          (graph.region !== undefined && graph.region !== 'us-east-1'
            ? EMULATOR_EXCLUSIONS_OUTSIDE_US_EAST_1[block.type]
            : undefined));
    if (!reason) continue;
    skipped.push({ address: block.address, reason });
    (resources[block.type] ??= {})[block.name] = { count: 0 };
  }
  // A left-out resource must not be read by one that stays (Terraform would refuse the
  // reference to a counted resource without an index): say so instead of failing later.
  const left = new Set(skipped.map((s) => s.address));
  const readers = graph.edges.filter((e) => left.has(e.to) && !left.has(e.from));
  if (readers.length > 0)
    throw new Error(
      `the emulator exclusions leave out resources that others read: ${readers.map((e) => `${e.from} reads ${e.to}`).join('; ')}`,
    );
  // Terraform validates a left-out resource's arguments too: a reference from one left-out
  // resource to another (a scaling policy to its target) would name a counted resource
  // without an index, so such an argument becomes a placeholder.
  for (const edge of graph.edges.filter((e) => left.has(e.from) && left.has(e.to))) {
    const block = graph.block(edge.from)!;
    const attribute = edge.attribute.split('.')[0]!;
    if (typeof block.attrs[attribute] === 'string')
      resources[block.type]![block.name]![attribute] = 'left-out-by-the-rehearsal';
  }
  return {
    file: OVERLAY_FILE,
    json: {
      // The state stays where synthesis puts it, under the rehearsal's own project folder (the
      // deploy commands refuse a backend that differs from the stack's, as they should).
      ...(Object.keys(pins).length > 0 ? { terraform: { required_providers: pins } } : {}),
      provider: { aws: [{ max_retries: 2 }] },
      ...(Object.keys(resources).length > 0 ? { resource: resources } : {}),
    },
    skipped,
    repinned,
  };
}
