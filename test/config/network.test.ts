import { describe, expect, it } from 'vitest';
import { loadWith as load, problemsWith as problems } from '../helpers/config';
import { FIELD_EXAMPLES } from '../../src/config/schema';
import { planStableSubnets, planSubnets } from '../../src/config/subnet-plan';

describe('subnetLayout', () => {
  it('defaults to the legacy layout: the plan is exactly planSubnets(vpcCidr, azCount)', () => {
    const config = load({}, { vpcCidr: '10.1.0.0/18', azCount: 2 });
    expect(config.network.subnetLayout).toBe('legacy');
    expect(config.network.availabilityZoneIds).toBeUndefined();
    expect(config.network.subnets).toEqual(planSubnets('10.1.0.0/18', 2));
  });

  it('grows a legacy VPC from its planned AZ count without renumbering', () => {
    const config = load({}, { azCount: 4, plannedAzCount: 3 });
    const today = planSubnets('10.0.0.0/16', 3)!;
    for (const tier of ['private', 'data', 'public'] as const) {
      expect(config.network.subnets[tier].slice(0, 3)).toEqual(today[tier]);
      expect(config.network.subnets[tier]).toHaveLength(4);
    }
    // Shrinking keeps the subnets that stay, too.
    expect(load({}, { azCount: 2, plannedAzCount: 3 }).network.subnets.private).toEqual(
      today.private.slice(0, 2),
    );
  });

  it('refuses a third AZ in a /16 planned for two, saying why', () => {
    const [problem, ...rest] = problems({}, { azCount: 3, plannedAzCount: 2 });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ field: 'azCount', value: '3', example: '2' });
    expect(problem!.rule).toContain('cannot be reached without renumbering');
    expect(problem!.rule).toContain('has no free /18 for the private subnet of AZ 3');
  });

  it('refuses a plannedAzCount the VPC could never have held', () => {
    const [problem] = problems({}, { vpcCidr: '10.0.0.0/24', azCount: 2, plannedAzCount: 6 });
    expect(problem).toMatchObject({ field: 'plannedAzCount', value: '6' });
  });

  it('plans the stable layout for maxAzCount, and azCount takes the first slots', () => {
    const config = load({}, { subnetLayout: 'stable', maxAzCount: 4, azCount: 2 });
    expect(config.network.subnetLayout).toBe('stable');
    expect(config.network.subnets).toEqual(planStableSubnets('10.0.0.0/16', 4, 2));
    expect(config.network.subnets.private).toEqual(
      planSubnets('10.0.0.0/16', 4)!.private.slice(0, 2),
    );
  });

  it('requires maxAzCount with the stable layout (no default that a release could change)', () => {
    const [problem] = problems({}, { subnetLayout: 'stable' });
    expect(problem).toMatchObject({ field: 'maxAzCount', value: undefined, example: '4' });
    expect(problem!.rule).toContain('10.0.0.0/16 holds up to 6 AZs');
  });

  it('refuses azCount above maxAzCount', () => {
    const [problem] = problems({}, { subnetLayout: 'stable', maxAzCount: 3, azCount: 4 });
    expect(problem).toMatchObject({ field: 'azCount', value: '4', example: '3' });
    expect(problem!.rule).toContain('is above maxAzCount (3)');
  });

  it('refuses a maxAzCount the VPC cannot hold, with the prefix that would', () => {
    const [problem] = problems(
      {},
      { subnetLayout: 'stable', vpcCidr: '10.0.0.0/24', maxAzCount: 6, azCount: 2 },
    );
    expect(problem).toMatchObject({
      field: 'vpcCidr',
      value: '10.0.0.0/24',
      example: '"10.0.0.0/23"',
    });
    expect(problem!.rule).toContain('in 6 AZs (maxAzCount;');
  });

  it('refuses keys of the other layout', () => {
    expect(problems({}, { maxAzCount: 4 })[0]).toMatchObject({ field: 'maxAzCount' });
    expect(
      problems({}, { subnetLayout: 'stable', maxAzCount: 4, plannedAzCount: 3 })[0],
    ).toMatchObject({
      field: 'plannedAzCount',
      rule: expect.stringContaining('legacy layout only'),
    });
  });

  it('refuses an unknown layout with the choices', () => {
    const [problem] = problems({}, { subnetLayout: 'compact' });
    expect(problem).toMatchObject({
      field: 'subnetLayout',
      rule: 'must be "legacy" or "stable"',
      example: FIELD_EXAMPLES.subnetLayout,
    });
  });
});

describe('availabilityZoneIds', () => {
  const region = { region: 'eu-west-1' };

  it('pins the AZs by ID', () => {
    const ids = ['euw1-az3', 'euw1-az1', 'euw1-az2'];
    expect(load({}, { ...region, availabilityZoneIds: ids }).network.availabilityZoneIds).toEqual(
      ids,
    );
  });

  it.each([
    [['euw1-az1', 'eu-west-1b', 'euw1-az3'], 'is not an AZ ID'],
    [['euw1-az1', 'euw1-az1', 'euw1-az2'], 'lists an AZ ID twice'],
    [['usw2-lax1-az1', 'euw1-az1', 'euw1-az2'], 'is not an AZ ID'],
  ])('refuses %j (%s)', (ids, rule) => {
    const [problem] = problems({}, { ...region, availabilityZoneIds: ids });
    expect(problem!.field).toMatch(/^availabilityZoneIds/);
    expect(problem!.rule).toContain(rule);
  });

  it("refuses an AZ ID of another Region, naming the Region's prefix", () => {
    const [problem] = problems(
      {},
      { ...region, availabilityZoneIds: ['euw1-az1', 'use1-az2', 'euw1-az3'] },
    );
    expect(problem).toMatchObject({
      field: 'availabilityZoneIds',
      example: '["euw1-az1","euw1-az2","euw1-az3"]',
    });
    expect(problem!.rule).toContain('names use1-az2, not an AZ of eu-west-1');
  });

  it('knows the prefixes of multi-word Regions (apse2, usgw1)', () => {
    expect(
      load(
        {},
        { region: 'ap-southeast-2', availabilityZoneIds: ['apse2-az1', 'apse2-az2', 'apse2-az3'] },
      ).network.availabilityZoneIds,
    ).toHaveLength(3);
    expect(
      problems(
        {},
        { region: 'ap-southeast-2', availabilityZoneIds: ['aps2-az1', 'aps2-az2', 'aps2-az3'] },
      )[0]!.rule,
    ).toContain('begin "apse2-az"');
  });

  it('needs one ID per AZ', () => {
    const [problem] = problems(
      {},
      { ...region, azCount: 3, availabilityZoneIds: ['euw1-az1', 'euw1-az2'] },
    );
    expect(problem).toMatchObject({ field: 'availabilityZoneIds' });
    expect(problem!.rule).toContain('lists 2 AZ IDs for azCount 3');
  });
});
