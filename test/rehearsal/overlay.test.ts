import { describe, expect, it } from 'vitest';
import { adaptToProviders } from '../../src/deploy/terraform-check/offline';
import { EMULATOR_EXCLUSIONS, OVERLAY_FILE, overlayFor } from '../../src/rehearsal/overlay';
import { synthesize } from '../helpers/synth';

describe('the rehearsal overlay', () => {
  const dev = synthesize({ ENVIRONMENT: 'dev' }).json as unknown as Record<string, unknown>;
  const fargate = synthesize(
    { ENVIRONMENT: 'staging' },
    { compute: { kind: 'ecs-fargate' }, database: { engine: 'aurora-postgresql' } },
  ).json as unknown as Record<string, unknown>;

  it('is one override file: two retries, the mirror versions, the state left where it is', () => {
    const overlay = overlayFor(dev, { available: { aws: '5.100.0' } });
    expect(overlay.file).toBe(OVERLAY_FILE);
    expect(OVERLAY_FILE).toMatch(/_override\.tf\.json$/);
    expect(overlay.json).toMatchObject({
      terraform: {
        required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } },
      },
      provider: { aws: [{ max_retries: 2 }] },
    });
    expect(overlay.repinned).toEqual(['aws 6.66.0 -> 5.100.0']);
    // Where the pinned provider installs, nothing is repinned.
    const pinned = overlayFor(dev, {});
    expect(pinned.json['terraform']).toBeUndefined();
    expect(JSON.stringify(overlay.json)).not.toContain('backend');
  });

  it('leaves out what the emulator cannot take, each with its reason, and nothing else', () => {
    const overlay = overlayFor(dev, {});
    const left = overlay.json['resource'] as Record<string, Record<string, { count: number }>>;
    expect(Object.keys(left).sort()).toEqual(
      ['aws_cloudwatch_composite_alarm', 'aws_flow_log', 'aws_s3_bucket_logging'].sort(),
    );
    for (const [type, blocks] of Object.entries(left))
      for (const block of Object.values(blocks)) expect(block.count, type).toBe(0);
    expect(overlay.skipped).toHaveLength(
      Object.values(left).reduce((n, blocks) => n + Object.keys(blocks).length, 0),
    );
    for (const s of overlay.skipped)
      expect(s.reason).toBe(EMULATOR_EXCLUSIONS[s.address.split('.')[0]!]);
  });

  it('leaves out what the emulator refuses outside us-east-1, only there', () => {
    const eu = structuredClone(dev) as {
      provider: { aws: Array<Record<string, unknown>> };
      resource: Record<string, unknown>;
    };
    eu.provider.aws[0]!['region'] = 'eu-west-1';
    const left = overlayFor(eu, {}).json['resource'] as Record<string, unknown>;
    expect(Object.keys(left)).toContain('aws_s3_bucket_metric');
    const home = overlayFor(dev, {}).json['resource'] as Record<string, unknown>;
    expect(Object.keys(home)).not.toContain('aws_s3_bucket_metric');
  });

  it('gives a left-out resource that reads another left-out one a placeholder', () => {
    const overlay = overlayFor(fargate, {});
    const left = overlay.json['resource'] as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    const policy = Object.values(left['aws_appautoscaling_policy'] ?? {})[0];
    expect(policy).toMatchObject({ count: 0, resource_id: 'left-out-by-the-rehearsal' });
  });

  it('refuses to leave out a resource that a kept one reads', () => {
    const broken = structuredClone(dev) as {
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
    const flow = Object.keys(broken.resource['aws_flow_log']!)[0]!;
    const topic = Object.values(broken.resource['aws_sns_topic']!)[0]!;
    topic['display_name'] = `\${aws_flow_log.${flow}.id}`;
    expect(() => overlayFor(broken, {})).toThrow(/reads aws_flow_log\./);
  });
});

describe('the adapted stack of a rehearsal', () => {
  it("keeps the stack's own backend, where its state is (the destroy configuration reads it)", () => {
    const prod = synthesize({ ENVIRONMENT: 'prod' }).json as unknown as Record<string, unknown>;
    const adapted = adaptToProviders(prod, { aws: '5.100.0' }).json;
    // The regression the rehearsal of the Fargate + PostgreSQL example found: no backend.
    expect((adapted['terraform'] as Record<string, unknown>)['backend']).toBeUndefined();
    const kept = adaptToProviders(prod, { aws: '5.100.0' }, { keepBackend: true }).json;
    expect((kept['terraform'] as Record<string, unknown>)['backend']).toEqual(
      (prod['terraform'] as Record<string, unknown>)['backend'],
    );
    expect((kept['terraform'] as Record<string, unknown>)['required_providers']).toEqual(
      (adapted['terraform'] as Record<string, unknown>)['required_providers'],
    );
  });
});
