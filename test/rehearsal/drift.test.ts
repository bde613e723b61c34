import { describe, expect, it } from 'vitest';
import { classifyDrift } from '../../src/rehearsal/drift';

const change = (address: string, actions: string[], before: unknown, after: unknown) => ({
  address,
  type: address.split('.')[0]!,
  change: { actions, before, after },
});

describe("the second plan after the rehearsal's apply", () => {
  it('passes no-ops and the known read-back gaps, saying which', () => {
    const drift = classifyDrift({
      resource_changes: [
        change(
          'aws_vpc.v',
          ['no-op'],
          { cidr_block: '10.0.0.0/16' },
          { cidr_block: '10.0.0.0/16' },
        ),
        change(
          'aws_kms_key.k',
          ['update'],
          { rotation_period_in_days: null },
          { rotation_period_in_days: 365 },
        ),
        change('data.aws_partition.p', ['read'], null, {}),
      ],
    });
    expect(drift.unexpected).toEqual([]);
    expect(drift.known).toEqual([
      'aws_kms_key.k: rotation_period_in_days (not read back by the emulator)',
    ]);
  });

  it('fails any other change: an attribute off the list, a replacement, a delete', () => {
    const drift = classifyDrift({
      resource_changes: [
        change(
          'aws_kms_key.k',
          ['update'],
          { description: 'a', rotation_period_in_days: null },
          { description: 'b', rotation_period_in_days: 365 },
        ),
        change('aws_subnet.s', ['delete', 'create'], {}, {}),
        change('aws_s3_bucket.b', ['delete'], {}, null),
      ],
    });
    expect(drift.unexpected).toEqual([
      'aws_kms_key.k: description "a" -> "b"',
      'aws_subnet.s: delete and create',
      'aws_s3_bucket.b: delete',
    ]);
  });
});
