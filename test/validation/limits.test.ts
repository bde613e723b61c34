import { describe, expect, it } from 'vitest';
import {
  fargateSizeProblem,
  instanceTypeProblem,
  kmsDeletionWindowProblem,
} from '../../src/validation/limits';
import { PROFILE_NAMES, PROFILES } from '../../src/config/profiles';

describe('checks shared by configuration and the construct guards', () => {
  it('every profile deletion window passes the KMS check, and 6, 31 and 7.5 fail it', () => {
    for (const name of PROFILE_NAMES) {
      expect(kmsDeletionWindowProblem(PROFILES[name].kmsDeletionWindowDays)).toBeUndefined();
    }
    for (const days of [6, 31, 7.5]) {
      expect(kmsDeletionWindowProblem(days)).toMatchObject({
        field: 'deletionWindowInDays',
        value: days,
        rule: 'is outside 7-30 days',
      });
    }
  });

  it('a Fargate memory that does not fit the CPU gets an example that does', () => {
    expect(fargateSizeProblem(256, 512)).toBeUndefined();
    expect(fargateSizeProblem(256, 4096)).toMatchObject({
      field: 'compute.memory',
      value: 4096,
      example: '512',
    });
    expect(fargateSizeProblem(4096, 1024)).toMatchObject({ example: '8192' });
    expect(fargateSizeProblem(300, 1024)).toMatchObject({ field: 'compute.cpu', value: 300 });
  });

  it('an instance type must exist for AL2023 and match the architecture asked for', () => {
    expect(instanceTypeProblem('t3.small')).toBeUndefined();
    expect(instanceTypeProblem('t4g.small', 'arm64')).toBeUndefined();
    expect(instanceTypeProblem('mac2.metal')?.rule).toMatch(/no Amazon Linux 2023 image/);
    expect(instanceTypeProblem('t3.small', 'arm64', 'instanceType')).toMatchObject({
      field: 'instanceType',
      rule: 'is x86_64, not arm64: the image would not boot',
    });
  });
});
