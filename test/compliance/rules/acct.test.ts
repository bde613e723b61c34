/** The account rules (src/compliance/rules/acct/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import type { TfJson } from '../../fixtures/compliant-stack';
import { graphOf, mutated } from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('PAY-ACCT-001: prod provider limited to its accounts', () => {
  it('fails a prod stack whose provider has no or an empty allowed_account_ids, at provider.aws', () => {
    const rule = byId('PAY-ACCT-001');
    const withIds = (ids: unknown) => (tf: TfJson) => {
      tf.provider.aws[0]!['allowed_account_ids'] = ids;
      // Prod by its suffix alone (no Profile tag) still counts as prod.
      tf.provider.aws[0]!['default_tags'] = [{ tags: { Environment: 'prod' } }];
    };
    for (const ids of [undefined, []]) {
      expect(rule.check(graphOf(mutated(withIds(ids))))).toEqual([
        { address: 'provider.aws', message: 'allowed_account_ids is not set in a prod stack' },
      ]);
    }
    expect(rule.check(graphOf(mutated(withIds(['123456789012']))))).toEqual([]);
  });
});

const baseline = (value: unknown) => (tf: TfJson) => {
  tf.locals = { account_baseline: value };
};
const messages = (id: string, change: (tf: TfJson) => void) =>
  byId(id)
    .check(graphOf(mutated(change)))
    .map((v) => `${v.address}: ${v.message}`);

describe('PAY-ACCT-003: prod names its account baseline', () => {
  it("accepts the project's baseline covering the stack's account and Region", () => {
    const ok = {
      provider: 'project',
      account: 'main',
      accountId: '123456789012',
      regions: ['us-east-1'],
    };
    expect(messages('PAY-ACCT-003', baseline(ok))).toEqual([]);
  });

  it('fails a baseline of another Region or another account, naming both', () => {
    expect(
      messages(
        'PAY-ACCT-003',
        baseline({
          provider: 'project',
          account: 'main',
          accountId: '210987654321',
          regions: ['eu-west-1'],
        }),
      ),
    ).toEqual([
      'local.account_baseline: relies on account baseline main, which covers eu-west-1 but not us-east-1',
      'local.account_baseline: relies on account baseline main of account 210987654321, which allowed_account_ids does not name',
    ]);
  });

  it('fails no declaration, a malformed one and an organisation statement that says nothing', () => {
    expect(messages('PAY-ACCT-003', (tf) => void delete tf.locals)).toEqual([
      "local.account_baseline: names no account baseline (neither the project's nor an organisation statement)",
    ]);
    expect(messages('PAY-ACCT-003', baseline({ provider: 'nobody' }))).toEqual([
      'local.account_baseline: is not a baseline declaration this gate can read',
    ]);
    expect(
      messages('PAY-ACCT-003', baseline({ provider: 'organisation', statement: 'yes' })),
    ).toEqual([
      'local.account_baseline: states only "yes": say who provides the controls, and where',
    ]);
  });

  it("passes the baseline's own stacks", () => {
    expect(
      messages('PAY-ACCT-003', baseline({ provider: 'self', scope: 'global', account: 'main' })),
    ).toEqual([]);
  });
});

describe('the baseline rules: a baseline stack missing a control fails, naming it', () => {
  const regionStack = (tf: TfJson) => {
    tf.locals = { account_baseline: { provider: 'self', scope: 'region', account: 'main' } };
  };
  it.each([
    ['PAY-ACCT-005', 'aws_guardduty_detector', 'GuardDuty detector'],
    ['PAY-ACCT-006', 'aws_securityhub_account', 'Security Hub'],
    ['PAY-ACCT-007', 'aws_config_configuration_recorder', 'Config recorder'],
    ['PAY-ACCT-008', 'aws_ssm_document', 'Session Manager preferences'],
    ['PAY-ACCT-009', 'aws_ebs_encryption_by_default', 'EBS encryption by default'],
    ['PAY-ACCT-011', 'aws_inspector2_enabler', 'Inspector'],
  ])('%s without %s', (id, type, what) => {
    expect(
      messages(id, (tf) => {
        regionStack(tf);
        delete tf.resource[type];
      }),
    ).toContain(`${type}.*: the region baseline stack has no ${what} (${type})`);
  });

  it('PAY-ACCT-004 and 009 without the trail or the account block in the global stack', () => {
    const globalStack = (type: string) => (tf: TfJson) => {
      tf.locals = { account_baseline: { provider: 'self', scope: 'global', account: 'main' } };
      delete tf.resource[type];
    };
    expect(messages('PAY-ACCT-004', globalStack('aws_cloudtrail'))).toEqual([
      'aws_cloudtrail.*: the global baseline stack has no trail (aws_cloudtrail)',
    ]);
    expect(messages('PAY-ACCT-010', globalStack('aws_s3_account_public_access_block'))).toEqual([
      'aws_s3_account_public_access_block.*: the global baseline stack has no account S3 Block Public Access (aws_s3_account_public_access_block)',
    ]);
  });
});

describe('PAY-ACCT-004: the trail', () => {
  it('fails a trail without S3 data events, or one narrowing its management events', () => {
    expect(
      messages('PAY-ACCT-004', (tf) => {
        const trail = tf.resource['aws_cloudtrail']!['trail']!;
        const selectors = trail['advanced_event_selector'] as Array<Record<string, unknown>>;
        trail['advanced_event_selector'] = [
          {
            name: 'm',
            field_selector: [
              { field: 'eventCategory', equals: ['Management'] },
              { field: 'eventSource', not_equals: ['rdsdata.amazonaws.com'] },
            ],
          },
        ];
        void selectors;
      }),
    ).toEqual([
      'aws_cloudtrail.trail: narrows its management events (every source must be recorded)',
      'aws_cloudtrail.trail: records no S3 data events (PCI DSS 10.2.1.1)',
    ]);
  });
});

describe('PAY-ACCT-005: GuardDuty runtime monitoring agents', () => {
  it('fails runtime monitoring without the Fargate agent', () => {
    expect(
      messages('PAY-ACCT-005', (tf) => {
        tf.resource['aws_guardduty_detector_feature']!['runtime']!['additional_configuration'] = [
          { name: 'EC2_AGENT_MANAGEMENT', status: 'ENABLED' },
        ];
      }),
    ).toEqual([
      'aws_guardduty_detector_feature.runtime: RUNTIME_MONITORING does not enable ECS_FARGATE_AGENT_MANAGEMENT',
    ]);
  });
});

describe('PAY-ACCT-006: Security Hub default standards', () => {
  it('fails enable_default_standards left at its default (true)', () => {
    expect(
      messages('PAY-ACCT-006', (tf) => {
        delete tf.resource['aws_securityhub_account']!['hub']!['enable_default_standards'];
      }),
    ).toEqual([
      'aws_securityhub_account.hub: enable_default_standards is not false: standards would be enabled outside the configuration',
    ]);
  });
});

describe('PAY-ACCT-003: the baseline records the environment', () => {
  it('fails an environment the account file does not list', () => {
    const of = (environments: string[]) =>
      baseline({
        provider: 'project',
        account: 'main',
        accountId: '123456789012',
        regions: ['us-east-1'],
        environments,
      });
    expect(messages('PAY-ACCT-003', of(['prod']))).toEqual([]);
    expect(messages('PAY-ACCT-003', of(['staging']))).toEqual([
      "local.account_baseline: relies on account baseline main, whose trail does not record environment prod's buckets (add it to environments in config/accounts/main.json)",
    ]);
  });
});

describe('PAY-ACCT-003 and the state-bucket stack', () => {
  it('passes the account-level state stack, which relies on no baseline', () => {
    expect(
      messages('PAY-ACCT-003', baseline({ provider: 'self', scope: 'state', account: 'shared' })),
    ).toEqual([]);
  });
});

describe('PAY-ACCT-002: prod shares no account with non-prod (PCI DSS 6.5.3/6.5.4)', () => {
  const rule = byId('PAY-ACCT-002');
  const stack = (profile: string, ids: string[]) =>
    graphOf(
      mutated((tf) => {
        tf.provider.aws[0]!['allowed_account_ids'] = ids;
        tf.provider.aws[0]!['default_tags'] = [
          { tags: { Environment: profile, Profile: profile } },
        ];
      }),
      `payment-${profile}`,
    );

  it('fails prod when a non-prod stack of the run lists one of its accounts, naming both', () => {
    const prod = stack('prod', ['123456789012']);
    const staging = stack('staging', ['123456789012', '210987654321']);
    expect(rule.check(prod, [prod, staging])).toEqual([
      {
        address: 'provider.aws',
        message: 'shares account 123456789012 with the non-prod stack payment-staging',
      },
    ]);
  });

  it('passes separate accounts, another prod in the same account, and a run of prod alone', () => {
    const prod = stack('prod', ['123456789012']);
    expect(rule.check(prod, [prod, stack('staging', ['210987654321'])])).toEqual([]);
    expect(rule.check(prod, [prod, stack('prod', ['123456789012'])])).toEqual([]);
    expect(rule.check(prod, [prod])).toEqual([]);
    expect(rule.check(prod)).toEqual([]);
  });
});
