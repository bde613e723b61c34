/**
 * The diff shows what a reviewer must see: a known policy widening, a replacement-forcing
 * change, a port change, decoded user data, tags once, and the gate's findings that appear
 * or disappear; exit codes like `git diff --exit-code`.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, buildGraph } from '../../src/tfjson/graph';
import { diffStacks, isEmptyDiff } from '../../src/review/diff/compare';
import type { Exec } from '../../src/review/diff/git';
import { synthesizeAtRef } from '../../src/review/diff/git';
import {
  REPLACEMENT_ARGUMENTS,
  REVIEWED_6_66,
  conditionalArguments,
  forcingArguments,
  zoneArguments,
} from '../../src/review/diff/replacement';
import { renderDiff, SUBNET_RENUMBERING_HINT } from '../../src/review/diff/render';
import { compareSynths } from '../../src/review/diff/run';
import { makeDiffCommand } from '../../src/cli/commands/diff';
import { runCommandSync } from '../helpers/command';
import { decodeBase64Text } from '../../src/review/diff/text-diff';
import type { TerraformJson } from '../helpers/synth';
import { synthesize } from '../helpers/synth';
import { stackGraph, stackJson } from '../fixtures/review-stacks';
import { scratchFolders } from '../helpers/scratch';

/** A working tree whose config/ holds dev's environment file. */
const repoFolder = scratchFolders('payment-diff-repo-');
function repo(): string {
  const root = repoFolder();
  mkdirSync(join(root, 'config'));
  writeFileSync(join(root, 'config', 'dev.json'), '{ "region": "us-east-1" }');
  return root;
}
import { capturedOutput } from '../helpers/output';

const DEV = 'payment-dev';
const dev = () => stackJson(DEV);
const diffOf = (change: (json: TerraformJson) => void) => {
  const after = dev();
  change(after);
  return diffStacks(stackGraph(DEV), stackGraph(DEV, after));
};
const res = (json: TerraformJson, type: string) => json.resource[type]!;
const one = (json: TerraformJson, type: string) => Object.values(res(json, type))[0]!;

describe('diff of two synths', () => {
  it('is empty for the same synth', () => {
    expect(isEmptyDiff(diffStacks(stackGraph(DEV), stackGraph(DEV)))).toBe(true);
  });

  it('marks a policy statement that grants new actions as widened', () => {
    const d = diffOf((json) => {
      const policy = one(json, 'aws_iam_role_policy');
      const doc = JSON.parse(policy['policy'] as string) as {
        Statement: Array<Record<string, unknown>>;
      };
      const actions = doc.Statement[0]!['Action'] as string | string[];
      doc.Statement[0]!['Action'] = [...[actions].flat(), 's3:*'];
      policy['policy'] = JSON.stringify(doc);
    });
    const added = d.statements.filter((s) => s.change === '+');
    expect(added).toHaveLength(1);
    expect(added[0]!.widened).toEqual(['new actions s3:*']);
    expect(d.statements.filter((s) => s.change === '-')).toHaveLength(1);
    // The policy is compared as statements, not as one changed string.
    expect(d.changed.flatMap((c) => c.changes.map((x) => x.path))).not.toContain('policy');
  });

  it('does not mark a narrowing as widened (the failing case)', () => {
    const d = diffOf((json) => {
      const policy = one(json, 'aws_iam_role_policy');
      const doc = JSON.parse(policy['policy'] as string) as {
        Statement: Array<Record<string, unknown>>;
      };
      doc.Statement[0]!['Sid'] = 'Renamed';
      policy['policy'] = JSON.stringify(doc);
    });
    expect(d.statements.find((s) => s.change === '+')!.widened).toEqual([]);
  });

  it('marks a removed Deny as widened', () => {
    const d = diffOf((json) => {
      const bucketPolicy = Object.values(res(json, 'aws_s3_bucket_policy'))[0]!;
      const doc = JSON.parse(bucketPolicy['policy'] as string) as {
        Statement: Array<Record<string, unknown>>;
      };
      doc.Statement = doc.Statement.filter((s) => s['Effect'] !== 'Deny');
      bucketPolicy['policy'] = JSON.stringify(doc);
    });
    const removedDenies = d.statements.filter(
      (s) => s.change === '-' && s.statement.effect === 'Deny',
    );
    expect(removedDenies.length).toBeGreaterThan(0);
    for (const s of removedDenies) expect(s.widened).toEqual(['a Deny statement is removed']);
  });

  it('marks an Allow that loses its narrowing condition as widened', () => {
    const d = diffOf((json) => {
      const keyPolicy = Object.values(res(json, 'aws_kms_key_policy')).find((p) =>
        (p['policy'] as string).includes('"Condition"'),
      )!;
      const doc = JSON.parse(keyPolicy['policy'] as string) as {
        Statement: Array<Record<string, unknown>>;
      };
      const conditioned = doc.Statement.find((s) => s['Effect'] === 'Allow' && s['Condition'])!;
      delete conditioned['Condition'];
      keyPolicy['policy'] = JSON.stringify(doc);
    });
    const added = d.statements.filter((s) => s.change === '+');
    expect(added).toHaveLength(1);
    expect(added[0]!.widened).toEqual(['a narrowing condition is removed']);
  });

  it('flags a change that forces replacement of a stateful resource, and not one that does not', () => {
    const replaced = diffOf((json) => {
      one(json, 'aws_rds_cluster')['database_name'] = 'ledger';
    });
    expect(replaced.hazards.filter((h) => !h.cause)).toEqual([
      expect.objectContaining({ action: 'replace', arguments: ['database_name'], stateful: true }),
    ]);
    // The cascade: the cluster's instances name it in a force-new argument.
    expect(
      replaced.hazards
        .filter((h) => h.cause)
        .map((h) => [h.action, h.address.split('.')[0], h.arguments.join()]),
    ).toContainEqual(['replace', 'aws_rds_cluster_instance', 'cluster_identifier']);
    const inPlace = diffOf((json) => {
      one(json, 'aws_rds_cluster')['backup_retention_period'] = 30;
    });
    expect(inPlace.changed).toHaveLength(1);
    expect(inPlace.hazards).toEqual([]);
  });

  it('flags the target group whose port forces a new one, and a destroyed bucket', () => {
    const d = diffOf((json) => {
      one(json, 'aws_lb_target_group')['port'] = 9090;
      const buckets = res(json, 'aws_s3_bucket');
      delete buckets[Object.keys(buckets).find((k) => k.startsWith('Assets_'))!];
    });
    const direct = d.hazards.filter((h) => !h.cause && !h.address.startsWith('aws_s3_bucket_'));
    expect(direct.map((h) => [h.action, h.address.split('.')[0], h.stateful])).toEqual([
      ['replace', 'aws_lb_target_group', false],
      ['destroy', 'aws_s3_bucket', true],
    ]);
  });

  it('shows a port change as security-group rule rows', () => {
    const d = diffOf((json) => {
      const rule = Object.values(res(json, 'aws_vpc_security_group_ingress_rule')).find(
        (r) => r['from_port'] === 3306,
      )!;
      rule['from_port'] = 5432;
      rule['to_port'] = 5432;
    });
    expect(d.rules.map((r) => [r.change, r.rule.fromPort, r.group, r.peer])).toEqual([
      ['-', 3306, 'payment-db-sg-dev', 'payment-app-sg-dev'],
      ['+', 5432, 'payment-db-sg-dev', 'payment-app-sg-dev'],
    ]);
    const internet = diffOf((json) => {
      const rule = Object.values(res(json, 'aws_vpc_security_group_ingress_rule')).find(
        (r) => r['from_port'] === 3306,
      )!;
      delete rule['referenced_security_group_id'];
      rule['cidr_ipv4'] = '0.0.0.0/0';
    });
    expect(internet.rules.find((r) => r.change === '+')!.openToInternet).toBe(true);
  });

  it('decodes user data and shows it as a text diff', () => {
    const d = diffOf((json) => {
      const template = one(json, 'aws_launch_template');
      const script = decodeBase64Text(template['user_data'] as string)!;
      template['user_data'] = Buffer.from(
        script.replace('set -euo pipefail', 'set -euo pipefail\necho patched'),
      ).toString('base64');
    });
    expect(d.texts).toHaveLength(1);
    expect(d.texts[0]!.attribute).toBe('user_data');
    expect(d.texts[0]!.lines.filter((l) => l.op !== ' ')).toEqual([
      { op: '+', text: 'echo patched' },
    ]);
  });

  it('summarises tags once: default tags, and a resource tag change with its count', () => {
    const d = diffOf((json) => {
      json.provider['aws']![0]!['default_tags'] = [{ tags: { Profile: 'dev', Team: 'payments' } }];
      for (const subnet of Object.values(res(json, 'aws_subnet')))
        (subnet['tags'] as Record<string, string>)['Owner'] = 'net';
    });
    const keys = d.tags.map((t) => `${t.key}:${t.before ?? ''}->${t.after ?? ''} on ${t.where}`);
    expect(keys).toContain('Team:->payments on provider default_tags (every resource)');
    expect(keys).toContain('Owner:->net on 9 resources');
    expect(
      d.changed.flatMap((c) => c.changes.map((x) => x.path)).filter((p) => p.startsWith('tags')),
    ).toEqual([]);
  });

  it('reports the gate findings that appear and disappear', () => {
    const widened = dev();
    const policy = one(widened, 'aws_iam_role_policy');
    const doc = JSON.parse(policy['policy'] as string) as {
      Statement: Array<Record<string, unknown>>;
    };
    doc.Statement[0]!['Action'] = 'rds-db:*';
    policy['policy'] = JSON.stringify(doc);
    const forward = compareSynths(
      [stackGraph(DEV)],
      [stackGraph(DEV, widened)],
      ['a', 'b'],
      process.cwd(),
    );
    expect(forward.findings.get(DEV)!.appeared.map((f) => f.ruleId)).toContain('PAY-IAM-002');
    const back = compareSynths(
      [stackGraph(DEV, widened)],
      [stackGraph(DEV)],
      ['b', 'a'],
      process.cwd(),
    );
    expect(back.findings.get(DEV)!.disappeared.map((f) => f.ruleId)).toContain('PAY-IAM-002');

    const markdown = renderDiff(forward, 'markdown');
    expect(markdown).toContain('### Compliance gate findings');
    expect(markdown).toContain('| + new | PAY-IAM-002 | high |');
    expect(markdown).toContain('WIDENED: new actions rds-db:*');
  });

  it('follows the provider: renaming a DB instance is in place, a new storage class is not', () => {
    expect(forcingArguments('aws_db_instance', ['identifier', 'tags.Name'])).toEqual([]);
    expect(forcingArguments('aws_db_instance', ['timezone', 'backup_target'])).toEqual([
      'backup_target',
      'timezone',
    ]);
    expect(forcingArguments('aws_rds_cluster', ['cluster_scalability_type'])).toEqual([
      'cluster_scalability_type',
    ]);
    expect(forcingArguments('aws_s3_bucket', ['bucket_namespace'])).toEqual(['bucket_namespace']);
    expect(conditionalArguments('aws_lb', ['subnets.0', 'idle_timeout'])).toEqual([
      { argument: 'subnets', when: 'for a network load balancer, unless subnets are only added' },
    ]);
    // Decided on the resource's own values: an application load balancer keeps its subnets
    // in place; a network one that loses a subnet is replaced, one that only gains is not.
    const alb = { load_balancer_type: 'application', subnets: ['a', 'b'] };
    expect(conditionalArguments('aws_lb', ['subnets'], alb, { ...alb, subnets: ['a'] })).toEqual(
      [],
    );
    const nlb = { load_balancer_type: 'network', subnets: ['a', 'b'] };
    expect(conditionalArguments('aws_lb', ['subnets'], nlb, { ...nlb, subnets: ['a'] })).toEqual([
      expect.objectContaining({ argument: 'subnets', holds: true }),
    ]);
    expect(
      conditionalArguments('aws_lb', ['subnets'], nlb, { ...nlb, subnets: ['a', 'b', 'c'] }),
    ).toEqual([]);
    for (const [type, entry] of Object.entries(REPLACEMENT_ARGUMENTS))
      if (entry.source === REVIEWED_6_66)
        expect(Object.keys(entry.conditional ?? {}), type).toContain('region');
  });

  it('flags a change that replaces only in some cases as "may replace", with the case', () => {
    const d = diffOf((json) => {
      one(json, 'aws_lb')['subnets'] = ['${aws_subnet.only.id}'];
    });
    // The load balancer is an application one: no NLB case.
    expect(d.hazards).toEqual([]);
    const region = diffOf((json) => {
      one(json, 'aws_lb')['region'] = 'us-east-1';
    });
    expect(region.hazards.filter((h) => !h.cause)).toEqual([
      expect.objectContaining({
        action: 'may replace',
        arguments: [expect.stringMatching(/^region/)],
      }),
    ]);
    const text = renderDiff(
      { before: 'a', after: 'b', stacks: [region], findings: new Map() },
      'text',
    );
    expect(text).toContain('MAY REPLACE');
    expect(text).toContain('may force replacement (when it moves to another Region');
  });

  it('names its sources and says the estimate is static', () => {
    for (const entry of Object.values(REPLACEMENT_ARGUMENTS)) expect(entry.source).not.toBe('');
    const d = diffOf((json) => {
      one(json, 'aws_rds_cluster')['database_name'] = 'ledger';
    });
    const text = renderDiff({ before: 'a', after: 'b', stacks: [d], findings: new Map() }, 'text');
    expect(text).toContain('REPLACE (stateful)');
    expect(text).toContain('`npm run plan` is authoritative');
  });
});

describe('renamed constructs', () => {
  /** The dev stack with every address of `prefix` renamed (a construct id change). */
  const renamed = (pairs: readonly [string, string][]) => {
    let text = JSON.stringify(dev());
    for (const [from, to] of pairs) text = text.split(from).join(to);
    return JSON.parse(text) as TerraformJson;
  };
  const cluster = Object.keys(res(dev(), 'aws_rds_cluster'))[0]!;
  const bucket = Object.keys(res(dev(), 'aws_s3_bucket')).find((k) => k.startsWith('Assets_'))!;

  it('matches a database and a bucket by their names and prints the moved blocks', () => {
    const after = renamed([
      [`aws_rds_cluster.${cluster}`, `aws_rds_cluster.Ledger_${cluster}`],
      [`"${cluster}"`, `"Ledger_${cluster}"`],
      [`aws_s3_bucket.${bucket}`, `aws_s3_bucket.Files_${bucket}`],
      [`"${bucket}"`, `"Files_${bucket}"`],
    ]);
    const d = diffStacks(stackGraph(DEV), stackGraph(DEV, after));
    expect(d.moves.map((m) => [m.from, m.to])).toEqual(
      expect.arrayContaining([
        [`aws_rds_cluster.${cluster}`, `aws_rds_cluster.Ledger_${cluster}`],
        [`aws_s3_bucket.${bucket}`, `aws_s3_bucket.Files_${bucket}`],
      ]),
    );
    const text = renderDiff({ before: 'a', after: 'b', stacks: [d], findings: new Map() }, 'text');
    expect(text).toContain('Renamed resources (same identity, new address)');
    expect(text).toContain(`"from": "aws_rds_cluster.${cluster}"`);
  });

  it('reports two resources with one identity as ambiguous, never guessed', () => {
    const after = dev();
    const buckets = res(after, 'aws_s3_bucket');
    const copy = { ...buckets[bucket]! };
    delete buckets[bucket];
    buckets['One'] = copy;
    buckets['Two'] = { ...copy };
    const d = diffStacks(stackGraph(DEV), stackGraph(DEV, after));
    expect(d.moves.filter((m) => m.identity.startsWith('aws_s3_bucket '))).toEqual([]);
    expect(d.ambiguousMoves).toEqual([
      expect.objectContaining({
        from: [`aws_s3_bucket.${bucket}`],
        to: ['aws_s3_bucket.One', 'aws_s3_bucket.Two'],
      }),
    ]);
  });
});

describe('the azCount 3 -> 2 diff', () => {
  const graph = (azCount: number) =>
    buildGraph(synthesize({ ENVIRONMENT: 'dev' }, { azCount }).json, 'stack', DEV);
  const d = diffStacks(graph(3), graph(2));
  const rows = (action: string) =>
    d.hazards.filter((h) => h.action === action).map((h) => h.address.split('.')[0]);

  it('replaces every subnet that stays, and what names it in a force-new argument', () => {
    expect(rows('replace').filter((t) => t === 'aws_subnet')).toHaveLength(6);
    expect(rows('replace')).toContain('aws_nat_gateway');
    expect(rows('replace').filter((t) => t === 'aws_route_table_association')).toHaveLength(6);
    expect(rows('destroy').filter((t) => t === 'aws_subnet')).toHaveLength(3);
    // Updated in place but running in the old subnets: the load balancer, the group, the
    // DB subnet group, and the route through the new NAT gateway.
    expect(rows('update (disrupted)')).toEqual(
      expect.arrayContaining([
        'aws_lb',
        'aws_autoscaling_group',
        'aws_db_subnet_group',
        'aws_route',
      ]),
    );
    // No NLB case for the application load balancer.
    expect(
      d.hazards.some((h) => h.arguments.some((a) => a.includes('network load balancer'))),
    ).toBe(false);
    expect(d.subnets.filter((s) => s.argument === 'cidr_block')).toHaveLength(6);
  });

  it('says which changes AWS refuses: subnets with interfaces, a shrunk DB subnet group', () => {
    const refused = d.refusals.map((r) => r.message);
    expect(refused.filter((m) => m.includes('aws_db_subnet_group'))).toHaveLength(3);
    expect(refused.filter((m) => m.includes("load balancer's nodes"))).toHaveLength(3);
    expect(d.refusals.every((r) => r.source.startsWith('https://'))).toBe(true);
    const text = renderDiff({ before: 'a', after: 'b', stacks: [d], findings: new Map() }, 'text');
    expect(text).toContain('Changes AWS refuses');
    expect(text).toContain('Subnets renumbered or moved to another AZ');
    expect(text).toContain('`npm run plan` is authoritative');
    expect(text).toContain(SUBNET_RENUMBERING_HINT);
  });

  it('with plannedAzCount recorded, removes the third AZ and renumbers nothing (no hint)', () => {
    const kept = diffStacks(
      graph(3),
      buildGraph(
        synthesize({ ENVIRONMENT: 'dev' }, { azCount: 2, plannedAzCount: 3 }).json,
        'stack',
        DEV,
      ),
    );
    expect(kept.subnets).toEqual([]);
    expect(kept.hazards.filter((h) => h.action === 'replace')).toEqual([]);
    expect(
      kept.hazards.filter((h) => h.action === 'destroy' && h.address.startsWith('aws_subnet.')),
    ).toHaveLength(3);
    const text = renderDiff(
      { before: 'a', after: 'b', stacks: [kept], findings: new Map() },
      'text',
    );
    expect(text).not.toContain(SUBNET_RENUMBERING_HINT);
  });
});

describe('pinning AZs by ID (availabilityZoneIds)', () => {
  const STAGING = 'payment-staging';
  const graph = (file: Record<string, unknown>) =>
    buildGraph(
      synthesize({ ENVIRONMENT: 'staging' }, { region: 'eu-west-1', ...file }).json,
      'stack',
      STAGING,
    );
  const ids = ['euw1-az1', 'euw1-az2', 'euw1-az3'];
  const byAction = (d: ReturnType<typeof diffStacks>, action: string) =>
    d.hazards.filter((h) => h.action === action).map((h) => h.address.split('.')[0]);

  it('says a subnet pinned to its own AZ replaces nothing (the real plan: no changes), else it does', () => {
    const d = diffStacks(graph({}), graph({ availabilityZoneIds: ids }));
    expect(byAction(d, 'replace')).toEqual([]);
    expect(byAction(d, 'may replace').filter((t) => t === 'aws_subnet')).toHaveLength(9);
    expect(byAction(d, 'may replace').filter((t) => t === 'aws_rds_cluster_instance')).toHaveLength(
      2,
    );
    const subnet = d.hazards.find((h) => h.address.startsWith('aws_subnet.'))!;
    expect(subnet.arguments).toEqual([
      expect.stringMatching(
        /^availability_zone_id \(unless the subnet is already in euw1-az\d: naming the AZ it has by ID changes nothing\)$/,
      ),
    ]);
    // Nothing AWS would refuse is claimed for an uncertain replacement; the AZ change is flagged.
    expect(d.refusals).toEqual([]);
    expect(d.subnets.filter((s) => s.argument === 'availability_zone_id')).toHaveLength(9);
  });

  it('replaces the subnets whose pinned ID changes, and flags them', () => {
    const d = diffStacks(
      graph({ availabilityZoneIds: ids }),
      graph({ availabilityZoneIds: [ids[1], ids[0], ids[2]] }),
    );
    expect(byAction(d, 'replace').filter((t) => t === 'aws_subnet')).toHaveLength(6);
    expect(d.subnets.filter((s) => s.argument === 'availability_zone_id')).toHaveLength(6);
  });

  it('keeps a changed AZ name a certain replacement', () => {
    expect(
      zoneArguments(
        'aws_subnet',
        { availability_zone: 'eu-west-1a' },
        { availability_zone: 'eu-west-1b' },
      ),
    ).toEqual({ cleared: [], conditional: [] });
    expect(
      zoneArguments(
        'aws_rds_cluster_instance',
        { availability_zone: 'eu-west-1a' },
        { availability_zone: 'eu-west-1b' },
      ),
    ).toEqual({ cleared: [], conditional: [] });
  });
});

describe('npm run diff', () => {
  const root = mkdtempSync(join(tmpdir(), 'diff-test-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (name: string, json: TerraformJson) => {
    const dir = join(root, name, 'stacks', DEV);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json));
    return join(root, name);
  };
  const io = () => {
    const { out, err, streams } = capturedOutput();
    return { out, err, io: streams };
  };
  const command = makeDiffCommand(() => {
    throw new Error('not in this test');
  });
  /** `npm run diff` with these arguments, through the command-line contract. */
  const runDiff = (
    args: readonly string[],
    streams: { stdout: (t: string) => void; stderr: (t: string) => void },
  ): number => {
    const run = runCommandSync(command, args);
    if (run.out) streams.stdout(run.out);
    if (run.err) streams.stderr(run.err);
    return run.code;
  };

  it('exits 0 without changes, 1 with changes, 2 on bad input', () => {
    const a = write('a', dev());
    const changed = dev();
    one(changed, 'aws_lb_target_group')['port'] = 9090;
    const b = write('b', changed);
    const same = io();
    expect(runDiff([a, a], same.io)).toBe(0);
    expect(same.out.join('')).toContain('No changes.');
    const diff = io();
    expect(runDiff([a, b, '--format', 'markdown'], diff.io)).toBe(1);
    expect(diff.out.join('')).toContain('| REPLACE | aws_lb_target_group.');
    const missing = io();
    expect(runDiff([a, join(root, 'nope')], missing.io)).toBe(2);
    expect(missing.err.join('')).toContain('nope: no such folder');
    const usage = io();
    expect(runDiff([a], usage.io)).toBe(2);
    expect(usage.err.join('')).toContain('give two synthesized output folders or --git <ref>');
    const format = io();
    expect(runDiff([a, b, '--format', 'html'], format.io)).toBe(2);
    expect(format.err.join('')).toContain('--format "html" is not one of text, markdown');
  });

  it('--git synthesizes the ref from git archive and the working tree into scratch folders', () => {
    const calls: Array<{
      command: string;
      args: readonly string[];
      cwd: string;
      outdir?: string;
      config?: string;
    }> = [];
    const exec: Exec = (command, args, options) => {
      calls.push({
        command,
        args,
        cwd: options.cwd,
        outdir: options.env.CDKTF_OUTDIR,
        config: options.env.CONFIG_FILE,
      });
      if (command === 'git' && args[0] === 'archive')
        return { status: 0, stdout: Buffer.from('tar'), stderr: '' };
      if (
        args[0] === 'dist/main.js' ||
        args[0] === 'dist/cli/synth.js' ||
        args[0] === 'scripts/run.mjs'
      ) {
        mkdirSync(join(options.env.CDKTF_OUTDIR!, 'stacks', DEV), { recursive: true });
        writeFileSync(
          join(options.env.CDKTF_OUTDIR!, 'stacks', DEV, 'cdk.tf.json'),
          JSON.stringify(dev()),
        );
      }
      return { status: 0, stdout: '', stderr: '' };
    };
    const root = repo();
    const scratch = synthesizeAtRef(root, 'HEAD~1', { CONFIG_FILE: 'config/dev.json' }, exec);
    try {
      expect(
        calls.map((c) => [c.command.endsWith('node') ? 'node' : c.command, ...c.args.slice(0, 2)]),
      ).toEqual([
        ['git', 'rev-parse', '--verify'],
        ['git', 'archive', '--format=tar'],
        ['tar', '-x', '-C'],
        ['node', 'scripts/build.mjs', 'main'],
        ['node', 'dist/main.js'],
        ['node', 'dist/cli/synth.js', '--env'],
      ]);
      expect(calls[1]!.args).toContain('HEAD~1');
      expect(calls[4]!.outdir).toBe(scratch.before);
      expect(calls[5]!.outdir).toBe(scratch.after);
      expect(calls[5]!.cwd).toBe(root);
      expect(calls[5]!.args).toEqual(['dist/cli/synth.js', '--env', 'dev']);
      // Each side reads its own committed environment file: the commit's has none here, and
      // the working tree's is read by the resolver, never through CONFIG_FILE.
      expect(calls[4]!.config).toBeUndefined();
      expect(calls[5]!.config).toBeUndefined();
      expect(existsSync(join(scratch.before, 'stacks', DEV, 'cdk.tf.json'))).toBe(true);
    } finally {
      scratch.cleanup();
    }
    expect(existsSync(scratch.before)).toBe(false);
  });

  it('--git reads the committed environment file at both refs: --env for a commit with the resolver, the variables of its time for an older one', () => {
    for (const withResolver of [true, false]) {
      const seen: Array<{ args: readonly string[]; env: NodeJS.ProcessEnv }> = [];
      let source = '';
      const exec: Exec = (command, args, options) => {
        if (command === 'tar') {
          source = args[2]!;
          mkdirSync(join(source, 'scripts'), { recursive: true });
          writeFileSync(join(source, 'scripts', 'run.mjs'), '');
          mkdirSync(join(source, 'config'));
          writeFileSync(join(source, 'config', 'dev.json'), '{}');
          if (withResolver) {
            mkdirSync(join(source, 'src', 'config'), { recursive: true });
            writeFileSync(join(source, 'src', 'config', 'environments.ts'), '');
          }
        }
        if (options.env.CDKTF_OUTDIR) {
          seen.push({ args, env: options.env });
          mkdirSync(options.env.CDKTF_OUTDIR, { recursive: true });
          writeFileSync(join(options.env.CDKTF_OUTDIR, 'manifest.json'), '{}');
        }
        return { status: 0, stdout: Buffer.from(''), stderr: '' };
      };
      const scratch = synthesizeAtRef(repo(), 'main', { TEAM: 'payments' }, exec);
      scratch.cleanup();
      const [atRef, working] = seen;
      expect(working!.args).toEqual(['dist/cli/synth.js', '--env', 'dev']);
      expect(working!.env.CONFIG_FILE).toBeUndefined();
      if (withResolver) {
        expect(atRef!.args).toEqual(['scripts/run.mjs', 'main', '--env', 'dev']);
        expect(atRef!.env.ENVIRONMENT).toBeUndefined();
      } else {
        expect(atRef!.args).toEqual(['scripts/run.mjs', 'main']);
        expect(atRef!.env).toMatchObject({
          ENVIRONMENT: 'dev',
          ENVIRONMENT_SUFFIX: 'dev',
          AWS_REGION: 'us-east-1',
          CONFIG_FILE: join(source, 'config', 'dev.json'),
          TEAM: 'payments',
        });
      }
    }
  });

  it('--git shows an environment the commit does not have as added: it is synthesized on the working side only', () => {
    for (const refHasDev of [true, false]) {
      const root = repo();
      writeFileSync(
        join(root, 'config', 'staging.json'),
        '{ "region": "us-east-1", "allowedAccountIds": ["210987654321"] }',
      );
      const seen: Array<{ args: readonly string[]; outdir: string }> = [];
      const exec: Exec = (command, args, options) => {
        if (command === 'tar') {
          const source = args[2]!;
          mkdirSync(join(source, 'scripts'), { recursive: true });
          writeFileSync(join(source, 'scripts', 'run.mjs'), '');
          mkdirSync(join(source, 'src', 'config'), { recursive: true });
          writeFileSync(join(source, 'src', 'config', 'environments.ts'), '');
          mkdirSync(join(source, 'config'));
          if (refHasDev) writeFileSync(join(source, 'config', 'dev.json'), '{}');
        }
        const outdir = options.env.CDKTF_OUTDIR;
        if (outdir) {
          seen.push({ args, outdir });
          mkdirSync(outdir, { recursive: true });
          writeFileSync(join(outdir, 'manifest.json'), '{"stacks":{}}');
        }
        return { status: 0, stdout: Buffer.from(''), stderr: '' };
      };
      const scratch = synthesizeAtRef(root, 'main', {}, exec, ['dev', 'staging']);
      try {
        const working = seen.at(-1)!;
        expect(working.args).toEqual(['dist/cli/synth.js', '--env', 'dev', '--env', 'staging']);
        if (refHasDev) {
          expect(seen).toHaveLength(2);
          expect(seen[0]!.args).toEqual(['scripts/run.mjs', 'main', '--env', 'dev']);
        } else {
          // Nothing to synthesize at the commit: an empty output, so every stack is added.
          expect(seen).toHaveLength(1);
          expect(JSON.parse(readFileSync(join(scratch.before, 'manifest.json'), 'utf8'))).toEqual({
            stacks: {},
          });
        }
      } finally {
        scratch.cleanup();
      }
    }
  });

  it('--changed-environments writes the environments whose stack changed, with their profile', () => {
    const a = write('ca', dev());
    const changed = dev();
    one(changed, 'aws_lb_target_group')['port'] = 9090;
    const b = write('cb', changed);
    const file = join(root, 'changed.json');
    expect(runDiff([a, b, '--changed-environments', file], io().io)).toBe(1);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([
      { environment: 'dev', stack: DEV, profile: 'dev' },
    ]);
    expect(runDiff([a, a, '--changed-environments', file], io().io)).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('--all is for --git, and not with --env', () => {
    const a = write('aa', dev());
    const folders = io();
    expect(runDiff([a, a, '--all'], folders.io)).toBe(2);
    expect(folders.err.join('')).toContain('--all chooses what --git synthesizes');
    const both = io();
    expect(runDiff(['--git', 'main', '--all', '--env', 'dev'], both.io)).toBe(2);
    expect(both.err.join('')).toContain('--all cannot be combined with --env');
  });

  it('--git runs a commit that has scripts/run.mjs through it', () => {
    const calls: string[][] = [];
    const exec: Exec = (command, args, options) => {
      calls.push([...args]);
      if (command === 'tar') {
        const source = args[2]!;
        mkdirSync(join(source, 'scripts'), { recursive: true });
        writeFileSync(join(source, 'scripts', 'run.mjs'), '');
      }
      if (options.env.CDKTF_OUTDIR) {
        mkdirSync(options.env.CDKTF_OUTDIR, { recursive: true });
        writeFileSync(join(options.env.CDKTF_OUTDIR, 'manifest.json'), '{}');
      }
      return { status: 0, stdout: Buffer.from(''), stderr: '' };
    };
    const scratch = synthesizeAtRef(repo(), 'main', {}, exec);
    scratch.cleanup();
    expect(calls.slice(3)).toEqual([
      ['scripts/run.mjs', 'main'],
      ['dist/cli/synth.js', '--env', 'dev'],
    ]);
  });

  it("--git runs the synthesis entry the commit's cdktf.json names", () => {
    const calls: string[][] = [];
    const exec: Exec = (command, args, options) => {
      calls.push([...args]);
      if (command === 'tar') {
        const source = args[2]!;
        mkdirSync(join(source, 'scripts'), { recursive: true });
        writeFileSync(join(source, 'scripts', 'run.mjs'), '');
        writeFileSync(
          join(source, 'cdktf.json'),
          JSON.stringify({ app: 'node scripts/run.mjs synth' }),
        );
      }
      if (options.env.CDKTF_OUTDIR) {
        mkdirSync(options.env.CDKTF_OUTDIR, { recursive: true });
        writeFileSync(join(options.env.CDKTF_OUTDIR, 'manifest.json'), '{}');
      }
      return { status: 0, stdout: Buffer.from(''), stderr: '' };
    };
    const scratch = synthesizeAtRef(repo(), 'main', {}, exec);
    scratch.cleanup();
    expect(calls.slice(3)).toEqual([
      ['scripts/run.mjs', 'synth'],
      ['dist/cli/synth.js', '--env', 'dev'],
    ]);
  });

  it('--git reports a synthesis that wrote nothing, and removes its scratch folder', () => {
    let scratchDir = '';
    const exec: Exec = (_command, _args, options) => {
      if (options.env.CDKTF_OUTDIR) {
        scratchDir = join(options.env.CDKTF_OUTDIR, '..');
        return { status: 1, stdout: '', stderr: 'Invalid configuration (1 problem)' };
      }
      return { status: 0, stdout: Buffer.from(''), stderr: '' };
    };
    expect(() => synthesizeAtRef(repo(), 'main', {}, exec)).toThrow(
      /synthesis at main failed:\nInvalid configuration/,
    );
    expect(existsSync(scratchDir)).toBe(false);
  });

  it('--git refuses a ref that is not a commit, leaving nothing behind', () => {
    const exec: Exec = () => ({ status: 1, stdout: '', stderr: '' });
    expect(() => synthesizeAtRef(repo(), 'no-such-branch', {}, exec)).toThrow(InputError);
    expect(() => synthesizeAtRef(repo(), 'no-such-branch', {}, exec)).toThrow(
      /"no-such-branch" is not a commit/,
    );
  });

  /** A repository with the committed account file (its conformance packs are read from vendor/). */
  const accountRepo = () => {
    const root = repo();
    mkdirSync(join(root, 'config', 'accounts'));
    copyFileSync(
      join('config', 'accounts', 'main.json'),
      join(root, 'config', 'accounts', 'main.json'),
    );
    symlinkSync(resolve('vendor'), join(root, 'vendor'), 'dir');
    return root;
  };
  /** A fake exec whose commit has (or lacks) the account baseline's synthesis. */
  const accountExec =
    (calls: string[][], withAccountSynthesis: boolean): Exec =>
    (command, args, options) => {
      calls.push([...args]);
      if (command === 'tar') {
        const source = args[2]!;
        mkdirSync(join(source, 'scripts'), { recursive: true });
        writeFileSync(join(source, 'scripts', 'run.mjs'), '');
        mkdirSync(join(source, 'src', 'config'), { recursive: true });
        writeFileSync(join(source, 'src', 'config', 'environments.ts'), '');
        mkdirSync(join(source, 'config', 'accounts'), { recursive: true });
        writeFileSync(join(source, 'config', 'accounts', 'main.json'), '{}');
        if (withAccountSynthesis) {
          mkdirSync(join(source, 'src', 'synth'), { recursive: true });
          writeFileSync(join(source, 'src', 'synth', 'account.ts'), '');
        }
      }
      if (options.env.CDKTF_OUTDIR) {
        mkdirSync(options.env.CDKTF_OUTDIR, { recursive: true });
        writeFileSync(join(options.env.CDKTF_OUTDIR, 'manifest.json'), '{}');
      }
      return { status: 0, stdout: Buffer.from(''), stderr: '' };
    };

  it('--git with an account synthesizes its baseline on both sides (synth --account)', () => {
    const calls: string[][] = [];
    const scratch = synthesizeAtRef(
      accountRepo(),
      'main',
      {},
      accountExec(calls, true),
      [],
      'main',
    );
    scratch.cleanup();
    expect(calls.slice(3)).toEqual([
      ['scripts/run.mjs', 'main', '--account', 'main'],
      ['dist/cli/synth.js', '--account', 'main'],
    ]);
  });

  it('--git with an account refuses an unknown account, and a commit that cannot synthesize one', () => {
    expect(() =>
      synthesizeAtRef(accountRepo(), 'main', {}, accountExec([], true), [], 'nosuch'),
    ).toThrow(InputError);
    const calls: string[][] = [];
    expect(() =>
      synthesizeAtRef(accountRepo(), 'main', {}, accountExec(calls, false), [], 'main'),
    ).toThrow(/--account: main has no account baseline synthesis \(src\/synth\/account.ts\)/);
    // Nothing was synthesized on either side.
    expect(calls.filter((c) => c.includes('--account'))).toEqual([]);
  });

  it('--git with an account the commit does not have shows its stacks as added', () => {
    const calls: string[][] = [];
    const exec: Exec = (command, args, options) => {
      if (command === 'tar') {
        mkdirSync(join(args[2]!, 'scripts'), { recursive: true });
        writeFileSync(join(args[2]!, 'scripts', 'run.mjs'), '');
      }
      return accountExec(calls, true)(command === 'tar' ? 'untar' : command, args, options);
    };
    const scratch = synthesizeAtRef(accountRepo(), 'main', {}, exec, [], 'main');
    try {
      expect(calls.slice(3)).toEqual([['dist/cli/synth.js', '--account', 'main']]);
      expect(readFileSync(join(scratch.before, 'manifest.json'), 'utf8')).toBe('{"stacks":{}}\n');
    } finally {
      scratch.cleanup();
    }
  });
});
