/** The account rules (src/compliance/rules/acct/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import type { TfJson } from '../../fixtures/compliant-stack';
import { graphOf, mutated, res } from '../../fixtures/compliant-stack';

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

/** Rewrites a policy-bearing attribute of a fixture block. */
const rewrite =
  (type: string, name: string, attribute: string, from: string | RegExp, to: string) =>
  (tf: TfJson) => {
    const block = res(tf, type, name);
    const before = String(block[attribute]);
    block[attribute] = before.replace(from, to);
    expect(block[attribute]).not.toBe(before);
  };

describe('PAY-ACCT-012: CI roles trust exact subjects', () => {
  it('fails a wildcard subject compared with StringLike, naming both', () => {
    expect(
      messages(
        'PAY-ACCT-012',
        rewrite(
          'aws_iam_role',
          'ci_plan',
          'assume_role_policy',
          /"StringEquals":\{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":\[[^\]]*\]\}/,
          '"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"}',
        ),
      ),
    ).toEqual([
      'aws_iam_role.ci_plan: trust statement CiOidc: does not compare token.actions.githubusercontent.com:sub with StringEquals',
      'aws_iam_role.ci_plan: trust statement CiOidc: compares token.actions.githubusercontent.com:sub with StringLike; only StringEquals names exact jobs',
    ]);
  });

  it('fails an apply role that trusts a branch, and a missing audience', () => {
    expect(
      messages('PAY-ACCT-012', (tf) => {
        rewrite(
          'aws_iam_role',
          'ci_apply',
          'assume_role_policy',
          'environment:prod',
          'ref:refs/heads/main',
        )(tf);
        rewrite(
          'aws_iam_role',
          'ci_plan',
          'assume_role_policy',
          '"token.actions.githubusercontent.com:aud":"sts.amazonaws.com",',
          '',
        )(tf);
      }),
    ).toEqual([
      'aws_iam_role.ci_plan: trust statement CiOidc: does not compare token.actions.githubusercontent.com:aud with StringEquals',
      'aws_iam_role.ci_apply: trust statement CiOidc: an apply role trusts repo:acme/payments:ref:refs/heads/main, not only jobs of environment prod',
    ]);
  });

  it('fails a GitHub provider that accepts another audience', () => {
    expect(
      messages('PAY-ACCT-012', (tf) => {
        res(tf, 'aws_iam_openid_connect_provider', 'github')['client_id_list'] = [
          'sts.amazonaws.com',
          'https://github.com/acme',
        ];
      }),
    ).toEqual([
      'aws_iam_openid_connect_provider.github: accepts audiences ["sts.amazonaws.com","https://github.com/acme"]: GitHub\'s provider for AWS takes only "sts.amazonaws.com"',
    ]);
  });
});

describe('PAY-ACCT-013: apply roles create roles only under the boundary', () => {
  it('fails PassRole on every role', () => {
    expect(
      messages(
        'PAY-ACCT-013',
        rewrite(
          'aws_iam_policy',
          'ci_apply',
          'policy',
          '"Action":["iam:PassRole"],"Resource":"arn:aws:iam::123456789012:role/payment-*-prod"',
          '"Action":["iam:PassRole"],"Resource":"arn:aws:iam::123456789012:role/*"',
        ),
      ),
    ).toEqual([
      'aws_iam_role.ci_apply: statement PassOnlyThisEnvironmentsRoles: allows iam:PassRole on ["arn:aws:iam::123456789012:role/*"], not only roles of environment prod',
    ]);
  });

  it('fails PassRole on the roles of every environment whose name starts with its own', () => {
    // `payment-*-prod*` also matches `payment-app-instance-prod2`: prod2's roles.
    expect(
      messages(
        'PAY-ACCT-013',
        rewrite(
          'aws_iam_policy',
          'ci_apply',
          'policy',
          '"Action":["iam:PassRole"],"Resource":"arn:aws:iam::123456789012:role/payment-*-prod"',
          '"Action":["iam:PassRole"],"Resource":"arn:aws:iam::123456789012:role/payment-*-prod*"',
        ),
      ),
    ).toEqual([
      'aws_iam_role.ci_apply: statement PassOnlyThisEnvironmentsRoles: allows iam:PassRole on ["arn:aws:iam::123456789012:role/payment-*-prod*"], not only roles of environment prod',
    ]);
  });

  it('fails role creation without a boundary condition', () => {
    expect(
      messages(
        'PAY-ACCT-013',
        rewrite('aws_iam_policy', 'ci_apply', 'policy', /,"Condition":\{[^}]*\}\}/, ''),
      ),
    ).toEqual([
      'aws_iam_role.ci_apply: statement RolesOnlyUnderBoundary: allows iam:CreateRole, iam:PutRolePolicy, iam:AttachRolePolicy without StringEquals iam:PermissionsBoundary naming one boundary',
    ]);
  });
});

describe('PAY-ACCT-014: apply roles cannot change themselves, the state or the baseline', () => {
  it('fails an apply role whose self-denial misses its own role', () => {
    expect(
      messages(
        'PAY-ACCT-014',
        rewrite(
          'aws_iam_role_policy',
          'ci_apply',
          'policy',
          'role/ci-payment-*',
          'role/ci-other-*',
        ),
      ),
    ).toEqual([
      'aws_iam_role.ci_apply: does not deny itself iam:UpdateAssumeRolePolicy, iam:PutRolePolicy, iam:AttachRolePolicy, iam:DetachRolePolicy, iam:DeleteRolePolicy: it could change its own trust or policy',
    ]);
  });

  it('fails a missing baseline denial, and a boundary that does not deny IAM', () => {
    expect(
      messages('PAY-ACCT-014', (tf) => {
        rewrite('aws_iam_role_policy', 'ci_apply', 'policy', '"guardduty:DeleteDetector",', '')(tf);
        rewrite('aws_iam_policy', 'ci_boundary', 'policy', '"iam:PassRole"', '"iam:GetRole"')(tf);
      }),
    ).toEqual([
      'aws_iam_role.ci_apply: does not deny guardduty:DeleteDetector (GuardDuty)',
      'aws_iam_policy.ci_boundary: is a permissions boundary that does not deny iam:PassRole on every resource',
    ]);
  });
});

describe('PAY-ACCT-015: plan roles read only their own state', () => {
  it("fails a dev plan reading prod's state, and writing its state instead of the lock", () => {
    expect(
      messages('PAY-ACCT-015', (tf) => {
        rewrite(
          'aws_iam_policy',
          'ci_plan',
          'policy',
          '"Action":["s3:GetObject"],"Resource":"arn:aws:s3:::payment-state-shared-123456789012-use1/prod/payment-prod.tfstate"',
          '"Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::payment-state-shared-123456789012-use1/staging/payment-staging.tfstate"',
        )(tf);
      }),
    ).toEqual([
      'aws_iam_role.ci_plan: statement ReadOwnState: reads objects ["arn:aws:s3:::payment-state-shared-123456789012-use1/staging/payment-staging.tfstate"], not only the state of environment prod',
      'aws_iam_role.ci_plan: statement ReadOwnState: allows s3:PutObject on ["arn:aws:s3:::payment-state-shared-123456789012-use1/staging/payment-staging.tfstate"]; a plan role writes only its lock object',
    ]);
  });
});
