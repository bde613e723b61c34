import { describe, expect, it } from 'vitest';
import { buildGraph, InputError, stackProfile } from '../../src/tfjson/graph';
import { lineOf } from '../../src/tfjson/load';
import { RULES } from '../../src/compliance/rules';
import type { TfJson } from '../fixtures/compliant-stack';
import { graphOf, mutated, res } from '../fixtures/compliant-stack';
import { refIntegrity } from '../../src/compliance/rules/ref/integrity';

const doc = {
  '//': { metadata: { stackName: 'payment-x' } },
  provider: {
    aws: [
      { region: 'us-east-1', default_tags: [{ tags: { Environment: 'x', Project: 'P' } }] },
      { alias: 'edge', region: 'us-east-1' },
    ],
  },
  variable: { name: { type: 'string' } },
  locals: { prefix: 'payment-${var.name}' },
  module: { m: { source: './m' } },
  data: { aws_partition: { p: {} } },
  resource: {
    aws_vpc: {
      v: { cidr_block: '10.0.0.0/16', tags: { Name: '${local.prefix}-${module.m.suffix}' } },
    },
    aws_flow_log: {
      f: {
        vpc_id: '${aws_vpc.v.id}',
        log_format: '$${version} $${srcaddr}',
        count: 1,
        tags: { i: '${count.index}', p: '${path.module}', t: '${terraform.workspace}' },
      },
    },
    aws_subnet: {
      s: {
        vpc_id: '${aws_vpc.v.id}',
        cidr_block: '${cidrsubnet(aws_vpc.v.cidr_block, 8, 1)}',
        arn: 'arn:${data.aws_partition.p.partition}:x',
      },
    },
  },
  output: { vpc: { value: '${aws_vpc.v.id}' } },
};

describe('the reference graph', () => {
  const g = buildGraph(doc, 'x.tf.json');

  it('names blocks by Terraform address and the stack by its metadata', () => {
    expect(g.name).toBe('payment-x');
    expect([...g.blocks.keys()].sort()).toEqual(
      [
        'aws_flow_log.f',
        'aws_subnet.s',
        'aws_vpc.v',
        'data.aws_partition.p',
        'local.prefix',
        'module.m',
        'output.vpc',
        'var.name',
      ].sort(),
    );
  });

  it('resolves references to resources, data sources, variables, locals and modules', () => {
    expect(g.edges.every((e) => e.resolved)).toBe(true);
    expect(
      g
        .refsFrom('aws_subnet.s')
        .map((e) => `${e.attribute} -> ${e.to}`)
        .sort(),
    ).toEqual(['arn -> data.aws_partition.p', 'cidr_block -> aws_vpc.v', 'vpc_id -> aws_vpc.v']);
    expect([...new Set(g.refsTo('aws_vpc.v').map((e) => e.from))].sort()).toEqual([
      'aws_flow_log.f',
      'aws_subnet.s',
      'output.vpc',
    ]);
    expect(g.refsFrom('local.prefix').map((e) => e.to)).toEqual(['var.name']);
  });

  it('does not treat count, path, terraform or $${ escapes as block references', () => {
    expect(g.refsFrom('aws_flow_log.f').map((e) => e.to)).toEqual(['aws_vpc.v']);
  });

  it('marks references to outputs and undeclared blocks unresolved', () => {
    const bad = buildGraph(
      {
        resource: {
          aws_subnet: {
            s: { vpc_id: '${aws_vpc.none.id}', x: '${output.o}', y: '${var.missing}' },
          },
        },
        output: { o: { value: 1 } },
      },
      'bad',
    );
    expect(
      bad.edges
        .filter((e) => !e.resolved)
        .map((e) => e.to)
        .sort(),
    ).toEqual(['aws_vpc.none', 'output.o', 'var.missing']);
  });

  it('resolves ephemeral resources (Terraform 1.10+) and flags an undeclared one', () => {
    const eph = buildGraph(
      {
        ephemeral: {
          aws_secretsmanager_secret_version: {
            db: { secret_id: '${aws_secretsmanager_secret.s.id}' },
          },
        },
        resource: {
          aws_secretsmanager_secret: { s: {} },
          aws_db_instance: {
            d: {
              password_wo: '${ephemeral.aws_secretsmanager_secret_version.db.secret_string}',
              username: '${ephemeral.aws_secretsmanager_secret_version.gone.secret_string}',
            },
          },
        },
      },
      'eph',
    );
    expect(eph.block('ephemeral.aws_secretsmanager_secret_version.db')?.kind).toBe('ephemeral');
    expect(eph.resources('aws_secretsmanager_secret_version')).toEqual([]);
    expect(
      eph.refsFrom('aws_db_instance.d').map((e) => `${e.attribute} -> ${e.to} ${e.resolved}`),
    ).toEqual([
      'password_wo -> ephemeral.aws_secretsmanager_secret_version.db true',
      'username -> ephemeral.aws_secretsmanager_secret_version.gone false',
    ]);
    expect(eph.refsFrom('ephemeral.aws_secretsmanager_secret_version.db')[0]?.resolved).toBe(true);
    const findings = refIntegrity.check(eph);
    expect(findings.map((f) => f.address)).toEqual(['aws_db_instance.d']);
    expect(findings[0]!.message).toMatch(/username: .*gone.* is not declared/);
  });

  it('follows the bare references of depends_on and replace_triggered_by', () => {
    const deps = buildGraph(
      {
        resource: {
          aws_vpc: { v: {} },
          aws_subnet: {
            s: {
              depends_on: ['aws_vpc.v', 'aws_internet_gateway.gone'],
              lifecycle: { replace_triggered_by: ['aws_vpc.v.id'], ignore_changes: ['tags'] },
            },
          },
        },
      },
      'deps',
    );
    expect(
      deps.refsFrom('aws_subnet.s').map((e) => `${e.attribute} -> ${e.to} ${e.resolved}`),
    ).toEqual([
      'depends_on.0 -> aws_vpc.v true',
      'depends_on.1 -> aws_internet_gateway.gone false',
      'lifecycle.replace_triggered_by.0 -> aws_vpc.v true',
    ]);
  });

  it('records malformed expressions instead of throwing', () => {
    const bad = buildGraph(
      { resource: { aws_vpc: { v: { cidr_block: '${cidrsubnet(}' } } } },
      'bad',
    );
    expect(bad.expressionProblems).toEqual([
      expect.objectContaining({ from: 'aws_vpc.v', attribute: 'cidr_block' }),
    ]);
  });

  it('rejects JSON that is not Terraform JSON', () => {
    expect(() => buildGraph([], 'a')).toThrow(InputError);
    expect(() => buildGraph({ resource: 'x' }, 'a')).toThrow(/"resource" is not an object/);
  });

  it('reads the default provider tags and decides the profile from them', () => {
    expect(g.defaultTags).toEqual({ Environment: 'x', Project: 'P' });
    expect(stackProfile({ Profile: 'prod', Environment: 'eu1' })).toBe('prod');
    expect(stackProfile({ Environment: 'prod' })).toBe('prod');
    expect(stackProfile({ Environment: 'prod-eu' })).toBe('prod');
    expect(stackProfile({ Environment: 'production-like' })).toBeUndefined();
    expect(stackProfile({ Profile: 'staging', Environment: 'prod' })).toBe('staging');
  });

  it('locates a resource line for SARIF', () => {
    const text = JSON.stringify(doc, null, 2);
    const line = lineOf(text, 'aws_subnet.s');
    expect(text.split('\n')[line - 1]).toMatch(/"s": \{/);
    expect(lineOf(text, 'aws_nothing.z')).toBe(1);
  });
});

const byId = (id: string) => RULES.find((r) => r.id === id)!;

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
    expect(byId('PAY-RDS-003').check(g)).toHaveLength(1);
  });

  it('does not treat other names as prod', () => {
    expect(graphOf(mutated(untagged), 'payment-dev').profile).toBeUndefined();
    expect(graphOf(mutated(untagged), 'payment-production-like').profile).toBeUndefined();
  });
});
