/** Runs the rules over every stack, applies suppressions, and builds the report. */
import type { StackGraph } from '../tfjson/graph';
import type { Rule, Severity } from './rule';
import { appliesTo, inScope, severityRank } from './rule';
import type { StackShape } from './stack-shape';
import { stackShape } from './stack-shape';
import type { Suppression, SuppressionFile } from './suppressions';
import { describeSuppression, guardHolds, matcher } from './suppressions';

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly stack: string;
  readonly file: string;
  readonly address: string;
  readonly message: string;
  /**
   * Terraform computes the value at apply time, so the gate could not check it. It fails the
   * gate like any finding at its severity (the control is not shown to hold) unless a
   * suppression covers it. @default false
   */
  readonly unknown?: true;
  /** Set when a suppression covers the finding. */
  readonly suppression?: {
    readonly index: number;
    readonly reason: string;
    readonly expires?: string;
  };
}

/** `unknown`: every open finding of the rule is a value computed at apply time. */
export type RuleStatus = 'pass' | 'fail' | 'unknown' | 'suppressed' | 'n/a';

export interface StackResult {
  readonly stack: string;
  readonly file: string;
  readonly profile: string | undefined;
  /** Compute kind and database engine, from the resources. */
  readonly shape: StackShape;
  readonly resourceCount: number;
  readonly findings: readonly Finding[];
  readonly status: Readonly<Record<string, RuleStatus>>;
  /** Resource types present that no rule (and no known-benign list) covers. */
  readonly uncoveredTypes: readonly string[];
}

export interface AppliedSuppression {
  readonly index: number;
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
  readonly expires?: string;
  readonly matches: ReadonlyArray<{ readonly stack: string; readonly address: string }>;
}

export interface Report {
  readonly tool: { readonly name: string; readonly version: string };
  readonly rules: readonly Rule[];
  readonly stacks: readonly StackResult[];
  readonly suppressionsFile: string;
  readonly applied: readonly AppliedSuppression[];
  /** Suppressions not active in any stack checked (their `whenResourceTypes` are absent). */
  readonly dormant: readonly string[];
  /** Suppression errors: each fails the gate. */
  readonly suppressionErrors: readonly string[];
  /** Rules that crashed: each fails the gate (a bug in the gate, reported not hidden). */
  readonly engineErrors: readonly string[];
}

export const TOOL = { name: 'payment-compliance-gate', version: '1.0.0' } as const;

/**
 * Resource types deliberately not checked by any rule: plumbing whose risks are checked
 * through the resources that use them (a route through its route table, a bucket's policy
 * through the bucket).
 */
export const COVERED_INDIRECTLY = new Set([
  'aws_eip',
  'aws_internet_gateway',
  'aws_nat_gateway',
  'aws_route',
  'aws_route_table',
  'aws_route_table_association',
  'aws_vpc_endpoint',
  'aws_kms_alias',
  'aws_kms_key_policy',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_object_lock_configuration',
  'aws_s3_bucket_acl',
  'aws_s3_bucket_cors_configuration',
  'aws_s3_bucket_website_configuration',
  'aws_default_security_group',
  'aws_db_subnet_group',
  'aws_rds_cluster_parameter_group',
  'aws_db_parameter_group',
  'aws_wafv2_web_acl_association',
  'aws_wafv2_web_acl_logging_configuration',
  'aws_lb_listener_rule',
  'aws_lb_target_group_attachment',
  'aws_acm_certificate_validation',
  'aws_route53_record',
  'aws_iam_instance_profile',
  'aws_iam_service_linked_role',
  'aws_sns_topic_policy',
  'aws_sns_topic_subscription',
  'aws_ecr_repository_policy',
  'aws_ecr_lifecycle_policy',
  'aws_secretsmanager_secret_rotation',
  'aws_appautoscaling_target',
  'aws_appautoscaling_policy',
  'aws_autoscaling_policy',
  'aws_cloudwatch_dashboard',
  // The account baseline's finding routes (their targets' topic policies are checked by the
  // SNS rules) and the trail's replication (PAY-S3-021 reads it).
  'aws_cloudwatch_event_rule',
  'aws_cloudwatch_event_target',
  'aws_s3_bucket_replication_configuration',
  'random_id',
  'random_string',
]);

export function evaluate(
  graphs: readonly StackGraph[],
  rules: readonly Rule[],
  suppressionFile: SuppressionFile,
  today: string = new Date().toISOString().slice(0, 10),
): Report {
  const match = matcher(suppressionFile, today);
  const knownTypes = new Set([...COVERED_INDIRECTLY, ...rules.flatMap((r) => r.resourceTypes)]);
  const engineErrors: string[] = [];
  const applied = new Map<
    number,
    AppliedSuppression & { matches: Array<{ stack: string; address: string }> }
  >();
  const stackTypes = graphs.map(
    (g) => new Set([...g.blocks.values()].filter((b) => b.kind === 'resource').map((b) => b.type)),
  );

  const stacks = graphs.map((graph, gi): StackResult => {
    const types = stackTypes[gi]!;
    const findings: Finding[] = [];
    const status: Record<string, RuleStatus> = {};
    for (const rule of rules) {
      if (!inScope(rule, graph)) {
        status[rule.id] = 'n/a';
        continue;
      }
      let violations;
      try {
        violations = rule.check(graph, graphs);
      } catch (error) {
        engineErrors.push(`${rule.id} failed on stack ${graph.name}: ${(error as Error).message}`);
        status[rule.id] = 'fail';
        continue;
      }
      let open = 0;
      let openUnknown = 0;
      for (const v of violations) {
        const s: Suppression | undefined = match.match(rule.id, graph, v.address);
        if (s) {
          const entry = applied.get(s.index) ?? {
            index: s.index,
            rule: s.rule,
            resource: s.resource,
            reason: s.reason,
            ...(s.expires ? { expires: s.expires } : {}),
            matches: [],
          };
          entry.matches.push({ stack: graph.name, address: v.address });
          applied.set(s.index, entry);
        } else if (v.unknown) openUnknown++;
        else open++;
        findings.push({
          ruleId: rule.id,
          severity: rule.severity,
          title: rule.title,
          stack: graph.name,
          file: graph.file,
          address: v.address,
          message: v.message,
          ...(v.unknown ? { unknown: true as const } : {}),
          ...(s
            ? {
                suppression: {
                  index: s.index,
                  reason: s.reason,
                  ...(s.expires ? { expires: s.expires } : {}),
                },
              }
            : {}),
        });
      }
      status[rule.id] =
        violations.length === 0
          ? appliesTo(rule, graph)
            ? 'pass'
            : 'n/a'
          : open > 0
            ? 'fail'
            : openUnknown > 0
              ? 'unknown'
              : 'suppressed';
    }
    return {
      stack: graph.name,
      file: graph.file,
      profile: graph.profile,
      shape: stackShape(graph),
      resourceCount: [...graph.blocks.values()].filter((b) => b.kind === 'resource').length,
      findings,
      status,
      uncoveredTypes: [...types].filter((t) => !knownTypes.has(t)).sort(),
    };
  });

  const suppressionErrors = [
    ...suppressionFile.errors,
    ...match.finish(new Set(rules.map((r) => r.id)), graphs),
  ];
  const dormant = suppressionFile.suppressions
    .filter((s) => s.when && !graphs.some((g) => guardHolds(s, g)))
    .map(
      (s) =>
        `${describeSuppression(s)} (active once a stack has ${s.when!.map((w) => w.type + (w.attributes ? ` with ${JSON.stringify(w.attributes)}` : '')).join(' or ')})`,
    );
  return {
    tool: TOOL,
    rules,
    stacks,
    suppressionsFile: suppressionFile.path,
    applied: [...applied.values()].sort((a, b) => a.index - b.index),
    dormant,
    suppressionErrors,
    engineErrors,
  };
}

/** Unsuppressed findings at or above `failOn`. */
export function failingFindings(report: Report, failOn: Severity): Finding[] {
  return report.stacks.flatMap((s) =>
    s.findings.filter((f) => !f.suppression && severityRank(f.severity) >= severityRank(failOn)),
  );
}

/** True when the gate passes. */
export function passes(report: Report, failOn: Severity): boolean {
  return (
    failingFindings(report, failOn).length === 0 &&
    report.suppressionErrors.length === 0 &&
    report.engineErrors.length === 0
  );
}
