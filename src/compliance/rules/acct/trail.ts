import { attr } from '../../../tfjson/graph';
import type { Block } from '../../../tfjson/graph';
import { missingFromBaseline } from '../../checks/baseline';
import { isFalse, isTrue, graphRule } from '../../rule';
import type { Violation } from '../../rule';

type Selector = { readonly field_selector?: unknown };

function fieldSelectors(selector: unknown): Record<string, unknown>[] {
  const fs = (selector as Selector | null)?.field_selector;
  return (Array.isArray(fs) ? fs : fs ? [fs] : []) as Record<string, unknown>[];
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** What is wrong with one trail. */
function trailProblems(trail: Block): string[] {
  const a = trail.attrs;
  const problems: string[] = [];
  if (!isTrue(a['is_multi_region_trail'])) problems.push('is not multi-Region');
  if (isFalse(a['include_global_service_events']))
    problems.push('leaves out global service events (IAM, STS)');
  if (!isTrue(a['enable_log_file_validation'])) problems.push('does not validate log files');
  if (typeof a['kms_key_id'] !== 'string' || a['kms_key_id'] === '')
    problems.push('is not encrypted with a KMS key');
  if (isFalse(a['enable_logging'])) problems.push('is not logging');
  const advanced = list(a['advanced_event_selector']);
  const basic = list(a['event_selector']);
  if (advanced.length > 0) {
    const category = (s: unknown, value: string) =>
      fieldSelectors(s).some(
        (f) => f['field'] === 'eventCategory' && list(f['equals']).includes(value),
      );
    const management = advanced.filter((s) => category(s, 'Management'));
    if (management.length === 0) problems.push('selects no management events');
    for (const s of management)
      if (fieldSelectors(s).some((f) => f['field'] !== 'eventCategory'))
        problems.push('narrows its management events (every source must be recorded)');
    const s3 = advanced.filter(
      (s) =>
        category(s, 'Data') &&
        fieldSelectors(s).some(
          (f) => f['field'] === 'resources.type' && list(f['equals']).includes('AWS::S3::Object'),
        ),
    );
    if (s3.length === 0) problems.push('records no S3 data events (PCI DSS 10.2.1.1)');
  } else {
    for (const s of basic) {
      const excluded = list((s as Record<string, unknown>)['exclude_management_event_sources']);
      if (excluded.length > 0)
        problems.push(`excludes management events of ${excluded.join(', ')}`);
    }
    const s3 = basic.some((s) =>
      list(attr(s as Record<string, unknown>, 'data_resource')).some(
        (d) => (d as Record<string, unknown>)?.['type'] === 'AWS::S3::Object',
      ),
    );
    if (!s3) problems.push('records no S3 data events (PCI DSS 10.2.1.1)');
  }
  return problems;
}

/**
 * The account's trail: every Region, global services, validated and encrypted log files,
 * every management event, and the S3 object events of the project's buckets.
 */
export const acctTrail = graphRule({
  id: 'PAY-ACCT-004',
  title:
    'The CloudTrail trail is multi-Region, validated, KMS-encrypted and records S3 data events',
  severity: 'high',
  resourceTypes: ['aws_cloudtrail'],
  pci: ['10.2.1', '10.2.1.1', '10.3.2', '10.3.4', '10.5.1'],
  equivalents: {
    securityHub: ['CloudTrail.1', 'CloudTrail.2', 'CloudTrail.4', 'S3.22', 'S3.23'],
  },
  rationale:
    'PCI DSS 10.2 needs a record of every action on cardholder-data systems, and of each read and write of the objects that hold their data and logs; 10.3 needs the record protected from change. A single-Region, unvalidated or unencrypted trail, or one without data events, leaves gaps an assessor will find.',
  remediation:
    'is_multi_region_trail, include_global_service_events and enable_log_file_validation true, kms_key_id a customer key, an advanced event selector for all management events and one for AWS::S3::Object data events of the project buckets.',
  check(graph) {
    const out: Violation[] = [...missingFromBaseline(graph, 'global', 'aws_cloudtrail', 'trail')];
    for (const trail of graph.resources('aws_cloudtrail'))
      for (const message of trailProblems(trail)) out.push({ address: trail.address, message });
    return out;
  },
});
