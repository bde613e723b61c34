import { describe, expect, it } from 'vitest';
import type { ResourceActions } from '../../src/aws-facts/iam-actions';
import {
  ACTION_SYNTAX,
  actionTableProblems,
  ACTS_ON_EXISTING,
  CROSS_SERVICE,
  IAM_ACTIONS,
  SERVICES,
} from '../../src/aws-facts/iam-actions';

// These tests check the table's shape only: that each string is spelt like an IAM action of
// the entry's service. Whether the action exists in AWS was checked against the Service
// Authorization Reference by hand (see the file's header); no test here can prove it.

const entry = (service: ResourceActions['service'], write: string[]): ResourceActions => ({
  service,
  read: [],
  write,
  scope: { kind: 'tag' },
});

describe('the IAM action table', () => {
  it('has no shape problem: syntax, prefixes, duplicates, exceptions', () => {
    expect(actionTableProblems(IAM_ACTIONS)).toEqual([]);
  });

  it('names a reference page for every prefix its actions use', () => {
    for (const [type, e] of Object.entries(IAM_ACTIONS)) {
      for (const action of [...e.read, ...e.write]) {
        expect(Object.keys(SERVICES), `${type}: ${action}`).toContain(action.split(':')[0]);
      }
    }
  });

  it('refuses a misspelt action, naming the entry and the expected form', () => {
    for (const bad of [
      'ec2:createVpc',
      'ec2 CreateVpc',
      'EC2:CreateVpc',
      'ec2:Create_Vpc',
      'ec2:',
    ]) {
      expect(ACTION_SYNTAX.test(bad), bad).toBe(false);
      expect(actionTableProblems({ aws_vpc: entry('ec2', [bad]) }, {}, new Set())).toEqual([
        `aws_vpc: "${bad}" is not an IAM action (expected prefix:Name, e.g. ec2:CreateVpc)`,
      ]);
    }
    expect(ACTION_SYNTAX.test('application-autoscaling:RegisterScalableTarget')).toBe(true);
  });

  it('refuses an action of another service unless it is listed as a cross-service call', () => {
    const table = {
      aws_wafv2_web_acl_association: entry('wafv2', ['elasticloadbalancing:SetWebAcl']),
    };
    expect(actionTableProblems(table, {}, new Set())).toEqual([
      'aws_wafv2_web_acl_association: "elasticloadbalancing:SetWebAcl" is not a wafv2 action and is not listed in CROSS_SERVICE',
    ]);
    expect(
      actionTableProblems(
        table,
        { 'elasticloadbalancing:SetWebAcl': 'dependent action' },
        new Set(),
      ),
    ).toEqual([]);
  });

  it('refuses an action listed twice in one entry, read or write', () => {
    const table = {
      aws_sns_topic: { ...entry('sns', ['sns:CreateTopic']), read: ['sns:CreateTopic'] },
    };
    expect(actionTableProblems(table, {}, new Set())).toEqual([
      'aws_sns_topic: "sns:CreateTopic" is listed twice',
    ]);
  });

  it('refuses an unscoped action the entry does not write, and an exception nothing uses', () => {
    const table = {
      aws_sns_topic_subscription: {
        ...entry('sns', ['sns:Subscribe']),
        unscoped: { actions: ['sns:Unsubscribe'], why: 'no resource type' },
      },
    };
    expect(
      actionTableProblems(table, { 'kms:Decrypt': 'x' }, new Set(['ec2:CreateRoute'])),
    ).toEqual([
      'aws_sns_topic_subscription: unscoped "sns:Unsubscribe" is not one of its write actions',
      '"kms:Decrypt" is listed as an exception but no entry uses it',
      '"ec2:CreateRoute" is listed as an exception but no entry uses it',
    ]);
  });

  it('keeps each exception explained and used by a tag-scoped entry of its service', () => {
    for (const [action, why] of Object.entries(CROSS_SERVICE)) expect(why, action).not.toBe('');
    for (const action of ACTS_ON_EXISTING) {
      const users = Object.values(IAM_ACTIONS).filter((e) => e.write.includes(action));
      expect(users.length, action).toBeGreaterThan(0);
      for (const e of users) expect(e.scope.kind, action).toBe('tag');
    }
  });
});
