import { describe, expect, it } from 'vitest';
import type { ReplacementCase } from '../../../src/deploy/terraform-check/replacement';
import {
  caseName,
  planMismatches,
  plannable,
  replacementCases,
  replacementWorkspace,
} from '../../../src/deploy/terraform-check/replacement';
import { REPLACEMENT_ARGUMENTS, REVIEWED_6_66 } from '../../../src/review/diff/replacement';

const { cases, unplanned } = replacementCases();
const find = (type: string, argument: string) =>
  cases.find((c) => c.type === type && c.argument === argument)!;

describe("the replacement table's plan check", () => {
  it('plans every force-new argument of the table, the conditional Region, and in-place controls', () => {
    for (const [type, entry] of Object.entries(REPLACEMENT_ARGUMENTS))
      for (const argument of entry.source === REVIEWED_6_66 ? entry.forceNew : []) {
        const planned = cases.some((c) => c.type === type && c.argument === argument);
        const block = unplanned.includes(`${type}.${argument} (a nested block)`);
        expect(planned || block, `${type}.${argument}`).toBe(true);
        if (planned) expect(find(type, argument).expect).toBe('replace');
      }
    expect(unplanned.every((u) => u.endsWith('(a nested block)'))).toBe(true);
    expect(find('aws_db_instance', 'identifier').expect).toBe('update');
    expect(find('aws_kms_key', 'region').expect).toBe('replace');
    expect(
      cases
        .filter((c) => c.argument === 'subnets')
        .map((c) => [c.base?.['load_balancer_type'], c.expect]),
    ).toEqual([
      ['network', 'replace'],
      ['application', 'update'],
    ]);
  });

  it('skips, and names, arguments the provider in use does not have', () => {
    const { planned, skipped } = plannable(
      [find('aws_s3_bucket', 'bucket'), find('aws_s3_bucket', 'bucket_namespace')],
      (type) => (type === 'aws_s3_bucket' ? new Set(['bucket']) : undefined),
    );
    expect(planned.map((c) => c.argument)).toEqual(['bucket']);
    expect(skipped).toEqual([
      "aws_s3_bucket.bucket_namespace (not an argument of this provider's schema)",
    ]);
  });

  it('starts each resource from state with the old value and configures the new one', () => {
    const c = find('aws_lb_target_group', 'port');
    const { config, state } = replacementWorkspace(
      [c],
      { source: 'hashicorp/aws', version: '5.100.0' },
      () => 3,
      '1.11.4',
    ) as {
      config: { resource: Record<string, Record<string, Record<string, unknown>>> };
      state: {
        resources: {
          instances: { schema_version: number; attributes: Record<string, unknown> }[];
        }[];
      };
    };
    expect(config.resource['aws_lb_target_group']!['port']).toEqual({
      port: 81,
      protocol: 'HTTP',
      vpc_id: 'vpc-0a',
      target_type: 'instance',
    });
    const instance = state.resources[0]!.instances[0]!;
    expect(instance.schema_version).toBe(3);
    expect(instance.attributes['port']).toBe(80);
  });

  it('fails a force-new argument the plan updates in place, and a control the plan replaces', () => {
    const forceNew = find('aws_kms_key', 'key_usage');
    const control = find('aws_kms_key', 'description');
    const address = (c: ReplacementCase) => `${c.type}.${caseName(c)}`;
    const replaced = (c: ReplacementCase, by = c.argument) => ({
      address: address(c),
      change: { actions: ['delete', 'create'], replace_paths: [[by]] },
    });
    const updated = (c: ReplacementCase) => ({
      address: address(c),
      change: { actions: ['update'] },
    });
    expect(
      planMismatches([forceNew, control], {
        resource_changes: [replaced(forceNew), updated(control)],
      }),
    ).toEqual([]);
    expect(
      planMismatches([forceNew, control], {
        resource_changes: [updated(forceNew), replaced(control)],
      }),
    ).toEqual([
      'aws_kms_key.key_usage: the table says it forces a new resource, the plan says update',
      'aws_kms_key.description: the table says it updates in place, the plan says delete+create (replace_paths [["description"]])',
    ]);
    // Replaced for another argument's sake does not confirm this one.
    expect(
      planMismatches([forceNew], { resource_changes: [replaced(forceNew, 'multi_region')] }),
    ).toHaveLength(1);
    expect(planMismatches([forceNew], {})).toEqual([
      'aws_kms_key.key_usage: the table says it forces a new resource, the plan says no change',
    ]);
  });
});
