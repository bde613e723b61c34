/**
 * The Security Hub controls an assessor will run (src/compliance/security-hub.ts): the
 * mappings copied from AWS's control pages, and how a stack's status is decided.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/compliance/engine';
import { renderMarkdown } from '../../src/compliance/reporters/markdown';
import { RULES } from '../../src/compliance/rules';
import { controlResult, SECURITY_HUB_CONTROLS } from '../../src/compliance/security-hub';
import { parseSuppressions } from '../../src/compliance/suppressions';
import type { TfJson } from '../fixtures/compliant-stack';
import { add, graphOf, mutated, ref, res } from '../fixtures/compliant-stack';

const byId = (id: string) => SECURITY_HUB_CONTROLS.find((c) => c.id === id)!;
const none = parseSuppressions('none.json', undefined);
const run = (tf: TfJson) => {
  const graph = graphOf(tf, 'payment-prod');
  return { graph, stack: evaluate([graph], RULES, none).stacks[0]! };
};

describe('the control table', () => {
  it('keeps the PCI DSS v4.0.1 mappings of AWS’s control pages', () => {
    expect(byId('EC2.21').pci).toEqual(['1.3.1']);
    expect(byId('GuardDuty.1').pci).toEqual(['11.5.1']);
    expect(byId('Inspector.1')).toMatchObject({
      pci: ['11.3.1'],
      title: expect.stringMatching(/EC2 scanning/),
    });
    expect(byId('Inspector.2')).toMatchObject({
      pci: ['11.3.1'],
      title: expect.stringMatching(/ECR scanning/),
    });
    expect(byId('EC2.7').pci).toEqual([]);
    for (const c of SECURITY_HUB_CONTROLS) {
      expect(c.id, c.id).toMatch(/^[A-Za-z0-9]+\.\d+$/);
      for (const p of c.pci) expect(p, c.id).toMatch(/^\d{1,2}(\.\d+){1,3}$/);
    }
    expect(new Set(SECURITY_HUB_CONTROLS.map((c) => c.id)).size).toBe(SECURITY_HUB_CONTROLS.length);
  });

  it('names only rules the gate has', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const c of SECURITY_HUB_CONTROLS)
      if (c.evaluation.kind === 'rules')
        for (const r of c.evaluation.rules) expect(ids.has(r), `${c.id}: ${r}`).toBe(true);
  });
});

describe('a stack’s status per control', () => {
  it('passes the compliant stack, and fails with the failing rule named', () => {
    const ok = run(mutated(() => undefined));
    expect(controlResult(byId('EC2.21'), ok.stack, ok.graph)).toEqual({
      status: 'pass',
      why: 'PAY-VPC-009 pass',
    });
    const open = run(mutated((tf) => delete tf.resource['aws_default_network_acl']));
    expect(controlResult(byId('EC2.21'), open.stack, open.graph)).toEqual({
      status: 'fail',
      why: 'PAY-VPC-009 fail',
    });
    // S3.8 takes the worst of its five rules.
    const pab = run(
      mutated(
        (tf) =>
          (res(tf, 'aws_s3_bucket_public_access_block', 'assets_pab')['block_public_acls'] = false),
      ),
    );
    expect(controlResult(byId('S3.8'), pab.stack, pab.graph).status).toBe('fail');
  });

  it('says account for account-wide controls, and n/a for an Aurora MySQL control on PostgreSQL', () => {
    const ok = run(
      mutated((tf) => {
        delete tf.resource['aws_guardduty_detector'];
        delete tf.resource['aws_guardduty_detector_feature'];
      }),
    );
    expect(controlResult(byId('GuardDuty.1'), ok.stack, ok.graph).status).toBe('account');
    const pg = run(
      mutated((tf) => (res(tf, 'aws_rds_cluster', 'db')['engine'] = 'aurora-postgresql')),
    );
    expect(controlResult(byId('RDS.34'), pg.stack, pg.graph)).toEqual({
      status: 'n/a',
      why: 'Aurora MySQL only (this stack runs Aurora PostgreSQL)',
    });
  });

  it("takes the baseline rules' status in a stack that makes the account setting", () => {
    const baseline = run(mutated(() => undefined));
    expect(controlResult(byId('GuardDuty.1'), baseline.stack, baseline.graph)).toEqual({
      status: 'pass',
      why: 'PAY-ACCT-005 pass: the account baseline turns it on here',
    });
    const ecrOff = run(
      mutated((tf) => {
        res(tf, 'aws_inspector2_enabler', 'inspector')['resource_types'] = ['EC2'];
      }),
    );
    expect(controlResult(byId('Inspector.2'), ecrOff.stack, ecrOff.graph).status).toBe('fail');
    expect(controlResult(byId('EC2.7'), baseline.stack, baseline.graph).status).toBe('pass');
    expect(controlResult(byId('S3.1'), baseline.stack, baseline.graph).status).toBe('pass');
  });

  it('computes EC2.16 and SecretsManager.1 from the graph', () => {
    const unused = run(
      mutated((tf) => add(tf, 'aws_network_acl', 'spare', { vpc_id: ref('aws_vpc.vpc.id') })),
    );
    expect(controlResult(byId('EC2.16'), unused.stack, unused.graph)).toEqual({
      status: 'fail',
      why: 'no subnet uses aws_network_acl.spare',
    });
    const unrotated = run(
      mutated((tf) => delete tf.resource['aws_secretsmanager_secret_rotation']),
    );
    expect(controlResult(byId('SecretsManager.1'), unrotated.stack, unrotated.graph)).toMatchObject(
      {
        status: 'fail',
        why: 'aws_secretsmanager_secret.api has no rotation',
      },
    );
  });

  it('puts the table and the CDE boundary in the auditor’s report when the graphs are given', () => {
    const { graph } = run(mutated(() => undefined));
    const report = evaluate([graph], RULES, none);
    const md = renderMarkdown(report, 'high', undefined, [graph]);
    expect(md).toContain('## Security Hub controls an assessor will run');
    expect(md).toMatch(
      /\| EC2\.21 \| Network ACLs should not allow .* \| 1\.3\.1 \| pass \| PAY-VPC-009 pass \|/,
    );
    expect(md).toContain('## Cardholder data environment boundary');
    expect(md).toMatch(/\| cde \| subnet \| `aws_subnet\.data` \| holds aws_rds_cluster\.db \|/);
    expect(renderMarkdown(report, 'high')).not.toContain('## Security Hub controls');
  });
});
