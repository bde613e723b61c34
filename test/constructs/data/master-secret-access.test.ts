/**
 * The bootstrap role and the master secret's resource policy, synthesized as `npm run synth`
 * does: the role may run statements on this cluster, read this cluster's secret and decrypt it
 * through Secrets Manager, and nothing else; the secret denies reads to everyone else.
 */
import { describe, expect, it } from 'vitest';
import type { Block, PolicyJson } from '../../helpers/synth';
import {
  blocksOf,
  policyOf,
  refOf,
  resourceAt,
  resourcesOf,
  synthesize,
} from '../../helpers/synth';

const OPERATOR = 'arn:aws:iam::123456789012:role/payments-db-bootstrap';
const BREAK_GLASS = 'arn:aws:iam::123456789012:role/payments-break-glass';

const withBootstrap = synthesize(
  {},
  {
    database: { bootstrapPrincipalArns: [OPERATOR], breakGlassPrincipalArns: [BREAK_GLASS] },
  },
);
const plain = synthesize();

const cluster = (json: typeof plain.json) => blocksOf(json, 'aws_rds_cluster')[0]!;
const secretPolicy = (json: typeof plain.json): PolicyJson =>
  policyOf(blocksOf(json, 'aws_secretsmanager_secret_policy')[0]!);

describe('bootstrap role (database.bootstrapPrincipalArns)', () => {
  const { json } = withBootstrap;
  const role = resourceAt(json, 'aws_iam_role', 'Aurora/BootstrapRole');
  const roleRef = refOf(json, 'aws_iam_role', role);
  const clusterRef = refOf(json, 'aws_rds_cluster', cluster(json));
  const policy = blocksOf(json, 'aws_iam_role_policy').find(
    (p) => p.role === `\${${roleRef}.id}`,
  ) as Block;

  it('turns on the RDS Data API only when the bootstrap path is configured', () => {
    expect(cluster(json).enable_http_endpoint).toBe(true);
    expect(cluster(plain.json).enable_http_endpoint).toBe(false);
    expect(resourcesOf(plain.json, 'aws_iam_role').map(([, r]) => r.name)).not.toContain(
      'payment-db-bootstrap-dev',
    );
  });

  it('may be assumed by the configured operators and nobody else', () => {
    expect(role.name).toBe('payment-db-bootstrap-dev');
    expect(policyOf(role, 'assume_role_policy').Statement).toEqual([
      {
        Sid: 'OperatorsAssumeBootstrapRole',
        Effect: 'Allow',
        Principal: { AWS: [OPERATOR] },
        Action: 'sts:AssumeRole',
      },
    ]);
  });

  it('runs statements, reads the secret and decrypts it on this cluster only', () => {
    const statements = policyOf(policy).Statement;
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions.sort()).toEqual(
      [
        'kms:Decrypt',
        'rds-data:ExecuteStatement',
        'rds:DescribeDBClusters',
        'secretsmanager:GetSecretValue',
      ].sort(),
    );
    const by = (sid: string) => statements.find((s) => s.Sid === sid)!;
    expect(by('RunStatementsOnThisCluster').Resource).toBe(`\${${clusterRef}.arn}`);
    expect(by('FindThisCluster').Resource).toBe(`\${${clusterRef}.arn}`);
    const secretArn = `\${${clusterRef}.master_user_secret[0].secret_arn}`;
    expect(by('ReadThisClustersMasterSecret').Resource).toBe(secretArn);
    const decrypt = by('DecryptTheMasterSecretThroughSecretsManager');
    expect(decrypt.Resource).toMatch(/^\$\{aws_kms_key\.Aurora_DataKey_[0-9A-F]+\.arn\}$/);
    expect(decrypt.Condition).toEqual({
      StringEquals: {
        'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com',
        'kms:EncryptionContext:SecretARN': secretArn,
      },
    });
    for (const s of statements) expect(s.Resource).not.toContain('*');
  });

  it('is named in the stack outputs, with the cluster ARN', () => {
    expect(json.output['db_bootstrap_role_arn']?.value).toBe(`\${${roleRef}.arn}`);
    expect(json.output['rds_cluster_arn']?.value).toBe(`\${${clusterRef}.arn}`);
    expect(plain.json.output['db_bootstrap_role_arn']).toBeUndefined();
  });
});

describe('the master secret is break-glass', () => {
  it('denies GetSecretValue to everyone but the bootstrap role and break-glass principals', () => {
    const { json } = withBootstrap;
    const block = blocksOf(json, 'aws_secretsmanager_secret_policy')[0]!;
    const clusterRef = refOf(json, 'aws_rds_cluster', cluster(json));
    const roleRef = refOf(
      json,
      'aws_iam_role',
      resourceAt(json, 'aws_iam_role', 'Aurora/BootstrapRole'),
    );
    expect(block.secret_arn).toBe(`\${${clusterRef}.master_user_secret[0].secret_arn}`);
    expect(block.block_public_policy).toBe(true);
    expect(secretPolicy(json).Statement).toEqual([
      {
        Sid: 'MasterSecretIsBreakGlass',
        Effect: 'Deny',
        Principal: '*',
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        Condition: {
          ArnNotLike: { 'aws:PrincipalArn': [`\${${roleRef}.arn}`, BREAK_GLASS] },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      },
    ]);
  });

  it('leaves only the account root user when neither is configured', () => {
    const condition = secretPolicy(plain.json).Statement[0]!.Condition!;
    expect(condition['ArnNotLike']).toEqual({
      'aws:PrincipalArn': [
        expect.stringMatching(
          /^arn:\$\{data\.aws_partition\..+\}:iam::\$\{data\.aws_caller_identity\..+\}:root$/,
        ),
      ],
    });
  });
});
