/** The account baseline's stacks (src/stacks/account-baseline.ts), synthesized for two Regions. */
import { describe, expect, it } from 'vitest';
import {
  FINDINGS_RULE_PREFIX,
  GUARDDUTY_FEATURES,
  SESSION_IDLE_TIMEOUT_MINUTES,
} from '../../src/stacks/account-baseline';
import { CONFORMANCE_PACK_INLINE_LIMIT_BYTES } from '../../src/config/account-baseline';
import { accountConfig, synthesizeBaseline, TWO_REGION_ACCOUNT } from '../helpers/baseline';

type Json = Record<string, unknown>;
const stacks = synthesizeBaseline(accountConfig('two', TWO_REGION_ACCOUNT));
const resources = (stack: string, type: string): Json[] =>
  Object.values(
    ((stacks.get(stack)!['resource'] as Record<string, Record<string, Json>>)[type] ??
      {}) as Record<string, Json>,
  );
const GLOBAL = 'payment-account-two';
const HOME = 'payment-account-two-use1';
const OTHER = 'payment-account-two-euw1';

describe('one account, two Regions: nothing is made twice', () => {
  it('writes a global stack and one stack per Region, home Region first', () => {
    expect([...stacks.keys()]).toEqual([GLOBAL, HOME, OTHER]);
  });

  it('puts the account-wide resources in the global stack only', () => {
    for (const type of [
      'aws_cloudtrail',
      'aws_s3_account_public_access_block',
      'aws_iam_service_linked_role',
    ]) {
      expect(resources(GLOBAL, type)).toHaveLength(1);
      expect(resources(HOME, type)).toHaveLength(0);
      expect(resources(OTHER, type)).toHaveLength(0);
    }
  });

  it('puts one of each Regional control in each Regional stack, none in the global one', () => {
    for (const type of [
      'aws_guardduty_detector',
      'aws_securityhub_account',
      'aws_config_configuration_recorder',
      'aws_accessanalyzer_analyzer',
      'aws_inspector2_enabler',
      'aws_ebs_encryption_by_default',
      'aws_ssm_document',
    ]) {
      expect(resources(GLOBAL, type)).toHaveLength(0);
      expect(resources(HOME, type)).toHaveLength(1);
      expect(resources(OTHER, type)).toHaveLength(1);
    }
  });

  it('gives every bucket, key alias and named resource a distinct physical name', () => {
    const names: string[] = [];
    for (const stack of stacks.keys()) {
      names.push(...resources(stack, 'aws_s3_bucket').map((b) => String(b['bucket'])));
      names.push(...resources(stack, 'aws_kms_alias').map((a) => `${stack}:${String(a['name'])}`));
      names.push(
        ...resources(stack, 'aws_cloudwatch_event_rule').map(
          (r) => `${stack}:${String(r['name'])}`,
        ),
      );
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it('records the global IAM types in the home Region only', () => {
    const global = (stack: string) =>
      (resources(stack, 'aws_config_configuration_recorder')[0]!['recording_group'] as Json)[
        'include_global_resource_types'
      ];
    expect(global(HOME)).toBe(true);
    expect(global(OTHER)).toBe(false);
  });

  it('deploys the including-global conformance pack at home and the excluding one elsewhere, inline under the limit', () => {
    const body = (stack: string) =>
      String(resources(stack, 'aws_config_conformance_pack')[0]!['template_body']);
    expect(body(HOME)).toContain('ShieldDrtAccess');
    expect(body(OTHER)).not.toContain('ShieldDrtAccess');
    for (const stack of [HOME, OTHER])
      expect(Buffer.byteLength(body(stack))).toBeLessThanOrEqual(
        CONFORMANCE_PACK_INLINE_LIMIT_BYTES,
      );
  });
});

describe('the trail', () => {
  const trail = resources(GLOBAL, 'aws_cloudtrail')[0]!;

  it('is multi-Region, validated, KMS-encrypted, and delivers to the landing bucket', () => {
    expect(trail).toMatchObject({
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
    });
    expect(String(trail['kms_key_id'])).toContain('aws_kms_key.TrailKey');
    expect(String(trail['s3_bucket_name'])).toContain('TrailLogs_Landing_Bucket');
  });

  it("records S3 object events of every environment's buckets, never of its own", () => {
    const selectors = trail['advanced_event_selector'] as Array<{ field_selector: Json[] }>;
    const arns = selectors
      .flatMap((s) => s.field_selector)
      .find((f) => f['field'] === 'resources.ARN')!['starts_with'] as string[];
    const prefixes = arns.map((a) => a.replace(/^arn:\$\{[^}]+\}:s3:::/, ''));
    for (const env of ['prod', 'staging-eu'])
      for (const bucket of ['assets', 'flow-logs', 'alb-logs', 'access-logs'])
        expect(prefixes).toContain(`payment-${bucket}-${env}-`);
    expect(prefixes).toContain('aws-waf-logs-payment-prod-');
    expect(prefixes.some((p) => p.startsWith('payment-trail'))).toBe(false);
    // Management events of every source (Data API calls included): no narrowing field.
    expect(selectors[0]!.field_selector).toEqual([
      { field: 'eventCategory', equals: ['Management'] },
    ]);
  });

  it('replicates every landing object, delete markers aside, into the COMPLIANCE-locked archive', () => {
    const replication = resources(GLOBAL, 'aws_s3_bucket_replication_configuration')[0]!;
    const rule = (replication['rule'] as Json[])[0]!;
    expect(rule).toMatchObject({
      status: 'Enabled',
      filter: { prefix: '' },
      delete_marker_replication: { status: 'Disabled' },
    });
    expect(String((rule['destination'] as Json)['bucket'])).toContain('TrailLogs_Archive_Bucket');
    // The trail starts delivering only once the rule exists: S3 replicates new objects only.
    expect(trail['depends_on']).toEqual(
      expect.arrayContaining([expect.stringMatching(/^aws_s3_bucket_replication_configuration\./)]),
    );
    const lock = resources(GLOBAL, 'aws_s3_bucket_object_lock_configuration')[0]!;
    expect(lock['rule']).toEqual({ default_retention: { mode: 'COMPLIANCE', days: 365 } });
  });
});

describe('the Regional controls', () => {
  it('turns on the GuardDuty plans for EC2, ECS Fargate, S3 and RDS', () => {
    const features = resources(HOME, 'aws_guardduty_detector_feature');
    expect(features.map((f) => f['name']).sort()).toEqual(
      GUARDDUTY_FEATURES.map((f) => f.name).sort(),
    );
    expect(
      features.find((f) => f['name'] === 'RUNTIME_MONITORING')!['additional_configuration'],
    ).toEqual([
      { name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: 'ENABLED' },
      { name: 'EC2_AGENT_MANAGEMENT', status: 'ENABLED' },
    ]);
  });

  it('subscribes Security Hub to PCI DSS v4.0.1 and FSBP, with the default standards off', () => {
    expect(resources(OTHER, 'aws_securityhub_account')[0]!['enable_default_standards']).toBe(false);
    const arns = resources(OTHER, 'aws_securityhub_standards_subscription').map((s) =>
      String(s['standards_arn']),
    );
    expect(arns.map((a) => a.replace(/^arn:\$\{[^}]+\}/, 'arn:aws'))).toEqual([
      'arn:aws:securityhub:eu-west-1::standards/pci-dss/v/4.0.1',
      'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0',
    ]);
  });

  it('writes Session Manager preferences with a 15-minute idle timeout, KMS and an encrypted log group', () => {
    const doc = resources(HOME, 'aws_ssm_document')[0]!;
    expect(doc).toMatchObject({ name: 'SSM-SessionManagerRunShell', document_type: 'Session' });
    const inputs = (JSON.parse(String(doc['content'])) as { inputs: Json }).inputs;
    expect(inputs['idleSessionTimeout']).toBe(String(SESSION_IDLE_TIMEOUT_MINUTES));
    expect(inputs).toMatchObject({
      cloudWatchEncryptionEnabled: true,
      cloudWatchStreamingEnabled: true,
    });
    expect(String(inputs['kmsKeyId'])).toContain('aws_kms_key.BaselineKey');
    expect(String(inputs['cloudWatchLogGroupName'])).toContain(
      'aws_cloudwatch_log_group.SessionLogs',
    );
  });

  it('adopts an existing preferences document with an import block where the account file says so', () => {
    const imports = (stack: string) => (stacks.get(stack)!['import'] as Json[] | undefined) ?? [];
    expect(imports(HOME)).toEqual([]);
    expect(imports(OTHER)).toEqual([expect.objectContaining({ id: 'SSM-SessionManagerRunShell' })]);
  });

  it("routes high findings to the alarm topic of the Region's findings environment", () => {
    const rules = resources(OTHER, 'aws_cloudwatch_event_rule');
    expect(rules.map((r) => String(r['name']))).toEqual([
      `${FINDINGS_RULE_PREFIX}guardduty-acct-two`,
      `${FINDINGS_RULE_PREFIX}securityhub-acct-two`,
    ]);
    const guardduty = JSON.parse(String(rules[0]!['event_pattern'])) as Json;
    expect(guardduty['detail']).toEqual({ severity: [{ numeric: ['>=', 7] }] });
    for (const target of resources(OTHER, 'aws_cloudwatch_event_target'))
      expect(String(target['arn'])).toMatch(
        /:sns:eu-west-1:\$\{[^}]+\}:payment-alarms-staging-eu$/,
      );
  });
});
