import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { afterDestroyProblems, readState } from '../../src/rehearsal/inventory';

/** A state as Terraform writes it, after the rehearsal's apply. */
function state() {
  const dir = mkdtempSync(join(tmpdir(), 'rehearsal-state-'));
  const file = join(dir, 'payment-prod.tfstate');
  writeFileSync(
    file,
    JSON.stringify({
      version: 4,
      resources: [
        {
          mode: 'managed',
          type: 'aws_vpc',
          name: 'v',
          instances: [{ attributes: { id: 'vpc-0a1' } }],
        },
        {
          mode: 'managed',
          type: 'aws_rds_cluster',
          name: 'c',
          instances: [{ attributes: { id: 'payment-aurora-prod' } }],
        },
        {
          mode: 'managed',
          type: 'aws_kms_key',
          name: 'k',
          instances: [{ attributes: { id: '1234abcd-12ab' } }],
        },
        {
          mode: 'managed',
          type: 'aws_route',
          name: 'r',
          instances: [{ attributes: { id: 'r-1' } }],
        },
        {
          mode: 'data',
          type: 'aws_partition',
          name: 'p',
          instances: [{ attributes: { id: 'aws' } }],
        },
      ],
    }),
  );
  try {
    return readState(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const RETAINED = new Set(['aws_rds_cluster.c', 'aws_kms_key.k']);

describe('what the emulator holds after a destroy', () => {
  it('passes when what the profile keeps is there and the rest is gone', () => {
    const resources = state();
    expect(resources.map((r) => r.address)).toEqual([
      'aws_vpc.v',
      'aws_rds_cluster.c',
      'aws_kms_key.k',
      'aws_route.r',
    ]);
    const inventory = new Set(['payment-aurora-prod', '1234abcd-12ab', 'vpc-default']);
    expect(afterDestroyProblems(inventory, resources, RETAINED)).toEqual([]);
  });

  it('fails a destroy that deleted a kept resource, or left one it should have deleted', () => {
    // The deliberate defect: the destroy lost the database's protection and deleted it, and
    // left the VPC behind.
    const inventory = new Set(['1234abcd-12ab', 'vpc-0a1']);
    expect(afterDestroyProblems(inventory, state(), RETAINED)).toEqual([
      'aws_vpc.v (vpc-0a1) is still in the emulator after the destroy',
      'aws_rds_cluster.c (payment-aurora-prod) is kept by the profile but is gone after the destroy',
    ]);
  });
});
