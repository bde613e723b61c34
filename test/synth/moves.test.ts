import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MoveEntry } from '../../src/synth/moves';
import {
  checkMoves,
  MovesFileError,
  parseMoves,
  readMovesFile,
  recordMoves,
  withMovedBlocks,
} from '../../src/synth/moves';
import type { SynthIo } from '../../src/synth/command';
import { runSynth } from '../../src/synth/command';
import { scratchFolders } from '../helpers/scratch';

const scratch = scratchFolders('payment-moves-');
const FILE = 'moves/payment-dev.json';

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('the shape of a moves file', () => {
  const fails = (parsed: unknown, message: RegExp) =>
    expect(() => parseMoves(FILE, parsed)).toThrow(message);

  it('accepts entries with from, to and the optional identity, reason and date', () => {
    const entry = {
      from: 'aws_s3_bucket.Old_Bucket_1',
      to: 'aws_s3_bucket.New_Bucket_2',
      identity: 'aws_s3_bucket bucket=x',
      reason: 'construct Old renamed New',
      recorded: '2026-12-06',
    };
    expect(parseMoves(FILE, { moves: [entry] })).toEqual([entry]);
  });

  it('refuses anything else, naming the file, the entry and the rule', () => {
    fails(
      [],
      /moves\/payment-dev.json: must be an object with one key, "moves".*Example: \{"moves"/,
    );
    fails({ moves: [], other: 1 }, /unknown key "other"/);
    fails({ moves: ['x'] }, /moves\[0\] is not an object/);
    fails(
      { moves: [{ from: 'aws_s3_bucket', to: 'aws_s3_bucket.B' }] },
      /moves\[0\]: "from" "aws_s3_bucket" is not a resource address \(type.name/,
    );
    fails(
      { moves: [{ from: 'aws_s3_bucket.A', to: 'aws_s3_bucket.B', why: 'x' }] },
      /moves\[0\]: unknown key "why"/,
    );
    fails(
      { moves: [{ from: 'aws_s3_bucket.A', to: 'aws_s3_bucket.B', recorded: 'yesterday' }] },
      /"recorded" "yesterday" must be a date YYYY-MM-DD/,
    );
    fails(
      { moves: [{ from: 'aws_s3_bucket.A', to: 'aws_s3_bucket.B', reason: 3 }] },
      /"reason" 3 must be a string/,
    );
  });

  it('says a file that is not JSON is not JSON', () => {
    const root = scratch();
    write(join(root, FILE), '{ "moves": [');
    expect(() => readMovesFile(root, 'payment-dev')).toThrow(
      /moves\/payment-dev.json: not valid JSON/,
    );
  });
});

describe('the rules between a moves file and the stack', () => {
  const declared = new Set(['aws_s3_bucket.New', 'aws_rds_cluster.New', 'aws_s3_bucket.Kept']);
  const check = (moves: MoveEntry[]) => () => checkMoves(FILE, moves, declared);

  it('accepts moves to declared resources, and chains', () => {
    expect(check([{ from: 'aws_s3_bucket.Old', to: 'aws_s3_bucket.New' }])).not.toThrow();
    expect(
      check([
        { from: 'aws_rds_cluster.First', to: 'aws_rds_cluster.Second' },
        { from: 'aws_rds_cluster.Second', to: 'aws_rds_cluster.New' },
      ]),
    ).not.toThrow();
  });

  it('refuses a "to" the stack does not declare', () => {
    expect(check([{ from: 'aws_s3_bucket.Old', to: 'aws_s3_bucket.Gone' }])).toThrow(
      /moves\[0\] \(from aws_s3_bucket.Old to aws_s3_bucket.Gone\): "to" aws_s3_bucket.Gone is not a resource of the stack/,
    );
  });

  it('refuses a "from" the stack still declares (Terraform would refuse the moved block)', () => {
    expect(check([{ from: 'aws_s3_bucket.Kept', to: 'aws_s3_bucket.New' }])).toThrow(
      /"from" aws_s3_bucket.Kept is still a resource of the stack; Terraform refuses/,
    );
  });

  it('refuses a change of type, an address moved twice and two resources moved onto one', () => {
    expect(check([{ from: 'aws_s3_bucket.Old', to: 'aws_rds_cluster.New' }])).toThrow(
      /"from" is a aws_s3_bucket and "to" a aws_rds_cluster; a move keeps the resource type/,
    );
    expect(
      check([
        { from: 'aws_s3_bucket.Old', to: 'aws_s3_bucket.New' },
        { from: 'aws_s3_bucket.Old', to: 'aws_s3_bucket.Kept' },
      ]),
    ).toThrow(/moves\[1\].*aws_s3_bucket.Old is already moved by moves\[0\]/);
    expect(
      check([
        { from: 'aws_s3_bucket.A', to: 'aws_s3_bucket.New' },
        { from: 'aws_s3_bucket.B', to: 'aws_s3_bucket.New' },
      ]),
    ).toThrow(/moves\[1\].*moves\[0\] already moves a resource to aws_s3_bucket.New/);
    expect(check([{ from: 'aws_s3_bucket.New', to: 'aws_s3_bucket.New' }])).toThrow(MovesFileError);
  });
});

describe('recording moves', () => {
  it('adds new entries, keeps recorded ones once, and refuses a contradiction', () => {
    const root = scratch();
    const move = { from: 'aws_s3_bucket.A', to: 'aws_s3_bucket.B', recorded: '2026-12-06' };
    expect(recordMoves(root, 'payment-dev', [move])).toEqual([move]);
    expect(recordMoves(root, 'payment-dev', [move])).toEqual([]);
    expect(readMovesFile(root, 'payment-dev')).toEqual([move]);
    expect(() =>
      recordMoves(root, 'payment-dev', [{ from: 'aws_s3_bucket.A', to: 'aws_s3_bucket.C' }]),
    ).toThrow(/already moves aws_s3_bucket.A to aws_s3_bucket.B; refusing to add/);
    expect(readMovesFile(root, 'payment-dev')).toEqual([move]);
  });

  it('a stack without a moves file gets its document back untouched', () => {
    const doc = { resource: { aws_s3_bucket: { B: {} } } };
    expect(withMovedBlocks(doc, scratch(), 'payment-dev')).toBe(doc);
  });
});

describe('synthesis with a moves file', () => {
  const project = () => {
    const root = scratch();
    for (const env of ['dev', 'staging'])
      write(
        join(root, 'config', `${env}.json`),
        readFileSync(join('config', `${env}.json`), 'utf8'),
      );
    return root;
  };
  const run = (root: string, names: string[]) => {
    const out = { stdout: '', stderr: '' };
    const io: SynthIo = {
      cwd: root,
      env: {},
      stdout: (t) => void (out.stdout += t),
      stderr: (t) => void (out.stderr += t),
    };
    return { ...runSynth({ names, all: false }, io), ...out };
  };
  const stack = (root: string, name: string) =>
    readFileSync(join(root, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8');

  it('writes the moved blocks into the stack it names, and leaves the other byte for byte', () => {
    const plain = project();
    expect(run(plain, ['dev', 'staging']).code).toBe(0);
    const assets = Object.keys(
      (JSON.parse(stack(plain, 'payment-dev')) as { resource: Record<string, object> }).resource[
        'aws_s3_bucket'
      ]!,
    ).find((k) => k.startsWith('Assets_'))!;

    const moved = project();
    write(
      join(moved, FILE),
      JSON.stringify({
        moves: [{ from: 'aws_s3_bucket.Files_Bucket_0', to: `aws_s3_bucket.${assets}` }],
      }),
    );
    expect(run(moved, ['dev', 'staging']).code).toBe(0);
    expect(stack(moved, 'payment-staging')).toBe(stack(plain, 'payment-staging'));
    const dev = JSON.parse(stack(moved, 'payment-dev')) as Record<string, unknown>;
    expect(dev['moved']).toEqual([
      { from: 'aws_s3_bucket.Files_Bucket_0', to: `aws_s3_bucket.${assets}` },
    ]);
    const { moved: _moved, ...rest } = dev;
    void _moved;
    expect(rest).toEqual(JSON.parse(stack(plain, 'payment-dev')));
  }, 120_000);

  it('refuses a bad entry with exit 2 before anything is written', () => {
    const root = project();
    write(
      join(root, FILE),
      JSON.stringify({ moves: [{ from: 'aws_s3_bucket.Old', to: 'aws_s3_bucket.Nowhere' }] }),
    );
    const result = run(root, ['dev']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Synthesis failed: moves\/payment-dev.json: moves\[0\] \(from aws_s3_bucket.Old to aws_s3_bucket.Nowhere\): "to" aws_s3_bucket.Nowhere is not a resource of the stack[^\n]*\nNothing was written./,
    );
    expect(existsSync(join(root, 'cdktf.out', 'stacks', 'payment-dev'))).toBe(false);
  }, 120_000);
});
