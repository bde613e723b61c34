/**
 * The admin host for Session Manager port forwarding (`database.adminAccess`): exists only when
 * enabled, has no way in but Session Manager, and is the only new source the database accepts.
 */
import { describe, expect, it } from 'vitest';
import { PORT_FORWARDING_DOCUMENT } from '../../../src/constructs/data/database-admin-host';
import { SESSION_MANAGER_ACTIONS } from '../../../src/constructs/security/permissions';
import type { TerraformJson } from '../../helpers/synth';
import { blocksOf, policyOf, refOf, resourceAt, synthesize } from '../../helpers/synth';

const enabled = synthesize({}, { database: { adminAccess: { enabled: true } } });
const fargatePg = synthesize(
  {},
  {
    compute: { kind: 'ecs-fargate' },
    database: { engine: 'aurora-postgresql', adminAccess: { enabled: true } },
  },
);
const plain = synthesize();

function hostOf(json: TerraformJson) {
  const instance = resourceAt(json, 'aws_instance', 'DatabaseAdminHost/Instance');
  const group = resourceAt(json, 'aws_security_group', 'DatabaseAdminHost/SecurityGroup');
  return { instance, group, groupRef: `\${${refOf(json, 'aws_security_group', group)}.id}` };
}

describe('database admin host', () => {
  it('does not exist unless database.adminAccess.enabled is true (the default in every profile)', () => {
    expect(blocksOf(plain.json, 'aws_instance')).toEqual([]);
    expect(plain.json.output['db_admin_host_instance_id']).toBeUndefined();
    for (const env of ['staging', 'prod']) {
      expect(synthesize({ ENVIRONMENT: env }).json.resource['aws_instance']).toBeUndefined();
    }
  });

  it('runs in a private app subnet with no public IP, no key pair, IMDSv2 only and an encrypted root volume', () => {
    const { instance } = hostOf(enabled.json);
    expect(instance.subnet_id).toMatch(/aws_subnet\.Network_Private/);
    expect(instance.associate_public_ip_address).toBe(false);
    expect(instance.key_name).toBeUndefined();
    expect(instance.metadata_options).toMatchObject({
      http_tokens: 'required',
      http_put_response_hop_limit: 1,
    });
    expect(instance.root_block_device).toMatchObject({ encrypted: true });
    expect(String((instance.root_block_device as Record<string, unknown>).kms_key_id)).toMatch(
      /aws_kms_key\./,
    );
  });

  it('has no inbound rule; out only HTTPS and the engine port to the database group', () => {
    for (const [json, port] of [
      [enabled.json, 3306],
      [fargatePg.json, 5432],
    ] as const) {
      const { groupRef } = hostOf(json);
      const ingressToHost = blocksOf(json, 'aws_vpc_security_group_ingress_rule').filter(
        (r) => r.security_group_id === groupRef,
      );
      expect(ingressToHost).toEqual([]);
      const egress = blocksOf(json, 'aws_vpc_security_group_egress_rule').filter(
        (r) => r.security_group_id === groupRef,
      );
      expect(egress.map((r) => [r.from_port, r.cidr_ipv4 ?? 'db-sg']).sort()).toEqual(
        [
          [443, '0.0.0.0/0'],
          [port, 'db-sg'],
        ].sort(),
      );
    }
  });

  it('adds exactly one database ingress rule, from its own group on the engine port', () => {
    const dbGroup = (json: TerraformJson) =>
      `\${${refOf(json, 'aws_security_group', resourceAt(json, 'aws_security_group', 'SecurityGroups/Database'))}.id}`;
    const dbIngress = (json: TerraformJson) =>
      blocksOf(json, 'aws_vpc_security_group_ingress_rule').filter(
        (r) => r.security_group_id === dbGroup(json),
      );
    expect(dbIngress(plain.json)).toHaveLength(1);
    const rules = dbIngress(fargatePg.json);
    expect(rules).toHaveLength(2);
    const fromHost = rules.filter(
      (r) => r.referenced_security_group_id === hostOf(fargatePg.json).groupRef,
    );
    expect(fromHost).toEqual([
      expect.objectContaining({ from_port: 5432, to_port: 5432, ip_protocol: 'tcp' }),
    ]);
  });

  it('its role has the scoped Session Manager statement only (no AmazonSSMManagedInstanceCore)', () => {
    const { json } = enabled;
    const role = resourceAt(json, 'aws_iam_role', 'DatabaseAdminHost/Role');
    const roleRef = refOf(json, 'aws_iam_role', role);
    const inline = blocksOf(json, 'aws_iam_role_policy').filter(
      (p) => p.role === `\${${roleRef}.id}`,
    );
    expect(inline).toHaveLength(1);
    expect(policyOf(inline[0]!).Statement.map((s) => s.Action)).toEqual([
      [...SESSION_MANAGER_ACTIONS],
    ]);
    const attachments = blocksOf(json, 'aws_iam_role_policy_attachment').filter(
      (a) => a.role === `\${${roleRef}.name}`,
    );
    expect(attachments).toEqual([]);
  });

  it('gives admins a policy to start port-forwarding sessions to this host only', () => {
    const { json } = enabled;
    const policy = resourceAt(json, 'aws_iam_policy', 'DatabaseAdminHost/SessionPolicy');
    const [statement] = policyOf(policy).Statement;
    expect(statement!.Action).toBe('ssm:StartSession');
    expect(statement!.Resource).toEqual([
      expect.stringMatching(
        /:instance\/\$\{aws_instance\.DatabaseAdminHost_Instance_[0-9A-F]+\.id\}$/,
      ),
      expect.stringMatching(new RegExp(`:document/${PORT_FORWARDING_DOCUMENT}$`)),
    ]);
    expect(json.output['db_admin_session_policy_arn']).toBeDefined();
    expect(json.output['db_admin_host_instance_id']).toBeDefined();
  });

  it('refuses the default shell document: every StartSession allow carries the document access check', () => {
    const policy = resourceAt(enabled.json, 'aws_iam_policy', 'DatabaseAdminHost/SessionPolicy');
    const allows = policyOf(policy).Statement.filter(
      (s) => s.Effect === 'Allow' && [s.Action].flat().includes('ssm:StartSession'),
    );
    expect(allows).toHaveLength(1);
    expect(allows[0]!.Condition).toEqual({
      BoolIfExists: { 'ssm:SessionDocumentAccessCheck': 'true' },
    });
    // No statement names the shell document, so the check refuses it.
    expect(JSON.stringify(policyOf(policy))).not.toContain('SSM-SessionManagerRunShell');
  });

  it('lets an admin end or resume only their own sessions, with ${aws:userid} escaped for Terraform', () => {
    const policy = resourceAt(enabled.json, 'aws_iam_policy', 'DatabaseAdminHost/SessionPolicy');
    const own = policyOf(policy).Statement.find((s) => s.Sid === 'EndOwnSessions')!;
    expect(own.Action).toEqual(['ssm:TerminateSession', 'ssm:ResumeSession']);
    expect(own.Resource).toMatch(/:ssm:us-east-1:\$\{data\.aws_caller_identity\..+\}:session\/\*$/);
    // `$${` is Terraform's escape: IAM receives the policy variable ${aws:userid}.
    expect(own.Condition).toEqual({
      StringLike: { 'ssm:resourceTag/aws:ssmmessages:session-id': ['$${aws:userid}*'] },
    });
    expect(String(policy['policy'])).not.toMatch(/[^$]\$\{aws:userid\}/);
  });

  it('denies sessions whose credentials say MFA was not used, except Identity Center sessions', () => {
    const policy = resourceAt(enabled.json, 'aws_iam_policy', 'DatabaseAdminHost/SessionPolicy');
    const deny = policyOf(policy).Statement.find((s) => s.Sid === 'DenyWithoutMfa')!;
    expect(deny.Effect).toBe('Deny');
    expect(deny.Action).toEqual(['ssm:StartSession', 'ssm:ResumeSession']);
    const condition = deny.Condition as Record<string, Record<string, string>>;
    // Bool, not BoolIfExists: credentials without MFA context (no key) are not denied here.
    expect(condition['Bool']).toEqual({ 'aws:MultiFactorAuthPresent': 'false' });
    expect(condition['BoolIfExists']).toBeUndefined();
    expect(condition['ArnNotLike']!['aws:PrincipalArn']).toMatch(
      /:role\/aws-reserved\/sso\.amazonaws\.com\/\*$/,
    );
  });
});
