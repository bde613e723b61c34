/** The CI deploy identities of the account stack (src/constructs/ci/), for dev, staging and prod. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IAM_ACTIONS } from '../../../src/aws-facts/iam-actions';
import { MANAGED_POLICY_MAX_CHARS } from '../../../src/permissions/deploy-policy';
import { wildcard } from '../../../src/tfjson/policy';
import { accountConfig, synthesizeBaseline } from '../../helpers/baseline';
import { CI_ACCOUNT_FILE, ciDerived, STATE_BUCKET } from '../../helpers/ci-project';

type Json = Record<string, unknown>;
interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource?: string | string[];
  Principal?: Json;
  Condition?: Record<string, Record<string, string | string[]>>;
}

const { config, environments } = ciDerived();
const stack = synthesizeBaseline(config, environments).get('payment-account-ci')!;
const resources = stack['resource'] as Record<string, Record<string, Json>>;
const byName = (type: string, name: string): [string, Json] =>
  Object.entries(resources[type]!).find(([, r]) => r['name'] === name)!;
const statementsOf = (text: unknown): Statement[] =>
  (JSON.parse(String(text)) as { Statement: Statement[] }).Statement;
const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** Every statement of the role's policies: attached managed policies and inline ones. */
function policiesOf(roleName: string): Statement[] {
  const [roleId] = byName('aws_iam_role', roleName);
  const roleRef = `\${aws_iam_role.${roleId}.name}`;
  const attached = Object.values(resources['aws_iam_role_policy_attachment']!)
    .filter((a) => a['role'] === roleRef)
    .map((a) => /aws_iam_policy\.([^.]+)\.arn/.exec(String(a['policy_arn']))![1]!);
  const inline = Object.values(resources['aws_iam_role_policy'] ?? {}).filter(
    (p) => p['role'] === roleRef,
  );
  return [
    ...attached.flatMap((id) => statementsOf(resources['aws_iam_policy']![id]!['policy'])),
    ...inline.flatMap((p) => statementsOf(p['policy'])),
  ];
}

function trustOf(roleName: string): Statement {
  const [, role] = byName('aws_iam_role', roleName);
  const statements = statementsOf(role['assume_role_policy']);
  expect(statements).toHaveLength(1);
  return statements[0]!;
}

const allows = (s: readonly Statement[], action: string, resource: string) =>
  s.some(
    (st) =>
      st.Effect === 'Allow' &&
      st.Action.some((a) => wildcard(a).test(action)) &&
      list(st.Resource).some((r) => wildcard(r).test(resource)),
  );
const denies = (s: readonly Statement[], action: string, resource: string) =>
  s.some(
    (st) =>
      st.Effect === 'Deny' &&
      !st.Condition &&
      st.Action.some((a) => wildcard(a).test(action)) &&
      list(st.Resource).some((r) => wildcard(r).test(resource)),
  );

const repo = 'repo:acme/payments';
const stateArn = (env: string, lock = false) =>
  `arn:aws:s3:::${STATE_BUCKET}/${env}/payment-${env}.tfstate${lock ? '.tflock' : ''}`;

describe('the GitHub OIDC provider', () => {
  it('is made once per account, for the STS audience, without a thumbprint', () => {
    const providers = Object.values(resources['aws_iam_openid_connect_provider']!).map(
      ({ '//': _metadata, ...attrs }) => attrs,
    );
    expect(providers).toEqual([
      { url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] },
    ]);
  });
});

describe('trust: who may assume each role', () => {
  const subjects = (role: string) => {
    const s = trustOf(role);
    expect(s.Action).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(s.Principal).toEqual({
      Federated: expect.stringMatching(/^\$\{aws_iam_openid_connect_provider\.[^.]+\.arn\}$/),
    });
    expect(Object.keys(s.Condition!)).toEqual(['StringEquals']);
    expect(s.Condition!['StringEquals']!['token.actions.githubusercontent.com:aud']).toBe(
      'sts.amazonaws.com',
    );
    return s.Condition!['StringEquals']!['token.actions.githubusercontent.com:sub'];
  };

  it("dev's plan role: pull requests, the main branch and the dev environment", () => {
    expect(subjects('ci-payment-dev-plan')).toEqual([
      `${repo}:environment:dev`,
      `${repo}:ref:refs/heads/main`,
      `${repo}:pull_request`,
    ]);
  });

  it("prod's plan role: the prod environment and the main branch, never a pull request", () => {
    expect(subjects('ci-payment-prod-plan')).toEqual([
      `${repo}:environment:prod`,
      `${repo}:ref:refs/heads/main`,
    ]);
  });

  it('each apply role: only the jobs of its own GitHub environment', () => {
    for (const env of ['dev', 'staging', 'prod'])
      expect(subjects(`ci-payment-${env}-apply`)).toEqual([`${repo}:environment:${env}`]);
  });

  it('no prod role is assumable from a pull request, and no subject holds a wildcard', () => {
    for (const role of ['ci-payment-prod-plan', 'ci-payment-prod-apply']) {
      expect(subjects(role)).not.toContain(`${repo}:pull_request`);
    }
    for (const [, role] of Object.entries(resources['aws_iam_role']!))
      expect(String(role['assume_role_policy'])).not.toMatch(/StringLike|repo:[^"]*\*/);
  });
});

describe('the plan role reads only what planning its environment needs', () => {
  for (const env of ['dev', 'staging', 'prod']) {
    it(`${env}: reads its own state, writes only its lock, decrypts only through S3`, () => {
      const s = policiesOf(`ci-payment-${env}-plan`);
      expect(allows(s, 's3:GetObject', stateArn(env))).toBe(true);
      expect(allows(s, 's3:PutObject', stateArn(env))).toBe(false);
      expect(allows(s, 's3:PutObject', stateArn(env, true))).toBe(true);
      expect(allows(s, 's3:DeleteObject', stateArn(env, true))).toBe(true);
      const writes = s
        .filter((st) => st.Effect === 'Allow')
        .flatMap((st) => st.Action)
        .filter((a) => !/:(Get|List|Describe|BatchGet)/.test(a));
      expect([...new Set(writes)].sort()).toEqual([
        'kms:Decrypt',
        'kms:GenerateDataKey',
        's3:DeleteObject',
        's3:PutObject',
      ]);
      const kms = s.find((st) => st.Sid === 'StateKeyThroughS3')!;
      expect(kms.Condition!['StringEquals']!['kms:ViaService']).toBe('s3.us-east-1.amazonaws.com');
    });
  }
});

describe('no environment reaches another', () => {
  for (const role of ['ci-payment-dev-plan', 'ci-payment-dev-apply', 'ci-payment-staging-plan']) {
    it(`${role} can neither read nor write prod's state, and denies it explicitly`, () => {
      const s = policiesOf(role);
      for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'])
        for (const arn of [stateArn('prod'), stateArn('prod', true)]) {
          expect(allows(s, action, arn)).toBe(false);
          expect(denies(s, action, arn)).toBe(true);
        }
    });
  }

  it('the dev roles allow nothing on a prod-named resource (payment-<component>-prod...)', () => {
    for (const role of ['ci-payment-dev-plan', 'ci-payment-dev-apply']) {
      const s = policiesOf(role);
      for (const arn of [
        'arn:aws:s3:::payment-assets-prod-123456789012-use1',
        'arn:aws:iam::123456789012:role/payment-app-prod',
        'arn:aws:rds:us-east-1:123456789012:cluster:payment-db-prod',
      ])
        expect(
          s.filter(
            (st) =>
              st.Effect === 'Allow' &&
              list(st.Resource).some((r) => r !== '*' && wildcard(r).test(arn)),
          ),
        ).toEqual([]);
    }
  });
});

describe('the apply role', () => {
  for (const env of ['dev', 'staging', 'prod']) {
    it(`${env}: creates roles only under the boundary and passes only ${env}'s roles`, () => {
      const s = policiesOf(`ci-payment-${env}-apply`).filter((st) => st.Effect === 'Allow');
      const create = s.filter((st) => st.Action.some((a) => wildcard(a).test('iam:CreateRole')));
      expect(create.length).toBeGreaterThan(0);
      for (const st of create)
        expect(st.Condition).toEqual({
          StringEquals: {
            'iam:PermissionsBoundary': 'arn:aws:iam::123456789012:policy/ci-payment-boundary',
          },
        });
      const pass = s.filter((st) => st.Action.some((a) => wildcard(a).test('iam:PassRole')));
      expect(pass.flatMap((st) => list(st.Resource))).toEqual([
        `arn:aws:iam::123456789012:role/payment-*-${env}`,
      ]);
    });

    it(`${env}: cannot change its own trust or policy, the boundary, the state or the baseline`, () => {
      const s = policiesOf(`ci-payment-${env}-apply`);
      const self = `arn:aws:iam::123456789012:role/ci-payment-${env}-apply`;
      const boundary = 'arn:aws:iam::123456789012:policy/ci-payment-boundary';
      for (const action of [
        'iam:UpdateAssumeRolePolicy',
        'iam:PutRolePolicy',
        'iam:AttachRolePolicy',
        'iam:DeleteRolePolicy',
      ]) {
        expect(allows(s, action, self)).toBe(false);
        expect(denies(s, action, self)).toBe(true);
      }
      for (const action of ['iam:CreatePolicyVersion', 'iam:DeletePolicy'])
        expect(denies(s, action, boundary)).toBe(true);
      expect(
        denies(
          s,
          'iam:UpdateOpenIDConnectProviderThumbprint',
          'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
        ),
      ).toBe(true);
      expect(denies(s, 's3:PutBucketPolicy', `arn:aws:s3:::${STATE_BUCKET}`)).toBe(true);
      expect(denies(s, 'kms:ScheduleKeyDeletion', String(environments[0]!.state.kmsKeyId))).toBe(
        true,
      );
      for (const action of [
        'cloudtrail:StopLogging',
        'config:StopConfigurationRecorder',
        'guardduty:DeleteDetector',
      ])
        expect(denies(s, action, '*')).toBe(true);
      expect(
        denies(s, 's3:DeleteBucket', 'arn:aws:s3:::payment-trail-acct-ci-123456789012-use1'),
      ).toBe(true);
    });
  }

  it("denies no action the curated table lists for any resource type (a stack's own calls)", () => {
    const baseline = policiesOf('ci-payment-dev-apply').find(
      (st) => st.Sid === 'NoChangeToBaseline',
    )!;
    const table = Object.values(IAM_ACTIONS).flatMap((e) => [...e.read, ...e.write]);
    expect(table.filter((a) => baseline.Action.some((d) => wildcard(d).test(a)))).toEqual([]);
  });

  it('is given no action its guardrails deny (the generated policy and the denials agree)', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      const s = policiesOf(`ci-payment-${env}-apply`);
      const baseline = s.find((st) => st.Sid === 'NoChangeToBaseline')!;
      const granted = s.filter((st) => st.Effect === 'Allow').flatMap((st) => st.Action);
      expect(granted.filter((a) => baseline.Action.includes(a))).toEqual([]);
    }
  });
});

describe('the permissions boundary', () => {
  it('denies IAM changes, the state buckets and the baseline to every role it caps', () => {
    const [, boundary] = byName('aws_iam_policy', 'ci-payment-boundary');
    const s = statementsOf(boundary['policy']);
    for (const action of ['iam:CreateRole', 'iam:PassRole', 'iam:PutRolePolicy'])
      expect(denies(s, action, 'arn:aws:iam::123456789012:role/anything')).toBe(true);
    expect(denies(s, 's3:GetObject', stateArn('prod'))).toBe(true);
    expect(denies(s, 'cloudtrail:StopLogging', '*')).toBe(true);
  });

  it("fits IAM's sizes: managed policies 6,144 characters, a role's inline policies 10,240", () => {
    // IAM and AWS STS quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
    const size = (text: unknown) => JSON.stringify(JSON.parse(String(text))).length;
    for (const p of Object.values(resources['aws_iam_policy']!))
      expect(size(p['policy'])).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
    for (const p of Object.values(resources['aws_iam_role_policy']!))
      expect(size(p['policy'])).toBeLessThanOrEqual(10_240);
  });
});

describe('outputs and the account stack without ci', () => {
  it('outputs each role ARN, saying which ci-identity value it is', () => {
    const outputs = stack['output'] as Record<string, { description: string }>;
    for (const env of ['dev', 'staging', 'prod']) {
      expect(outputs[`ci_${env}_plan_role_arn`]!.description).toContain(
        `npm run ci-identity -- --env ${env} prints as plan-role-arn`,
      );
      expect(outputs[`ci_${env}_apply_role_arn`]!.description).toContain(
        `npm run ci-identity -- --env ${env} prints as apply-role-arn`,
      );
    }
    expect(outputs['ci_permissions_boundary_arn']).toBeDefined();
  });

  it('changes nothing else in the account stack: without ci, the same JSON less the CI blocks', () => {
    const { ci: _ci, ...withoutCi } = CI_ACCOUNT_FILE;
    const plain = synthesizeBaseline(accountConfig('ci', withoutCi)).get('payment-account-ci')!;
    const stripped = JSON.parse(JSON.stringify(stack)) as {
      resource: Record<string, Record<string, Json>>;
      output: Record<string, Json>;
    };
    for (const [type, blocks] of Object.entries(stripped.resource)) {
      for (const id of Object.keys(blocks)) if (id.startsWith('Ci_')) delete blocks[id];
      if (Object.keys(blocks).length === 0) delete stripped.resource[type];
    }
    for (const id of Object.keys(stripped.output))
      if (id.startsWith('ci_')) delete stripped.output[id];
    // The outputs' index in the metadata names them too.
    const index = (stripped as unknown as { '//': { outputs: Record<string, Json> } })['//']
      .outputs['payment-account-ci']!;
    for (const id of Object.keys(index)) if (id.startsWith('ci_')) delete index[id];
    expect(stripped).toEqual(plain);
  });
});

/** The provider mirror of this machine (hashicorp/aws 5.100.0), as test:terraform uses it. */
const MIRROR = '/opt/tf-plugins';
const terraform =
  spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0 &&
  existsSync(join(MIRROR, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0'));

describe.skipIf(!terraform)('the CI blocks with the real Terraform and aws 5.100.0', () => {
  it('validate: the provider without thumbprint_list, the roles, policies and outputs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'payment-ci-validate-'));
    try {
      const ci: Record<string, Record<string, Json>> = {};
      for (const [type, blocks] of Object.entries(resources))
        for (const [id, block] of Object.entries(blocks))
          if (id.startsWith('Ci_')) (ci[type] ??= {})[id] = block;
      const outputs = Object.fromEntries(
        Object.entries(stack['output'] as Record<string, Json>).filter(([id]) =>
          id.startsWith('ci_'),
        ),
      );
      writeFileSync(
        join(dir, 'main.tf.json'),
        JSON.stringify({
          terraform: {
            required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } },
          },
          provider: { aws: [{ region: 'us-east-1' }] },
          resource: ci,
          output: outputs,
        }),
      );
      const tf = (...args: string[]) =>
        execFileSync('terraform', args, {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, TF_IN_AUTOMATION: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      tf('init', '-input=false', `-plugin-dir=${MIRROR}`);
      const result = JSON.parse(tf('validate', '-json')) as {
        valid: boolean;
        diagnostics: unknown[];
      };
      expect(result.diagnostics).toEqual([]);
      expect(result.valid).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
