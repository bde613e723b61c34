/**
 * Issue 26: an apply role's name patterns must not reach another environment's resources in
 * the same account (`payment-*-dev*` used to match `dev2`'s, `devops`'s and `dev-eu`'s names),
 * and must still reach every resource of its own environment. Checked against the real names
 * of synthesized stacks, turned into the ARNs AWS authorizes on.
 */
import { describe, expect, it } from 'vitest';
import { IAM_ACTIONS } from '../../src/aws-facts/iam-actions';
import { InputProblem } from '../../src/errors/problems';
import type { DeployPolicy, PolicyStatement } from '../../src/permissions/deploy-policy';
import { generateDeployPolicy, hostedZoneRecords } from '../../src/permissions/deploy-policy';
import { resourceMatches, wildcard } from '../../src/tfjson/policy';
import type { TerraformJson } from '../helpers/synth';
import { synthesize } from '../helpers/synth';

const ACCOUNT = '123456789012';
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/ci-payment-boundary`;

/** A stack of `profile` named `suffix`, as `config/<suffix>.json` with that profile would build it. */
function stack(suffix: string): { json: TerraformJson; region: string } {
  const profile = suffix.startsWith('prod')
    ? 'prod'
    : suffix.startsWith('staging')
      ? 'staging'
      : 'dev';
  const { json, config } = synthesize(
    profile === suffix
      ? { ENVIRONMENT: profile }
      : { ENVIRONMENT: profile, ENVIRONMENT_SUFFIX: suffix },
  );
  return { json, region: config.region };
}

interface NamedArn {
  readonly type: string;
  readonly arn: string;
}

/**
 * The ARN of every resource of the stack whose ARN carries its name (tag-scoped types and
 * random IDs such as KMS keys have none), with stand-in IDs where AWS adds one.
 */
function namedArns(json: TerraformJson, region: string): NamedArn[] {
  const out: NamedArn[] = [];
  const literal = (type: string, block: Record<string, unknown>, key: string): string => {
    const value = String(block[key]).replace(
      /\$\{data\.aws_caller_identity\.[^}]+\.account_id\}/g,
      ACCOUNT,
    );
    expect(value, `${type}.${key}`).not.toContain('${');
    return value;
  };
  const at = (service: string, resource: string, regional = true): string =>
    `arn:aws:${service}:${regional ? region : ''}:${service === 's3' ? '' : ACCOUNT}:${resource}`;
  const shapes: Record<string, [string, (name: string) => string[]]> = {
    aws_s3_bucket: ['bucket', (n) => [`arn:aws:s3:::${n}`]],
    aws_iam_role: ['name', (n) => [`arn:aws:iam::${ACCOUNT}:role/${n}`]],
    aws_iam_instance_profile: ['name', (n) => [`arn:aws:iam::${ACCOUNT}:instance-profile/${n}`]],
    aws_cloudwatch_log_group: [
      'name',
      (n) => [at('logs', `log-group:${n}`), at('logs', `log-group:${n}:*`)],
    ],
    aws_lb: ['name', (n) => [at('elasticloadbalancing', `loadbalancer/app/${n}/50dc6c495c0c9188`)]],
    aws_lb_target_group: [
      'name',
      (n) => [at('elasticloadbalancing', `targetgroup/${n}/73e2d6bc24d8a067`)],
    ],
    aws_rds_cluster: ['cluster_identifier', (n) => [at('rds', `cluster:${n}`)]],
    aws_rds_cluster_instance: ['identifier', (n) => [at('rds', `db:${n}`)]],
    aws_rds_cluster_parameter_group: ['name', (n) => [at('rds', `cluster-pg:${n}`)]],
    aws_db_parameter_group: ['name', (n) => [at('rds', `pg:${n}`)]],
    aws_db_subnet_group: ['name', (n) => [at('rds', `subgrp:${n}`)]],
    aws_ecs_cluster: ['name', (n) => [at('ecs', `cluster/${n}`)]],
    aws_ecr_repository: ['name', (n) => [at('ecr', `repository/${n}`)]],
    aws_autoscaling_group: [
      'name',
      (n) => [
        at(
          'autoscaling',
          `autoScalingGroup:5e5a2a8e-1f2b-4c3d-9e8f-0a1b2c3d4e5f:autoScalingGroupName/${n}`,
        ),
      ],
    ],
    aws_cloudwatch_metric_alarm: ['alarm_name', (n) => [at('cloudwatch', `alarm:${n}`)]],
    aws_cloudwatch_composite_alarm: ['alarm_name', (n) => [at('cloudwatch', `alarm:${n}`)]],
    aws_cloudwatch_dashboard: [
      'dashboard_name',
      (n) => [at('cloudwatch', `dashboard/${n}`, false)],
    ],
    aws_sns_topic: ['name', (n) => [at('sns', n)]],
    aws_kms_alias: ['name', (n) => [at('kms', n)]],
    aws_wafv2_web_acl: [
      'name',
      (n) => [at('wafv2', `regional/webacl/${n}/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`)],
    ],
  };
  for (const [type, [key, arns]] of Object.entries(shapes)) {
    for (const block of Object.values(json.resource[type] ?? {})) {
      for (const arn of arns(literal(type, block, key))) out.push({ type, arn });
    }
  }
  // An ECS service's ARN is its cluster's name and its own.
  const clusters = Object.values(json.resource['aws_ecs_cluster'] ?? {});
  for (const block of Object.values(json.resource['aws_ecs_service'] ?? {})) {
    expect(clusters).toHaveLength(1);
    const cluster = literal('aws_ecs_cluster', clusters[0]!, 'name');
    out.push({
      type: 'aws_ecs_service',
      arn: at('ecs', `service/${cluster}/${literal('aws_ecs_service', block, 'name')}`),
    });
  }
  return out;
}

const resources = (s: PolicyStatement): string[] =>
  s.Resource === undefined ? [] : typeof s.Resource === 'string' ? [s.Resource] : [...s.Resource];

function statementsOf(policy: DeployPolicy): PolicyStatement[] {
  return policy.policies.flatMap((document) => document.Statement);
}

/**
 * Each (Allow statement, other environment's ARN) its patterns reach, matched with the loose
 * matcher (every `*` crosses colons, so nothing is missed), and no Deny of the same policy
 * covering every action of the statement on that ARN.
 */
function reachedOthers(policy: DeployPolicy, theirs: readonly NamedArn[]): string[] {
  const statements = statementsOf(policy);
  const denies = statements.filter((s) => s.Effect === 'Deny');
  const out: string[] = [];
  for (const statement of statements) {
    // `*` statements are the tag-scoped ones (aws:ResourceTag/Environment exact) and the
    // reads and actions that accept no resource; they are not name scoping.
    if (statement.Effect !== 'Allow' || resources(statement).includes('*')) continue;
    for (const { arn } of theirs) {
      if (!resources(statement).some((pattern) => wildcard(pattern).test(arn))) continue;
      const uncovered = statement.Action.filter(
        (action) =>
          !denies.some(
            (d) => d.Action.includes(action) && resources(d).some((p) => resourceMatches(p, arn)),
          ),
      );
      if (uncovered.length > 0)
        out.push(`${statement.Sid} reaches ${arn} (${uncovered.join(', ')})`);
    }
  }
  return out;
}

/**
 * Each own ARN some write of its type cannot reach (matched as IAM matches: a `*` inside a
 * segment stays inside it), or that an environment Deny covers.
 */
function lockedOut(policy: DeployPolicy, own: readonly NamedArn[]): string[] {
  const statements = statementsOf(policy);
  const out: string[] = [];
  for (const { type, arn } of own) {
    for (const action of IAM_ACTIONS[type]!.write) {
      const allowed = statements.some(
        (s) =>
          s.Effect === 'Allow' &&
          s.Action.includes(action) &&
          resources(s).some((pattern) => resourceMatches(pattern, arn)),
      );
      if (!allowed) out.push(`${action} on ${arn}`);
    }
    const denied = statements.filter(
      (s) =>
        s.Effect === 'Deny' &&
        s.Sid.startsWith('NotEnvironment') &&
        resources(s).some((p) => wildcard(p).test(arn)),
    );
    for (const s of denied) out.push(`${s.Sid} denies ${arn}`);
  }
  return out;
}

function policyOf(suffix: string, others: readonly string[] | undefined): DeployPolicy {
  const { json, region } = stack(suffix);
  return generateDeployPolicy(json, {
    suffix,
    account: ACCOUNT,
    region,
    permissionsBoundaryArn: BOUNDARY,
    ...(others ? { otherEnvironments: others } : {}),
  });
}

const PROJECT = ['dev', 'staging', 'prod', 'staging-eu', 'dev2', 'devops', 'dev-eu', 'eu-dev'];
const othersOf = (suffix: string): string[] => PROJECT.filter((name) => name !== suffix);

describe('the apply role of one environment and the resources of another', () => {
  const pairs: Array<[string, string]> = [
    ['staging', 'staging-eu'],
    ['staging-eu', 'staging'],
    ['dev', 'dev2'],
    ['dev2', 'dev'],
    ['dev', 'devops'],
    ['dev', 'dev-eu'],
    ['dev', 'eu-dev'],
    ['eu-dev', 'dev'],
    ['prod', 'staging'],
  ];
  for (const [own, other] of pairs) {
    it(`${own}'s apply role reaches none of ${other}'s named resources`, () => {
      const theirs = namedArns(stack(other).json, stack(other).region);
      expect(theirs.length).toBeGreaterThan(30);
      expect(reachedOthers(policyOf(own, othersOf(own)), theirs)).toEqual([]);
    });
  }

  it('sees the overlap when the other environments are not given: eu-dev ends in -dev', () => {
    const theirs = namedArns(stack('eu-dev').json, stack('eu-dev').region);
    const reached = reachedOthers(policyOf('dev', undefined), theirs);
    expect(reached.length).toBeGreaterThan(10);
    expect(reached.join('\n')).toContain('role/payment-app-instance-eu-dev');
    expect(reached.join('\n')).toContain('s3:::payment-assets-eu-dev-123456789012-use1');
  });

  it('denies only the environments its patterns would reach, with every named write', () => {
    const statements = statementsOf(policyOf('dev', othersOf('dev')));
    const denies = statements.filter((s) => s.Sid.startsWith('NotEnvironment'));
    expect(denies.map((s) => s.Sid)).toEqual(['NotEnvironmentEuDev']);
    expect(denies[0]!.Effect).toBe('Deny');
    expect(resources(denies[0]!)).toContain('arn:aws:iam::123456789012:role/payment-*-eu-dev');
    expect(resources(denies[0]!)).toContain('arn:aws:s3:::payment-*-eu-dev-123456789012-use1');
    expect(denies[0]!.Action).toEqual(
      expect.arrayContaining(['iam:CreateRole', 'iam:PassRole', 's3:DeleteBucket']),
    );
    // staging's patterns reach no other environment of the project: no Deny at all.
    expect(
      statementsOf(policyOf('staging', othersOf('staging'))).filter((s) =>
        s.Sid.startsWith('NotEnvironment'),
      ),
    ).toEqual([]);
  });

  it('refuses two environments that build the same physical name', () => {
    // `instance-dev`'s app role is `payment-app-instance-dev`: dev's instance role's name.
    const build = () => policyOf('dev', ['instance-dev']);
    expect(build).toThrow(InputProblem);
    expect(build).toThrow(
      /dev and instance-dev build the same physical name "payment-app-instance-dev"/,
    );
  });
});

describe("the apply role and its own environment's resources", () => {
  for (const suffix of ['dev', 'staging', 'prod', 'staging-eu', 'dev2', 'eu-dev']) {
    it(`reaches every named resource of ${suffix}, and no Deny covers one`, () => {
      const own = namedArns(stack(suffix).json, stack(suffix).region);
      expect(own.length).toBeGreaterThan(30);
      expect(lockedOut(policyOf(suffix, othersOf(suffix)), own)).toEqual([]);
    });
  }

  it('reaches the Fargate and PostgreSQL variant too (ECS, ECR, application auto scaling)', () => {
    const { json, config } = synthesize(
      { ENVIRONMENT: 'dev', ENVIRONMENT_SUFFIX: 'dev-fargate-pg' },
      { compute: { kind: 'ecs-fargate' }, database: { engine: 'aurora-postgresql' } },
    );
    const own = namedArns(json, config.region);
    expect(own.map((a) => a.type)).toEqual(
      expect.arrayContaining(['aws_ecs_service', 'aws_ecr_repository']),
    );
    const policy = generateDeployPolicy(json, {
      suffix: config.suffix,
      account: ACCOUNT,
      region: config.region,
      permissionsBoundaryArn: BOUNDARY,
      otherEnvironments: PROJECT,
    });
    expect(lockedOut(policy, own)).toEqual([]);
  });
});

describe('resourceMatches: IAM wildcards within ARN segments', () => {
  it('keeps a * inside its segment unless it ends one', () => {
    expect(
      resourceMatches(
        'arn:aws:logs:r:1:log-group:/payment/dev/*',
        'arn:aws:logs:r:1:log-group:/payment/dev/app:*',
      ),
    ).toBe(true);
    expect(resourceMatches('arn:aws:s3:::payment-*-dev', 'arn:aws:s3:::payment-a/b-dev')).toBe(
      true,
    );
    expect(
      resourceMatches('arn:aws:sns:r:1:payment-*-dev', 'arn:aws:sns:r:1:payment-a:b-dev'),
    ).toBe(false);
    expect(wildcard('arn:aws:sns:r:1:payment-*-dev').test('arn:aws:sns:r:1:payment-a:b-dev')).toBe(
      true,
    );
    expect(resourceMatches('arn:aws:sns:r:1:payment-*:x', 'arn:aws:sns:r:1:payment-a:b:x')).toBe(
      true,
    );
    expect(
      resourceMatches(
        'arn:aws:rds:r:1:db:payment-aurora-?-dev',
        'arn:aws:rds:r:1:db:payment-aurora-1-dev',
      ),
    ).toBe(true);
    expect(resourceMatches('arn:aws:s3:::a.b', 'arn:aws:s3:::aXb')).toBe(false);
  });
});

describe('Route 53 records (a custom domain with DNS validation)', () => {
  const EXAMPLE = {
    compute: { kind: 'ecs-fargate' },
    database: { engine: 'aurora-postgresql' },
    certificate: { domainName: 'pay.staging.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' },
  };
  const options = {
    suffix: 'staging',
    account: ACCOUNT,
    region: 'us-east-1',
    permissionsBoundaryArn: BOUNDARY,
  };

  it("grants record changes on the named zone, for the stack's own record names only", () => {
    const { json } = synthesize({ ENVIRONMENT: 'staging' }, EXAMPLE);
    const statements = generateDeployPolicy(json, options).policies.flatMap((p) => p.Statement);
    const zone = statements.find((s) => s.Action.includes('route53:ChangeResourceRecordSets'))!;
    expect(zone).toEqual({
      Sid: 'RecordsInZoneRoute53',
      Effect: 'Allow',
      Action: ['route53:ChangeResourceRecordSets'],
      Resource: ['arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ'],
      Condition: {
        'ForAllValues:StringLike': {
          'route53:ChangeResourceRecordSetsNormalizedRecordNames': [
            '_*.pay.staging.example.com',
            'pay.staging.example.com',
          ],
        },
      },
    });
    // No other statement grants it, on any resource.
    expect(
      statements.filter((s) => s.Action.some((a) => a.startsWith('route53:Change'))),
    ).toHaveLength(1);
  });

  it('normalizes names as Route 53 compares them (lower case, no trailing dot)', () => {
    expect(
      hostedZoneRecords({
        resource: { aws_route53_record: { a: { zone_id: 'Z1', name: 'Pay.Example.com.' } } },
      }),
    ).toEqual({ zones: ['Z1'], names: ['_*.pay.example.com', 'pay.example.com'] });
    expect(() =>
      hostedZoneRecords({
        resource: { aws_route53_record: { a: { zone_id: 'Z1', name: '${each.value.name}' } } },
      }),
    ).toThrow(/no literal name/);
  });

  it('refuses a zone it cannot name rather than granting every zone', () => {
    const { json } = synthesize({ ENVIRONMENT: 'staging' }, EXAMPLE);
    const records = json.resource['aws_route53_record']!;
    const first = Object.keys(records)[0]!;
    records[first]!['zone_id'] = '${data.aws_route53_zone.Zone.zone_id}';
    expect(() => generateDeployPolicy(json, options)).toThrow(InputProblem);
    expect(() => generateDeployPolicy(json, options)).toThrow(/not a literal hosted zone ID/);
  });
});
