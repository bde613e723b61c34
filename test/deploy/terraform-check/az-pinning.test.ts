/**
 * Pinning a deployed environment's AZs by ID must replace nothing (issue 23): the real
 * provider plans the pinned subnets and database instances against a hand-made state of the
 * environment deployed by position. The plans run with TERRAFORM_TEST_MIRROR (offline, from
 * the filesystem mirror) as `npm run test:terraform` does; the workspace is checked always.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  azPinningMismatches,
  azPinningWorkspace,
  DEPLOYED_ZONES,
  withPins,
} from '../../../src/deploy/terraform-check/az-pinning';
import { synthesize } from '../../helpers/synth';

const AWS = { source: 'hashicorp/aws', version: '5.100.0' };
const SAME = DEPLOYED_ZONES.map((z) => z.id);
/** The first two AZs swapped: a pin that does not match what is deployed. */
const SWAPPED = [SAME[1]!, SAME[0]!, SAME[2]!];

function pinnedStack(ids: readonly string[]) {
  // Staging: a writer and a reader, so the database has instances in two AZs.
  return synthesize(
    { ENVIRONMENT: 'staging' },
    { region: 'eu-west-1', availabilityZoneIds: [...ids] },
  ).json as unknown as Record<string, unknown>;
}

function workspace(ids: readonly string[], schemaVersion: (type: string) => number = () => 0) {
  return azPinningWorkspace(pinnedStack(ids), DEPLOYED_ZONES, AWS, schemaVersion, '1.11.4');
}

function byExpectation(expected: ReadonlyMap<string, string>) {
  const out: Record<string, string[]> = {};
  for (const [address, want] of expected) (out[want] ??= []).push(address);
  return out;
}

describe('the AZ pinning workspace', () => {
  it('starts from the subnets and instances deployed by position, and expects no change', () => {
    const { config, state, expected } = workspace(SAME);
    const subnets = (
      config as { resource: { aws_subnet: Record<string, Record<string, unknown>> } }
    ).resource.aws_subnet;
    expect(Object.keys(subnets)).toHaveLength(9);
    for (const subnet of Object.values(subnets)) {
      expect(subnet).not.toHaveProperty('availability_zone');
      expect(SAME).toContain(subnet['availability_zone_id']);
    }
    const states = (
      state as {
        resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[];
      }
    ).resources.filter((r) => r.type === 'aws_subnet');
    for (const r of states)
      expect(DEPLOYED_ZONES).toContainEqual({
        name: r.instances[0]!.attributes['availability_zone'],
        id: r.instances[0]!.attributes['availability_zone_id'],
      });
    const plan = byExpectation(expected);
    expect(plan['replace']).toBeUndefined();
    expect(plan['no-op']!.filter((a) => a.startsWith('aws_rds_cluster_instance.'))).toHaveLength(2);
  });

  it('expects the subnets (and the database instances) of a mismatched pin to be replaced', () => {
    const plan = byExpectation(workspace(SWAPPED).expected);
    // Three tiers in each of the two swapped AZs, and the writer and reader in them.
    expect(plan['replace']!.filter((a) => a.startsWith('aws_subnet.'))).toHaveLength(6);
    expect(plan['replace']!.filter((a) => a.startsWith('aws_rds_cluster_instance.'))).toHaveLength(
      2,
    );
    expect(plan['no-op']).toHaveLength(3);
  });

  it('re-pins a synthesized stack exactly as synthesizing with those IDs does', () => {
    const subnets = (json: Record<string, unknown>) =>
      (json['resource'] as Record<string, unknown>)['aws_subnet'];
    expect(subnets(withPins(pinnedStack(SAME), SWAPPED))).toEqual(subnets(pinnedStack(SWAPPED)));
  });

  it('reports a plan that updates or replaces what must not change', () => {
    const { expected } = workspace(SAME);
    const [first] = [...expected.keys()];
    const mismatches = azPinningMismatches(expected, {
      resource_changes: [...expected.keys()].map((address) => ({
        address,
        change: { actions: address === first ? ['update'] : ['no-op'] },
      })),
    });
    expect(mismatches).toEqual([`${first}: expected no change, the plan says update`]);
  });
});

const mirror = process.env['TERRAFORM_TEST_MIRROR'];

describe.skipIf(!mirror)('pinning planned by the real provider (TERRAFORM_TEST_MIRROR)', () => {
  function plan(ids: readonly string[]) {
    const dir = mkdtempSync(join(tmpdir(), 'payment-az-pinning-'));
    try {
      writeFileSync(
        join(dir, 'mirror.tfrc'),
        `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(resolve(mirror!))}\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`,
      );
      const env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, 'mirror.tfrc'), NO_COLOR: '1' };
      const tf = (...args: string[]) => {
        const r = spawnSync('terraform', args, {
          cwd: dir,
          env,
          encoding: 'utf8',
          maxBuffer: 256 * 1024 * 1024,
        });
        expect(r.status, `terraform ${args[0]}: ${r.stdout}${r.stderr}`).toBe(0);
        return r.stdout;
      };
      // The configuration first: the state's schema versions come from the provider.
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(workspace(ids).config));
      tf('init', '-input=false', '-no-color');
      const schemas = (
        JSON.parse(tf('providers', 'schema', '-json')) as {
          provider_schemas: Record<
            string,
            { resource_schemas: Record<string, { version: number }> }
          >;
        }
      ).provider_schemas['registry.terraform.io/hashicorp/aws']!.resource_schemas;
      const { state, expected } = workspace(ids, (type) => schemas[type]?.version ?? 0);
      writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state));
      const text = tf('plan', '-refresh=false', '-input=false', '-no-color', '-out=pin.plan');
      const json = JSON.parse(tf('show', '-json', 'pin.plan')) as Parameters<
        typeof azPinningMismatches
      >[1];
      return { expected, text, mismatches: azPinningMismatches(expected, json) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('pinning the IDs the subnets already have replaces and updates nothing', () => {
    const { text, mismatches } = plan(SAME);
    expect(mismatches).toEqual([]);
    expect(text).toContain('No changes.');
  }, 120_000);

  it('pinning other IDs replaces those subnets, by availability_zone_id, and their instances', () => {
    const { text, mismatches } = plan(SWAPPED);
    expect(mismatches).toEqual([]);
    expect(text).toMatch(/availability_zone_id += "euw1-az1" -> "euw1-az2" # forces replacement/);
    expect(text).toContain('Plan: 8 to add, 0 to change, 8 to destroy.');
  }, 120_000);
});
