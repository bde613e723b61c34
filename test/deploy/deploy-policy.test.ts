import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IAM_ACTIONS, providerDocs, SERVICES } from '../../src/aws-facts/iam-actions';
import { deployPolicyCommand } from '../../src/cli/commands/deploy-policy';
import {
  generateDeployPolicy,
  runDeployPolicy,
  MANAGED_POLICY_MAX_CHARS,
  policySize,
} from '../../src/deploy/deploy-policy';
import { InputProblem } from '../../src/errors/problems';
import { REVIEW_VARIANTS } from '../fixtures/review-stacks';
import { runCommand } from '../helpers/command';
import { FakeProject } from '../helpers/fake-project';
import { synthesize } from '../helpers/synth';

const OPTIONS = {
  account: '123456789012',
  region: 'eu-west-1',
  permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/payment-deploy-boundary',
};

describe('the apply role policy generated from the stack', () => {
  for (const variant of REVIEW_VARIANTS) {
    it(`has an entry for every resource type of ${variant.name}, within IAM's size limit`, () => {
      const { json, config } = synthesize(variant.env, variant.config);
      const policy = generateDeployPolicy(json, { ...OPTIONS, suffix: config.suffix });
      expect(policy.types.length).toBeGreaterThan(20);
      for (const document of policy.policies) {
        expect(policySize(document)).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
        for (const statement of document.Statement) {
          for (const action of statement.Action) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
        }
      }
      const text = JSON.stringify(policy.policies);
      expect(text).toContain(`payment-*-${config.suffix}"`);
      expect(text).not.toContain(`payment-*-${config.suffix}*`);
      expect(text).not.toMatch(/"Action":\["\*"\]|"[a-z0-9-]+:\*"/);
    });
  }

  it('has an entry for every resource type of the committed Fargate + PostgreSQL example (Route 53 validation included)', () => {
    const file = JSON.parse(
      readFileSync(
        join(__dirname, '..', '..', 'examples', 'staging-eu-west-1', 'config', 'staging-eu.json'),
        'utf8',
      ),
    ) as Record<string, unknown>;
    delete file['$schema'];
    const { json, config } = synthesize(
      { ENVIRONMENT: 'staging', ENVIRONMENT_SUFFIX: 'staging-eu', AWS_REGION: 'eu-west-1' },
      file,
    );
    const policy = generateDeployPolicy(json, {
      ...OPTIONS,
      account: '210987654321',
      suffix: config.suffix,
    });
    expect(policy.types).toEqual(
      expect.arrayContaining(['aws_route53_record', 'aws_acm_certificate_validation']),
    );
    for (const document of policy.policies)
      expect(policySize(document)).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
  });

  it('refuses a type the table lacks, naming it, instead of granting *', () => {
    const json = { resource: { aws_sqs_queue: {}, aws_vpc: {} } };
    expect(() => generateDeployPolicy(json, { ...OPTIONS, suffix: 'dev' })).toThrow(InputProblem);
    expect(() => generateDeployPolicy(json, { ...OPTIONS, suffix: 'dev' })).toThrow(
      /aws_sqs_queue/,
    );
  });

  it('creates roles only under the boundary and passes only the environment roles', () => {
    const { json } = synthesize({ ENVIRONMENT: 'staging' });
    const statements = generateDeployPolicy(json, {
      ...OPTIONS,
      suffix: 'staging',
    }).policies.flatMap((p) => p.Statement);
    const create = statements.filter((s) => s.Action.includes('iam:CreateRole'));
    expect(create).toHaveLength(1);
    expect(create[0]!.Condition).toEqual({
      StringEquals: { 'iam:PermissionsBoundary': OPTIONS.permissionsBoundaryArn },
    });
    const pass = statements.filter((s) => s.Action.includes('iam:PassRole'));
    expect(pass.map((s) => s.Resource)).toEqual([
      'arn:aws:iam::123456789012:role/payment-*-staging',
    ]);
    const tagged = statements.filter((s) => s.Sid === 'TaggedEc2');
    expect(tagged[0]!.Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/Environment': 'staging' },
    });
  });

  it('grants on "*" the actions AWS matches only against "*", keeping the rest of the entry scoped', () => {
    // sns:Unsubscribe and SetSubscriptionAttributes list no resource type (list_amazonsns.html),
    // nor elasticloadbalancing:SetWebAcl (list_awselasticloadbalancingv2.html): under a topic or
    // load balancer ARN they would be denied.
    const json = {
      resource: { aws_sns_topic_subscription: {}, aws_wafv2_web_acl_association: {} },
    };
    const statements = generateDeployPolicy(json, { ...OPTIONS, suffix: 'prod' }).policies.flatMap(
      (p) => p.Statement,
    );
    const holding = (action: string) => statements.filter((s) => s.Action.includes(action));
    for (const action of [
      'sns:Unsubscribe',
      'sns:SetSubscriptionAttributes',
      'elasticloadbalancing:SetWebAcl',
    ]) {
      expect(
        holding(action).map((s) => s.Resource),
        action,
      ).toEqual(['*']);
    }
    expect(holding('sns:Subscribe').map((s) => s.Resource)).toEqual([
      ['arn:aws:sns:eu-west-1:123456789012:payment-*-prod'],
    ]);
    expect(holding('wafv2:AssociateWebACL')[0]!.Resource).not.toBe('*');
  });

  it('checks the parent resource tag, not request tags, for creates that add to a tagged resource', () => {
    // ec2:CreateRoute, CreateNetworkAclEntry, CreateLaunchTemplateVersion and kms:CreateGrant
    // take no tags (no aws:RequestTag in the reference); their parent carries the tag.
    const json = {
      resource: {
        aws_route: {},
        aws_default_network_acl: {},
        aws_launch_template: {},
        aws_kms_key: {},
      },
    };
    const statements = generateDeployPolicy(json, { ...OPTIONS, suffix: 'dev' }).policies.flatMap(
      (p) => p.Statement,
    );
    const conditionOf = (action: string) =>
      statements.filter((s) => s.Action.includes(action)).map((s) => s.Condition);
    for (const action of [
      'ec2:CreateRoute',
      'ec2:CreateNetworkAclEntry',
      'ec2:CreateLaunchTemplateVersion',
      'kms:CreateGrant',
    ]) {
      expect(conditionOf(action), action).toEqual([
        { StringEquals: { 'aws:ResourceTag/Environment': 'dev' } },
      ]);
    }
    for (const action of ['ec2:CreateLaunchTemplate', 'kms:CreateKey']) {
      expect(conditionOf(action), action).toEqual([
        { StringEquals: { 'aws:RequestTag/Environment': 'dev' } },
      ]);
    }
  });

  it('splits into several managed policies rather than exceed the limit', () => {
    const { json } = synthesize({ ENVIRONMENT: 'prod' });
    const policy = generateDeployPolicy(json, { ...OPTIONS, suffix: 'prod' });
    expect(policy.policies.length).toBeGreaterThan(1);
  });

  it('gives every table entry a documented service and only actions of real services', () => {
    for (const [type, entry] of Object.entries(IAM_ACTIONS)) {
      expect(SERVICES[entry.service], type).toMatch(
        /^https:\/\/docs\.aws\.amazon\.com\/service-authorization\//,
      );
      expect(providerDocs(type)).toMatch(
        /^https:\/\/registry\.terraform\.io\/providers\/hashicorp\/aws\//,
      );
      for (const action of [...entry.read, ...entry.write]) {
        expect(Object.keys(SERVICES), `${type}: ${action}`).toContain(action.split(':')[0]);
      }
      if (!entry.local) expect(entry.read.length + entry.write.length, type).toBeGreaterThan(0);
    }
  });
});

describe('npm run deploy-policy', () => {
  it('prints the policies of the environment it synthesized', async () => {
    const project = new FakeProject();
    project.fixtures.set('payment-dev', synthesize({}).json);
    const code = runDeployPolicy(
      {
        environment: 'dev',
        account: OPTIONS.account,
        permissionsBoundaryArn: OPTIONS.permissionsBoundaryArn,
      },
      project.io(),
    );
    expect(code).toBe(0);
    const printed = JSON.parse(project.printed()) as {
      environment: string;
      types: string[];
      policies: unknown[];
    };
    expect(printed.environment).toBe('dev');
    expect(printed.types).toContain('aws_s3_bucket');
    expect(printed.policies.length).toBeGreaterThan(0);
  });

  it("denies the names of a committed environment its patterns would reach (eu-dev's for dev)", () => {
    const project = new FakeProject();
    project.fixtures.set('payment-dev', synthesize({}).json);
    writeFileSync(join(project.root, 'config', 'eu-dev.json'), '{ "region": "us-east-1" }');
    const code = runDeployPolicy(
      {
        environment: 'dev',
        account: OPTIONS.account,
        permissionsBoundaryArn: OPTIONS.permissionsBoundaryArn,
      },
      project.io(),
    );
    expect(code).toBe(0);
    const printed = JSON.parse(project.printed()) as {
      policies: Array<{ Statement: Array<{ Sid: string; Effect: string; Resource: unknown }> }>;
    };
    const denials = printed.policies
      .flatMap((p) => p.Statement)
      .filter((s) => s.Sid.startsWith('NotEnvironment'));
    expect(denials.map((s) => [s.Sid, s.Effect])).toEqual([['NotEnvironmentEuDev', 'Deny']]);
    expect(denials[0]!.Resource).toContain('arn:aws:iam::123456789012:role/payment-*-eu-dev');
  });

  it('exits 2 without --account-id or with a malformed one', async () => {
    expect(
      (
        await runCommand(deployPolicyCommand, [
          '--env',
          'dev',
          '--boundary',
          OPTIONS.permissionsBoundaryArn,
        ])
      ).code,
    ).toBe(2);
    const bad = await runCommand(deployPolicyCommand, [
      '--env',
      'dev',
      '--account-id',
      '12',
      '--boundary',
      OPTIONS.permissionsBoundaryArn,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/12-digit/);
  });
});
