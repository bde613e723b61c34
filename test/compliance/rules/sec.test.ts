/** The secret rules (src/compliance/rules/sec/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import type { Json } from '../../fixtures/compliant-stack';
import {
  add,
  containers,
  graphOf,
  mutated,
  policy,
  ref,
  res,
} from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('PAY-SEC-001: secret-looking literals the first version missed', () => {
  const sec = byId('PAY-SEC-001');
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

describe('rule details an auditor relies on', () => {
  it('finds secrets in user data, container environments and variable defaults', () => {
    const sec = byId('PAY-SEC-001');
    const userData = graphOf(
      mutated((tf) => {
        res(tf, 'aws_launch_template', 'app')['user_data'] = Buffer.from(
          '#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP\n',
        ).toString('base64');
      }),
    );
    expect(sec.check(userData)[0]?.message).toMatch(/AWS access key/);
    const env = graphOf(
      mutated((tf) =>
        containers(
          tf,
          (c) => void (c['environment'] = [{ name: 'API_TOKEN', value: 'tok-123456' }]),
        ),
      ),
    );
    expect(sec.check(env)[0]?.message).toMatch(/secret-looking name/);
    const variable = graphOf(
      mutated(
        (tf) => void (tf.variable = { db_password: { type: 'string', default: 'changeme123' } }),
      ),
    );
    expect(sec.check(variable).map((v) => v.address)).toEqual(['var.db_password']);
    const reference = graphOf(
      mutated(
        (tf) =>
          void (res(tf, 'aws_rds_cluster', 'db')['master_password'] = ref(
            'random_password.db.result',
          )),
      ),
    );
    expect(sec.check(reference)).toEqual([]);
  });

  it('finds secrets kept in state by secret versions and SSM parameters, not write-only ones', () => {
    const rule = byId('PAY-SEC-003');
    const version = (attrs: Json) =>
      graphOf(
        mutated((tf) =>
          add(tf, 'aws_secretsmanager_secret_version', 'v', {
            secret_id: ref('aws_secretsmanager_secret.api.id'),
            ...attrs,
          }),
        ),
      );
    expect(rule.check(version({ secret_string: ref('var.token') }))).toHaveLength(1);
    expect(
      rule.check(version({ secret_string_wo: ref('var.token'), secret_string_wo_version: 1 })),
    ).toEqual([]);
    const param = (type: string) =>
      graphOf(
        mutated((tf) =>
          add(tf, 'aws_ssm_parameter', 'p', { name: '/x', type, value: ref('var.v') }),
        ),
      );
    expect(rule.check(param('SecureString'))).toHaveLength(1);
    expect(rule.check(param('String'))).toEqual([]);
  });

  it('finds credentials in scripts and YAML, but not in prose or references', () => {
    const sec = byId('PAY-SEC-001');
    const userData = (script: string) =>
      sec.check(
        graphOf(
          mutated((tf) => {
            res(tf, 'aws_launch_template', 'app')['user_data'] =
              Buffer.from(script).toString('base64');
          }),
        ),
      );
    expect(userData('#!/bin/bash\nexport DB_PASSWORD=hunter22\n')).toHaveLength(1);
    expect(userData('#!/bin/bash\nexport MY_SECRET_KEY="abcd1234"\n')).toHaveLength(1);
    expect(userData('#cloud-config\napi_key: abcdef123456\n')).toHaveLength(1);
    expect(
      userData('#!/bin/bash\nexport DB_PASSWORD="$(aws secretsmanager get-secret-value)"\n'),
    ).toEqual([]);
    expect(
      userData('#!/bin/bash\nTOKEN=$(curl -X PUT http://169.254.169.254/latest/api/token)\n'),
    ).toEqual([]);
    const prose = graphOf(
      mutated(
        (tf) =>
          void (res(tf, 'aws_secretsmanager_secret', 'api')['description'] =
            'Rotate the secret: every 30 days'),
      ),
    );
    expect(sec.check(prose)).toEqual([]);
  });
});

describe('PAY-SEC-001: IAM actions are names', () => {
  it('reads secretsmanager:GetSecretValue in an Action as a name, the same text elsewhere as a pair', () => {
    const sec = byId('PAY-SEC-001');
    const inPolicy = (statement: Json) =>
      graphOf(
        mutated(
          (tf) => void (res(tf, 'aws_iam_role_policy', 'app')['policy'] = policy([statement])),
        ),
      );
    const allow = { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: '*' };
    expect(sec.check(inPolicy(allow))).toEqual([]);
    // The failing case: a secret-looking pair outside an Action is still found.
    expect(sec.check(inPolicy({ ...allow, Sid: 'secret:hunter22' }))).toHaveLength(1);
  });
});

describe('PAY-SEC-001: YAML mapping keys are not key-value pairs', () => {
  const withTemplate = (template: string) =>
    RULES.find((r) => r.id === 'PAY-SEC-001')!.check(
      graphOf(
        mutated((tf) => {
          tf.resource['aws_config_conformance_pack']!['pci']!['template_body'] = template;
        }),
      ),
    );
  it('passes a key whose value starts on the next line (the PCI DSS conformance pack)', () => {
    expect(withTemplate('Resources:\n  SecretsmanagerSecretUnused:\n    Properties:\n')).toEqual(
      [],
    );
  });
  it('still fails a secret-looking key with a value on its line', () => {
    expect(withTemplate('Resources:\n  db_password: hunter2hunter2\n')).toHaveLength(1);
  });
});
