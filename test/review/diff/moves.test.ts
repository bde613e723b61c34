/**
 * Renamed constructs found by the diff (src/review/diff/moves.ts): the named resources, their
 * satellites (by the named resource they belong to, and by construct path under a rename the
 * named ones confirm), what stays ambiguous, and `--write-moves`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffStacks } from '../../../src/review/diff/compare';
import { renderDiff } from '../../../src/review/diff/render';
import { makeDiffCommand } from '../../../src/cli/commands/diff';
import type { TerraformJson } from '../../helpers/synth';
import { runCommandSync } from '../../helpers/command';
import { stackGraph, stackJson } from '../../fixtures/review-stacks';
import { scratchFolders } from '../../helpers/scratch';
import { accountConfig, synthesizeBaseline } from '../../helpers/baseline';
import { readMovesFile, withMovedBlocks } from '../../../src/synth/moves';

const DEV = 'payment-dev';
const scratch = scratchFolders('payment-moves-diff-');

/** The dev stack with construct `from` renamed `to`, as cdktn names it: path and address. */
function renamed(pairs: readonly [string, string][], json: TerraformJson = stackJson(DEV)) {
  let text = JSON.stringify(json);
  for (const [from, to] of pairs)
    text = text
      .split(`${DEV}/${from}/`)
      .join(`${DEV}/${to}/`)
      .split(`.${from}_`)
      .join(`.${to}_`)
      .split(`"${from}_`)
      .join(`"${to}_`);
  return JSON.parse(text) as TerraformJson;
}

describe('a renamed construct', () => {
  it('moves a bucket with every satellite, and a database with its key, alias, policies and instances', () => {
    const d = diffStacks(
      stackGraph(DEV),
      stackGraph(
        DEV,
        renamed([
          ['Assets', 'Media'],
          ['Aurora', 'Database'],
        ]),
      ),
    );
    const resources = d.removed.filter((b) => b.kind === 'resource');
    expect(resources.length).toBeGreaterThan(20);
    // Every removed resource is matched, one to one; nothing is ambiguous.
    expect(d.ambiguousMoves).toEqual([]);
    expect(d.moves.map((m) => m.from).sort()).toEqual(resources.map((b) => b.address).sort());
    expect(new Set(d.moves.map((m) => m.to)).size).toBe(d.moves.length);
    for (const m of d.moves)
      expect(m.to).toBe(m.from.replace(/\.Assets_/, '.Media_').replace(/\.Aurora_/, '.Database_'));
    const basis = (type: string) =>
      d.moves.filter((m) => m.from.startsWith(`${type}.`)).map((m) => m.basis);
    expect(basis('aws_s3_bucket')).toEqual(['name']);
    expect(basis('aws_rds_cluster')).toEqual(['name']);
    expect(basis('aws_kms_key')).toEqual(['name']); // by its alias
    expect(basis('aws_s3_bucket_versioning')).toEqual(['parent']);
    expect(basis('aws_s3_bucket_public_access_block')).toEqual(['parent']);
    expect(basis('aws_kms_key_policy')).toEqual(['parent']);
    const versioning = d.moves.find((m) => m.from.startsWith('aws_s3_bucket_versioning.'))!;
    expect(versioning.identity).toMatch(
      /^aws_s3_bucket_versioning of aws_s3_bucket bucket=payment-assets-dev-/,
    );
  });

  it('matches a satellite that also changes by its construct path, under the rename its bucket confirms', () => {
    const after = renamed([['Assets', 'Media']]);
    const policies = after.resource['aws_s3_bucket_policy']!;
    const name = Object.keys(policies).find((k) => k.startsWith('Media_'))!;
    policies[name] = { ...policies[name]!, policy: '{"Version":"2012-10-17","Statement":[]}' };
    const d = diffStacks(stackGraph(DEV), stackGraph(DEV, after));
    const policy = d.moves.find((m) => m.from.startsWith('aws_s3_bucket_policy.'))!;
    expect(policy).toEqual({
      from: `aws_s3_bucket_policy.${name.replace('Media_', 'Assets_')}`,
      to: `aws_s3_bucket_policy.${name}`,
      identity: `aws_s3_bucket_policy at ${DEV}/Assets/Policy -> ${DEV}/Media/Policy`,
      basis: 'construct path',
    });
    expect(d.ambiguousMoves).toEqual([]);
  });

  it('matches by construct path only under a rename a named match confirms', () => {
    // Only a key policy is renamed (no named resource moves with it): no prefix is confirmed
    // and its identity reads a renamed data source, so it is not matched: never guessed.
    const before = stackJson(DEV);
    const after = stackJson(DEV);
    const policies = after.resource['aws_kms_key_policy']!;
    const name = Object.keys(policies).find((k) => k.startsWith('StorageKey_'))!;
    policies['Moved_Policy'] = {
      ...policies[name]!,
      '//': { metadata: { path: `${DEV}/Elsewhere/Policy` } },
      policy: 'changed',
    };
    delete policies[name];
    const d = diffStacks(stackGraph(DEV, before), stackGraph(DEV, after));
    expect(d.moves).toEqual([]);
    expect(d.ambiguousMoves).toEqual([]);
  });

  it('reports satellites that two renamed buckets make indistinguishable as ambiguous', () => {
    // Two copies of one bucket's versioning on each side, under paths no rename explains.
    const after = stackJson(DEV);
    const before = stackJson(DEV);
    const versions = (json: TerraformJson) => json.resource['aws_s3_bucket_versioning']!;
    const name = Object.keys(versions(before)).find((k) => k.startsWith('Assets_'))!;
    const copy = (json: TerraformJson, names: string[]) => {
      const original = versions(json)[name]!;
      delete versions(json)[name];
      names.forEach((n, i) => {
        versions(json)[n] = { ...original, '//': { metadata: { path: `${DEV}/${n}/${i}` } } };
      });
    };
    copy(before, ['OldOne', 'OldTwo']);
    copy(after, ['NewOne', 'NewTwo']);
    const d = diffStacks(stackGraph(DEV, before), stackGraph(DEV, after));
    expect(d.moves).toEqual([]);
    expect(d.ambiguousMoves).toEqual([
      {
        identity: expect.stringMatching(/^aws_s3_bucket_versioning of aws_s3_bucket bucket=/),
        from: ['aws_s3_bucket_versioning.OldOne', 'aws_s3_bucket_versioning.OldTwo'],
        to: ['aws_s3_bucket_versioning.NewOne', 'aws_s3_bucket_versioning.NewTwo'],
      },
    ]);
    const text = renderDiff({ before: 'a', after: 'b', stacks: [d], findings: new Map() }, 'text');
    expect(text).toContain('AMBIGUOUS (not matched)');
    expect(text).toContain('Ambiguous matches are never recorded');
  });

  it('leaves a key with no alias and no confirmed rename unmatched', () => {
    const before = stackJson(DEV);
    const after = stackJson(DEV);
    for (const json of [before, after]) delete json.resource['aws_kms_alias'];
    const keys = after.resource['aws_kms_key']!;
    const name = Object.keys(keys).find((k) => k.startsWith('StorageKey_'))!;
    keys['Renamed_Key'] = { ...keys[name]!, '//': { metadata: { path: `${DEV}/Renamed/Key` } } };
    delete keys[name];
    const d = diffStacks(stackGraph(DEV, before), stackGraph(DEV, after));
    expect(d.moves.filter((m) => m.from.startsWith('aws_kms_key.'))).toEqual([]);
  });
});

describe('npm run diff --write-moves', () => {
  const command = makeDiffCommand(() => {
    throw new Error('not in this test');
  });
  const folder = (root: string, name: string, json: TerraformJson) => {
    const dir = join(root, name, 'stacks', DEV);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json));
    return join(root, name);
  };

  it('records the moves once, and the diff then says they are recorded', () => {
    const root = scratch();
    const a = folder(root, 'a', stackJson(DEV));
    const b = folder(root, 'b', renamed([['Assets', 'Media']]));
    const first = runCommandSync(command, [a, b], { cwd: root });
    expect(first.code).toBe(1);
    expect(first.out).toContain('NOT RECORDED');
    expect(first.out).toContain('--write-moves');
    expect(first.out).toMatch(
      /DESTROY \(stateful\) +aws_s3_bucket\.Assets_\S+ +- +renamed, not in the moves file/,
    );
    const write = runCommandSync(command, [a, b, '--write-moves'], { cwd: root });
    expect(write.code).toBe(1);
    expect(write.out).not.toContain('NOT RECORDED');
    expect(write.out).not.toMatch(/DESTROY.*aws_s3_bucket\.Assets_/);
    const file = JSON.parse(readFileSync(join(root, 'moves', `${DEV}.json`), 'utf8')) as {
      moves: { from: string; to: string; recorded: string; reason: string }[];
    };
    expect(file.moves.length).toBeGreaterThan(5);
    expect(file.moves[0]!.recorded).toBe('2026-11-28');
    expect(write.out).toMatch(
      new RegExp(`Recorded ${file.moves.length} move\\(s\\) in moves/${DEV}.json`),
    );
    const again = runCommandSync(command, [a, b, '--write-moves'], { cwd: root });
    expect(again.out).toContain('already records every move');
    expect(again.out).not.toContain('NOT RECORDED');
    expect(again.out).toContain(`Every move is recorded in moves/${DEV}.json`);
  });

  it('takes --env only with --git', () => {
    const root = scratch();
    const a = folder(root, 'a', stackJson(DEV));
    const run = runCommandSync(command, [a, a, '--env', 'prod'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.err).toContain('--env chooses what --git synthesizes');
  });

  it('exits 2 on a malformed moves file, naming it', () => {
    const root = scratch();
    const a = folder(root, 'a', stackJson(DEV));
    mkdirSync(join(root, 'moves'));
    writeFileSync(join(root, 'moves', `${DEV}.json`), '[]');
    const run = runCommandSync(command, [a, a], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.err).toContain(`moves/${DEV}.json: must be an object with one key, "moves"`);
  });
});

describe('npm run diff --git <ref> --account NAME --write-moves', () => {
  const ACCOUNT = 'payment-account-main';
  /** The committed account's global stack, and the same with construct TrailLogs renamed. */
  const baseline = () => {
    const file = JSON.parse(
      readFileSync(join('config', 'accounts', 'main.json'), 'utf8'),
    ) as Record<string, unknown>;
    const before = synthesizeBaseline(accountConfig('main', file)).get(ACCOUNT)!;
    const text = JSON.stringify(before)
      .split(`${ACCOUNT}/TrailLogs/`)
      .join(`${ACCOUNT}/AuditTrailLogs/`)
      .split('.TrailLogs_')
      .join('.AuditTrailLogs_')
      .split('"TrailLogs_')
      .join('"AuditTrailLogs_');
    return { before, after: JSON.parse(text) as Record<string, unknown> };
  };
  const folder = (root: string, name: string, json: Record<string, unknown>) => {
    const dir = join(root, name, 'stacks', ACCOUNT);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json));
    return join(root, name);
  };

  it('synthesizes the account baseline on both sides and records its moves for synthesis to apply', () => {
    const root = scratch();
    const { before, after } = baseline();
    const asked: unknown[][] = [];
    const command = makeDiffCommand((ref, environments, account) => {
      asked.push([ref, environments, account]);
      return {
        before: folder(root, 'a', before),
        after: folder(root, 'b', after),
        cleanup: () => undefined,
      };
    });
    const run = runCommandSync(command, ['--git', 'main', '--account', 'main', '--write-moves'], {
      cwd: root,
    });
    expect(asked).toEqual([['main', [], 'main']]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(new RegExp(`Recorded \\d+ move\\(s\\) in moves/${ACCOUNT}.json`));
    expect(run.out).not.toMatch(/DESTROY.*aws_s3_bucket\.TrailLogs_Archive_/);
    const moves = readMovesFile(root, ACCOUNT)!;
    const archive = moves.find((m) => m.from.startsWith('aws_s3_bucket.TrailLogs_Archive_'));
    expect(archive?.to).toMatch(/^aws_s3_bucket\.AuditTrailLogs_Archive_Bucket_/);
    expect(
      moves.some((m) => m.from.startsWith('aws_s3_bucket_object_lock_configuration.TrailLogs_')),
    ).toBe(true);
    // What was recorded passes synthesis's checks against the renamed stack.
    const moved = withMovedBlocks(after, root, ACCOUNT);
    expect(moved['moved']).toHaveLength(moves.length);
  }, 120_000);

  it('takes --account only with --git, and never with --env, --all or --changed-environments', () => {
    const command = makeDiffCommand(() => {
      throw new Error('not in this test');
    });
    const root = scratch();
    const a = folder(root, 'a', { resource: {} });
    const folders = runCommandSync(command, [a, a, '--account', 'main'], { cwd: root });
    expect(folders.code).toBe(2);
    expect(folders.err).toContain('--account chooses what --git synthesizes');
    const both = runCommandSync(command, ['--git', 'main', '--account', 'main', '--env', 'dev'], {
      cwd: root,
    });
    expect(both.code).toBe(2);
    expect(both.err).toContain('--account synthesizes the account baseline alone');
    const all = runCommandSync(command, ['--git', 'main', '--account', 'main', '--all'], {
      cwd: root,
    });
    expect(all.code).toBe(2);
    expect(all.err).toContain('--account synthesizes the account baseline alone');
    const changed = runCommandSync(
      command,
      ['--git', 'main', '--account', 'main', '--changed-environments', 'c.json'],
      { cwd: root },
    );
    expect(changed.code).toBe(2);
    expect(changed.err).toContain('--changed-environments lists environments');
  });
});
