/**
 * Regression tests from the review of the compliance gate: each one failed before its fix.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/compliance/engine';
import { renderSarif, sarifHelpBase } from '../../src/compliance/reporters/sarif';
import { runGate } from '../../src/compliance/run';
import { RULES } from '../../src/compliance/rules';
import { globToRegExp, parseSuppressions } from '../../src/compliance/suppressions';
import type { TfJson } from './fixtures';
import { add, compliantStack, graphOf, mutated, ref, res } from './fixtures';

const rule = (id: string) => RULES.find((r) => r.id === id)!;

/** The fixture with an internet-facing ALB whose group accepts 443 from anywhere. */
const publicAlb = (tf: TfJson) => {
  res(tf, 'aws_lb', 'alb')['internal'] = false;
  res(tf, 'aws_vpc_security_group_ingress_rule', 'alb_https')['cidr_ipv4'] = '0.0.0.0/0';
};

describe('PAY-SG-008: internet ingress only to the load balancer', () => {
  it('passes when the open group is used only by the internet-facing ALB', () => {
    expect(rule('PAY-SG-008').check(graphOf(mutated(publicAlb)))).toEqual([]);
  });

  it('fails when the ALB group is also attached to the app instances', () => {
    const shared = mutated((tf) => {
      publicAlb(tf);
      const lt = res(tf, 'aws_launch_template', 'app');
      lt['vpc_security_group_ids'] = [
        ref('aws_security_group.app.id'),
        ref('aws_security_group.alb.id'),
      ];
    });
    const found = rule('PAY-SG-008').check(graphOf(shared));
    expect(found.map((v) => v.address)).toEqual(['aws_vpc_security_group_ingress_rule.alb_https']);
    expect(found[0]?.message).toMatch(/not attached only to an internet-facing load balancer/);
  });

  it('fails when the open group is attached to an internal load balancer as well', () => {
    const mixed = mutated((tf) => {
      publicAlb(tf);
      add(tf, 'aws_lb', 'internal', {
        ...res(tf, 'aws_lb', 'alb'),
        name: 'payment-internal-prod',
        internal: true,
      });
    });
    expect(rule('PAY-SG-008').check(graphOf(mixed))).toHaveLength(1);
  });
});

describe('compliance/suppressions.json', () => {
  const file = parseSuppressions(
    'compliance/suppressions.json',
    readFileSync(join(__dirname, '..', '..', 'compliance', 'suppressions.json'), 'utf8'),
  );
  /** Suppressions whose reason holds for every resource of the type (none can be set by Terraform). */
  const TYPE_WIDE = new Set(['PAY-S3-004']);

  it('names the reviewed resource, not every resource of its type', () => {
    expect(file.errors).toEqual([]);
    const broad = file.suppressions.filter(
      (s) => !TYPE_WIDE.has(s.rule) && /^[a-z0-9_]+\.\*$/.test(s.resource),
    );
    expect(broad.map((s) => `${s.rule} ${s.resource}`)).toEqual([]);
  });

  it('would not hide a second, unreviewed public load balancer or cluster', () => {
    const covers = (rule: string, address: string) =>
      file.suppressions.some((s) => s.rule === rule && globToRegExp(s.resource).test(address));
    expect(covers('PAY-ALB-006', 'aws_lb.LoadBalancer_Alb_72D76F81')).toBe(true);
    expect(covers('PAY-ALB-006', 'aws_lb.AdminPortal_Alb_0A1B2C3D')).toBe(false);
    expect(covers('PAY-RDS-011', 'aws_rds_cluster.Aurora_Cluster_2778A36C')).toBe(true);
    expect(covers('PAY-RDS-011', 'aws_rds_cluster.Reporting_Cluster_0A1B2C3D')).toBe(false);
  });
});

describe('SARIF rule help links (GitHub code scanning shows helpUri on every alert)', () => {
  const report = evaluate(
    [graphOf(compliantStack())],
    RULES,
    parseSuppressions('s.json', undefined),
  );
  const rulesOf = (base: string) =>
    (
      JSON.parse(renderSarif(report, { json: (f) => ({ uri: f.file, line: 1 }) }, base)) as {
        runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } } }>;
      }
    ).runs[0]!.tool.driver.rules;

  it('gives every rule an absolute helpUri to the rule catalogue', () => {
    const rules = rulesOf('https://github.com/o/r/blob/abc/docs/compliance.md');
    expect(rules).toHaveLength(RULES.length);
    for (const r of rules) {
      expect(new URL(r.helpUri!).href).toBe(
        'https://github.com/o/r/blob/abc/docs/compliance.md#rule-catalogue',
      );
    }
  });

  it('links to the analysed commit in GitHub Actions, and to the local file elsewhere', () => {
    expect(
      sarifHelpBase(
        {
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_REPOSITORY: 'acme/payments',
          GITHUB_SHA: '0123abc',
        },
        '/repo/docs/compliance.md',
      ),
    ).toBe('https://github.com/acme/payments/blob/0123abc/docs/compliance.md');
    expect(sarifHelpBase({}, '/repo/docs/compliance.md')).toBe('file:///repo/docs/compliance.md');
  });

  it('writes the help links through npm run check -- --format sarif', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gate-review-'));
    try {
      mkdirSync(join(cwd, 'cdktf.out', 'stacks', 'payment-prod'), { recursive: true });
      writeFileSync(
        join(cwd, 'cdktf.out', 'stacks', 'payment-prod', 'cdk.tf.json'),
        JSON.stringify(compliantStack()),
      );
      let out = '';
      runGate(['--format', 'sarif', '--fail-on', 'critical'], {
        cwd,
        stdout: (t) => (out += t),
        stderr: () => undefined,
        colour: false,
        synthesize: () => 1,
        env: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/payments' },
      });
      const sarif = JSON.parse(out) as {
        runs: Array<{ tool: { driver: { rules: Array<{ helpUri?: string }> } } }>;
      };
      expect(sarif.runs[0]!.tool.driver.rules[0]!.helpUri).toBe(
        'https://github.com/acme/payments/blob/HEAD/docs/compliance.md#rule-catalogue',
      );
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

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
    rule('PAY-IAM-003').check(withResource(resource)).length > 0;

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

describe('PAY-SEC-001: secret-looking literals the first version missed', () => {
  const sec = rule('PAY-SEC-001');
  const inEnv = (name: string, value: string) =>
    sec.check(
      graphOf(
        mutated((tf) => {
          const task = res(tf, 'aws_ecs_task_definition', 'app');
          const list = JSON.parse(task['container_definitions'] as string) as Array<
            Record<string, unknown>
          >;
          list[0]!['environment'] = [{ name, value }];
          task['container_definitions'] = JSON.stringify(list);
        }),
      ),
    );
  const inUserData = (script: string) =>
    sec.check(
      graphOf(
        mutated((tf) => {
          res(tf, 'aws_launch_template', 'app')['user_data'] =
            Buffer.from(script).toString('base64');
        }),
      ),
    );

  it('reads camelCase and run-together names', () => {
    expect(inEnv('dbPassword', 'hunter2hunter2')).toHaveLength(1);
    expect(inEnv('DBPASSWORD', 'hunter2hunter2')).toHaveLength(1);
    const tag = sec.check(
      graphOf(mutated((tf) => void (res(tf, 'aws_vpc', 'vpc')['tags'] = { DbPassword: 'x1y2z3' }))),
    );
    expect(tag.map((v) => v.message)).toEqual([
      'tags.DbPassword holds a literal value under a secret-looking name',
    ]);
  });

  it('finds passwords in URLs, on mysql command lines, in bearer headers and DB_PASS=', () => {
    expect(inEnv('DATABASE_URL', 'mysql://admin:hunter2@db.internal:3306/pay')[0]?.message).toMatch(
      /password in a URL/,
    );
    expect(inUserData('#!/bin/bash\nmysql -u admin -phunter2hunter2 -h db\n')[0]?.message).toMatch(
      /mysql command line/,
    );
    expect(
      inUserData(
        '#!/bin/bash\ncurl -H "Authorization: Bearer abcdef0123456789abcdef" https://x\n',
      )[0]?.message,
    ).toMatch(/bearer token/);
    expect(inUserData('#!/bin/bash\nexport DB_PASS=hunter2hunter2\n')).toHaveLength(1);
  });

  it('still accepts references, fetched values and ordinary names', () => {
    expect(inEnv('DATABASE_URL', 'mysql://db.internal:3306/pay')).toEqual([]);
    expect(inEnv('DB_HOST', 'db.internal')).toEqual([]);
    expect(inEnv('PASSWORD_MIN_LENGTH', '12')).toEqual([]);
    expect(
      inUserData(
        '#!/bin/bash\nPASS=$(aws secretsmanager get-secret-value --secret-id x)\nmysql -u app -p"$PASS" -h db\ncurl -H "Authorization: Bearer $TOKEN" https://x\n',
      ),
    ).toEqual([]);
  });
});

describe('PAY-WAF-003: the Known Bad Inputs group must actually block (as CKV_AWS_192)', () => {
  const waf = (change: (rule: Record<string, unknown>) => void) =>
    rule('PAY-WAF-003').check(
      graphOf(
        mutated((tf) => {
          change(
            (res(tf, 'aws_wafv2_web_acl', 'acl')['rule'] as Array<Record<string, unknown>>)[0]!,
          );
        }),
      ),
    );
  const group = (r: Record<string, unknown>) =>
    (r['statement'] as Record<string, Record<string, unknown>>)['managed_rule_group_statement']!;

  it('passes with override_action none', () => {
    expect(waf(() => undefined)).toEqual([]);
  });

  it('fails when the group only counts', () => {
    const found = waf((r) => void (r['override_action'] = { count: {} }));
    expect(found[0]?.message).toMatch(/override_action count, so it does not block/);
  });

  it('fails when Log4JRCE is excluded or overridden to count', () => {
    expect(waf((r) => void (group(r)['excluded_rule'] = [{ name: 'Log4JRCE' }]))).toHaveLength(1);
    expect(
      waf(
        (r) =>
          void (group(r)['rule_action_override'] = [
            { name: 'Log4JRCE', action_to_use: { count: {} } },
          ]),
      )[0]?.message,
    ).toMatch(/does not block Log4JRCE/);
  });

  it('does not accept the group name appearing elsewhere, e.g. as a rule name', () => {
    const found = waf((r) => {
      r['name'] = 'AWSManagedRulesKnownBadInputsRuleSet';
      group(r)['name'] = 'AWSManagedRulesCommonRuleSet';
    });
    expect(found).toHaveLength(1);
  });
});

describe('prod-only rules when the default tags are stripped', () => {
  const untagged = (tf: TfJson) => void (tf.provider.aws[0]!['default_tags'] = []);

  it('still treats a stack named payment-prod as prod', () => {
    const g = graphOf(
      mutated((tf) => {
        untagged(tf);
        res(tf, 'aws_rds_cluster', 'db')['deletion_protection'] = false;
      }),
      'payment-prod',
    );
    expect(g.profile).toBe('prod');
    expect(rule('PAY-RDS-003').check(g)).toHaveLength(1);
  });

  it('does not treat other names as prod', () => {
    expect(graphOf(mutated(untagged), 'payment-dev').profile).toBeUndefined();
    expect(graphOf(mutated(untagged), 'payment-production-like').profile).toBeUndefined();
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
      rule('PAY-IAM-003')
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
    expect(rule('PAY-IAM-001').check(g)).toHaveLength(1);
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
    expect(rule('PAY-IAM-001').check(g)).toEqual([]);
    expect(rule('PAY-IAM-003').check(g)).toEqual([]);
  });
});

describe('security group rules open to the internet through split or wide CIDRs', () => {
  const ssh = (cidrs: Record<string, string>) =>
    rule('PAY-SG-002').check(
      graphOf(
        mutated((tf) =>
          add(tf, 'aws_vpc_security_group_ingress_rule', 'ssh', {
            security_group_id: ref('aws_security_group.app.id'),
            description: 'ssh',
            ip_protocol: 'tcp',
            from_port: 22,
            to_port: 22,
            ...cidrs,
          }),
        ),
      ),
    );

  it('treats 0.0.0.0/1, 128.0.0.0/1, a /4 and 8000::/1 as the internet', () => {
    expect(ssh({ cidr_ipv4: '0.0.0.0/1' })).toHaveLength(1);
    expect(ssh({ cidr_ipv4: '128.0.0.0/1' })).toHaveLength(1);
    expect(ssh({ cidr_ipv4: '64.0.0.0/4' })).toHaveLength(1);
    expect(ssh({ cidr_ipv6: '8000::/1' })).toHaveLength(1);
  });

  it('does not treat the VPC, private ranges or a host as the internet', () => {
    expect(ssh({ cidr_ipv4: '10.0.0.0/16' })).toEqual([]);
    expect(ssh({ cidr_ipv4: '10.0.0.0/8' })).toEqual([]);
    expect(ssh({ cidr_ipv4: '203.0.113.10/32' })).toEqual([]);
    expect(ssh({ cidr_ipv6: 'fd00::/8' })).toEqual([]);
    expect(ssh({ cidr_ipv6: '2001:db8::/32' })).toEqual([]);
  });
});

describe('anonymous Allow statements count as scoped only by a narrowing condition', () => {
  const publicStatement = (condition: Record<string, unknown>) =>
    rule('PAY-S3-013').check(
      graphOf(
        mutated((tf) => {
          const p = res(tf, 'aws_s3_bucket_policy', 'assets_pol');
          const doc = JSON.parse(p['policy'] as string) as { Statement: unknown[] };
          doc.Statement.push({
            Sid: 'Open',
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::b/*',
            Condition: condition,
          });
          p['policy'] = JSON.stringify(doc);
        }),
      ),
    );

  it('accepts StringEquals / ArnLike on a scoping key', () => {
    expect(publicStatement({ StringEquals: { 'aws:SourceAccount': '123456789012' } })).toEqual([]);
    expect(
      publicStatement({
        ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:*' },
      }),
    ).toEqual([]);
  });

  it('rejects negated, IfExists and wildcard-only conditions', () => {
    expect(
      publicStatement({ StringNotEquals: { 'aws:SourceAccount': '123456789012' } }),
    ).toHaveLength(1);
    expect(
      publicStatement({ StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' } }),
    ).toHaveLength(1);
    expect(publicStatement({ StringLike: { 'aws:PrincipalOrgID': '*' } })).toHaveLength(1);
    expect(publicStatement({ Null: { 'aws:SourceAccount': 'false' } })).toHaveLength(1);
  });
});

describe('suppression expiry dates', () => {
  const parse = (expires: string) =>
    parseSuppressions(
      's.json',
      JSON.stringify({
        suppressions: [
          {
            rule: 'PAY-S3-004',
            resource: 'aws_s3_bucket.assets',
            reason: 'Accepted because the compensating control in the runbook covers it.',
            expires,
          },
        ],
      }),
    ).errors;

  it('accepts a real date and rejects impossible ones, which would never expire as meant', () => {
    expect(parse('2027-02-28')).toEqual([]);
    expect(parse('2028-02-29')).toEqual([]);
    expect(parse('2027-02-29')[0]).toMatch(/expires is not a calendar date/);
    expect(parse('2027-02-30')[0]).toMatch(/expires is not a calendar date/);
    expect(parse('2027-6-30')[0]).toMatch(/expires is not a calendar date like 2027-06-30/);
    expect(parse('2027-13-01')[0]).toMatch(/expires is not a calendar date/);
  });
});

describe('PAY-S3-014: the TLS-only Deny must cover this bucket and its objects', () => {
  const withResources = (resources: unknown) =>
    rule('PAY-S3-014').check(
      graphOf(
        mutated((tf) => {
          const p = res(tf, 'aws_s3_bucket_policy', 'assets_pol');
          const doc = JSON.parse(p['policy'] as string) as {
            Statement: Array<Record<string, unknown>>;
          };
          for (const s of doc.Statement) {
            const c = s['Condition'] as Record<string, Record<string, unknown>> | undefined;
            if (c?.['Bool']?.['aws:SecureTransport'] !== undefined) s['Resource'] = resources;
          }
          p['policy'] = JSON.stringify(doc);
        }),
      ),
    );

  it('passes on the bucket ARN and its objects, by reference, literal name or "*"', () => {
    expect(
      withResources([ref('aws_s3_bucket.assets.arn'), `${ref('aws_s3_bucket.assets.arn')}/*`]),
    ).toEqual([]);
    expect(withResources('*')).toEqual([]);
    const name = 'payment-assets-123456789012-use1-prod';
    expect(
      withResources([
        `arn:${ref('data.aws_partition.p.partition')}:s3:::${name}`,
        `arn:aws:s3:::${name}/*`,
      ]),
    ).toEqual([]);
  });

  it('fails when the Deny names another bucket, or the bucket but not its objects', () => {
    expect(
      withResources([ref('aws_s3_bucket.logs.arn'), `${ref('aws_s3_bucket.logs.arn')}/*`]),
    ).toHaveLength(1);
    expect(withResources([ref('aws_s3_bucket.assets.arn')])).toHaveLength(1);
  });
});

describe('scanner IDs in rule metadata', () => {
  it('are spelled as each scanner spells them', () => {
    const shapes: Record<string, RegExp> = {
      checkov: /^CKV2?_AWS_\d{1,3}$/,
      trivy: /^AWS-\d{4}$/,
      kics: /^[0-9a-f]{8}$/,
      securityHub: /^[A-Za-z][A-Za-z0-9]*\.\d{1,2}$/,
      cdkNag: /^(PCI\.DSS\.321|AwsSolutions)-[A-Za-z0-9]+$/,
    };
    const bad = RULES.flatMap((r) =>
      Object.entries(r.equivalents).flatMap(([tool, ids]) =>
        (ids as readonly string[])
          .filter((id) => !shapes[tool]!.test(id))
          .map((id) => `${r.id} ${tool} ${id}`),
      ),
    );
    expect(bad).toEqual([]);
  });
});
