/** The IAM rules (src/compliance/rules/iam/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import type { Json, TfJson } from '../../fixtures/compliant-stack';
import { add, graphOf, mutated, policy, ref, res } from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('PAY-IAM-003: iam:PassRole on every role', () => {
  const withResource = (resource: string | string[]) =>
    graphOf(
      mutated((tf) =>
        add(tf, 'aws_iam_policy', 'pass', {
          name: 'pass',
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: resource }],
          }),
        }),
      ),
    );
  const found = (resource: string | string[]) =>
    byId('PAY-IAM-003').check(withResource(resource)).length > 0;

  it('fails on "*" and on ARN patterns that match every role name', () => {
    expect(found('*')).toBe(true);
    expect(found('arn:aws:iam::123456789012:role/*')).toBe(true);
    expect(
      found(
        'arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.me.account_id}:role/*',
      ),
    ).toBe(true);
    expect(found('arn:aws:iam::*:*')).toBe(true);
    expect(found(['arn:aws:iam::123456789012:role/payment-app', 'arn:aws:iam::*:role/*'])).toBe(
      true,
    );
  });

  it('passes when the roles are named (or share a specific prefix)', () => {
    expect(found('arn:aws:iam::123456789012:role/payment-app-prod')).toBe(false);
    expect(
      found(
        'arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.me.account_id}:role/payment-ecs-*',
      ),
    ).toBe(false);
    expect(found('${aws_iam_role.task.arn}')).toBe(false);
    expect(found('arn:aws:iam::123456789012:role/${var.role_name}')).toBe(false);
    expect(found('arn:aws:s3:::*')).toBe(false);
  });
});

describe('policy documents merged from source_policy_documents / override_policy_documents', () => {
  const passRoleStar = {
    effect: 'Allow',
    actions: ['iam:PassRole'],
    resources: ['*'],
  };
  const withDocs = (outer: Record<string, unknown>, inner?: Record<string, unknown>) =>
    graphOf(
      mutated((tf) => {
        tf.data = {
          ...tf.data,
          aws_iam_policy_document: {
            ...(tf.data?.['aws_iam_policy_document'] ?? {}),
            outer,
            ...(inner ? { inner } : {}),
          },
        };
        add(tf, 'aws_iam_policy', 'merged', {
          name: 'merged',
          policy: ref('data.aws_iam_policy_document.outer.json'),
        });
      }),
    );

  it('reads statements of a referenced source document', () => {
    const g = withDocs(
      {
        statement: [
          { effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] },
        ],
        source_policy_documents: [ref('data.aws_iam_policy_document.inner.json')],
      },
      { statement: [passRoleStar] },
    );
    expect(
      byId('PAY-IAM-003')
        .check(g)
        .map((v) => v.address),
    ).toEqual(['aws_iam_policy.merged']);
  });

  it('reads statements of an override document written as JSON', () => {
    const g = withDocs({
      statement: [{ effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }],
      override_policy_documents: [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
      ],
    });
    expect(byId('PAY-IAM-001').check(g)).toHaveLength(1);
  });

  it('still passes a document whose merged parts are clean', () => {
    const g = withDocs(
      { source_policy_documents: [ref('data.aws_iam_policy_document.inner.json')] },
      {
        statement: [
          { effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] },
        ],
      },
    );
    expect(byId('PAY-IAM-001').check(g)).toEqual([]);
    expect(byId('PAY-IAM-003').check(g)).toEqual([]);
  });
});

describe('rule details an auditor relies on', () => {
  it('reads IAM policies from aws_iam_policy_document data sources', () => {
    const g = graphOf(
      mutated((tf) => {
        tf.data!['aws_iam_policy_document'] = {
          ...tf.data!['aws_iam_policy_document'],
          admin: { statement: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }] },
        };
        res(tf, 'aws_iam_role_policy', 'app')['policy'] = ref(
          'data.aws_iam_policy_document.admin.json',
        );
      }),
    );
    expect(byId('PAY-IAM-001').check(g)).toHaveLength(1);
    const trust = graphOf(
      mutated((tf) => {
        const doc = tf.data!['aws_iam_policy_document']!['trust']!;
        doc['statement'] = [
          {
            effect: 'Allow',
            actions: ['sts:AssumeRole'],
            principals: [{ type: '*', identifiers: ['*'] }],
          },
        ];
      }),
    );
    expect(byId('PAY-IAM-005').check(trust)).toHaveLength(1);
  });
});

describe('PAY-IAM-009: service principals narrowed to this account', () => {
  it('accepts ALB log delivery without conditions only under AWSLogs/<account-id>/', () => {
    const albStatement = (resource: string) => (tf: TfJson) => {
      const p = res(tf, 'aws_s3_bucket_policy', 'assets_pol');
      const doc = JSON.parse(p['policy'] as string) as { Statement: Json[] };
      doc.Statement.push({
        Sid: 'Alb',
        Effect: 'Allow',
        Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: resource,
      });
      p['policy'] = policy(doc.Statement);
    };
    const scoped = albStatement(
      `${ref('aws_s3_bucket.assets.arn')}/alb/AWSLogs/${ref('data.aws_caller_identity.me.account_id')}/*`,
    );
    expect(byId('PAY-IAM-009').check(graphOf(mutated(scoped)))).toEqual([]);
    const anyAccount = albStatement(`${ref('aws_s3_bucket.assets.arn')}/alb/*`);
    expect(byId('PAY-IAM-009').check(graphOf(mutated(anyAccount)))[0]?.message).toMatch(
      /statement Alb lets logdelivery.elasticloadbalancing.amazonaws.com act for any account/,
    );
  });
});

describe('PAY-IAM-010: Session Manager access scoped', () => {
  const withStatements = (change: (statements: Json[]) => Json[]) =>
    mutated((tf) => {
      const p = res(tf, 'aws_iam_policy', 'admin_session');
      const doc = JSON.parse(p['policy'] as string) as { Statement: Json[] };
      p['policy'] = policy(change(doc.Statement));
    });
  const rule = () => RULES.find((r) => r.id === 'PAY-IAM-010')!;

  it('fails StartSession without the document check, naming the statement', () => {
    const v = rule().check(graphOf(withStatements((s) => (delete s[0]!['Condition'], s))));
    expect(v).toEqual([
      {
        address: 'aws_iam_policy.admin_session',
        message: expect.stringMatching(
          /^statement PortForward allows ssm:StartSession without ssm:SessionDocumentAccessCheck = true/,
        ),
      },
    ]);
  });

  it('fails ending any session, and a session-id condition that is not the caller’s ID', () => {
    for (const own of [
      {
        ...{
          Sid: 'EndOwnSessions',
          Effect: 'Allow',
          Action: 'ssm:TerminateSession',
          Resource: '*',
        },
      },
      {
        Sid: 'EndOwnSessions',
        Effect: 'Allow',
        Action: 'ssm:TerminateSession',
        Resource: '*',
        Condition: { StringLike: { 'ssm:resourceTag/aws:ssmmessages:session-id': ['*'] } },
      },
    ]) {
      const v = rule().check(graphOf(withStatements((s) => [s[0]!, own, s[2]!])));
      expect(v).toEqual([
        {
          address: 'aws_iam_policy.admin_session',
          message: expect.stringMatching(
            /statement EndOwnSessions allows ending or resuming sessions other than the caller's own/,
          ),
        },
      ]);
    }
    // The resource-ARN form of "own sessions" passes too.
    const byArn = withStatements((s) => [
      s[0]!,
      {
        Sid: 'Own',
        Effect: 'Allow',
        Action: 'ssm:TerminateSession',
        Resource: 'arn:aws:ssm:*:*:session/$${aws:userid}-*',
      },
      s[2]!,
    ]);
    expect(rule().check(graphOf(byArn))).toEqual([]);
  });

  it('fails StartSession without an MFA deny; a deny on another action does not count', () => {
    const noDeny = rule().check(graphOf(withStatements((s) => [s[0]!, s[1]!])));
    expect(noDeny).toEqual([
      {
        address: 'aws_iam_policy.admin_session',
        message: expect.stringMatching(/no Deny on Bool aws:MultiFactorAuthPresent = false/),
      },
    ]);
    const other = withStatements((s) => ((s[2]!['Action'] = 'ssm:ResumeSession'), s));
    expect(rule().check(graphOf(other))).toHaveLength(1);
    // BoolIfExists is stricter (it also refuses credentials without MFA context): accepted.
    const ifExists = withStatements((s) => {
      s[2]!['Condition'] = { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } };
      return s;
    });
    expect(rule().check(graphOf(ifExists))).toEqual([]);
  });
});

describe('a permissions boundary is a ceiling, not a grant', () => {
  const adminFindings = (tf: TfJson) =>
    byId('PAY-IAM-001')
      .check(graphOf(tf))
      .map((v) => `${v.address}: ${v.message}`);

  it('does not read the CI boundary (named by iam:PermissionsBoundary, attached nowhere) as a grant', () => {
    expect(adminFindings(mutated(() => undefined))).toEqual([]);
  });

  it('reads it as a grant once it is attached to a role, or no longer named as a boundary', () => {
    const finding =
      'aws_iam_policy.ci_boundary: statement Ceiling: allows every action on every resource';
    expect(
      adminFindings(
        mutated((tf) =>
          add(tf, 'aws_iam_role_policy_attachment', 'boundary_as_grant', {
            role: ref('aws_iam_role.ci_plan.name'),
            policy_arn: ref('aws_iam_policy.ci_boundary.arn'),
          }),
        ),
      ),
    ).toEqual([finding]);
    expect(
      adminFindings(
        mutated((tf) => {
          const p = res(tf, 'aws_iam_policy', 'ci_apply');
          p['policy'] = String(p['policy']).replace('policy/ci-payment-boundary', 'policy/other');
        }),
      ),
    ).toEqual([finding]);
  });
});
