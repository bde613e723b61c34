import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
import { synthesizeStateStack } from '../../src/deploy/bootstrap';
import { STATE_STACK_NAME } from '../../src/stacks/state-bucket-stack';

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

/**
 * The account baseline's stacks (`npm run synth -- --account`, plan/deploy --account) and the
 * state-bucket stack (`npm run bootstrap`) read their moves files through the same
 * `applyMovesFiles` as the environments: a rename there would destroy the trail's
 * object-locked bucket or the state key.
 */
describe('moves files of the account baseline and the state-bucket stack', () => {
  const ACCOUNT = 'payment-account-main';
  const accountProject = () => {
    const root = scratch();
    write(
      join(root, 'config', 'accounts', 'main.json'),
      readFileSync(join('config', 'accounts', 'main.json'), 'utf8'),
    );
    // The conformance packs the baseline reads ship in vendor/.
    symlinkSync(resolve('vendor'), join(root, 'vendor'), 'dir');
    return root;
  };
  const synthAccount = (root: string) => {
    const out = { stdout: '', stderr: '' };
    const io: SynthIo = {
      cwd: root,
      env: {},
      stdout: (t) => void (out.stdout += t),
      stderr: (t) => void (out.stderr += t),
    };
    return { ...runSynth({ names: [], all: false, account: 'main' }, io), ...out };
  };
  const stack = (root: string, name: string) =>
    readFileSync(join(root, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8');
  const namesOf = (text: string, type: string) =>
    Object.keys(
      (JSON.parse(text) as { resource: Record<string, Record<string, unknown>> }).resource[type]!,
    );

  it('an account stack with a moves file gets its moved blocks; the other stays byte for byte', () => {
    const plain = accountProject();
    expect(synthAccount(plain).code).toBe(0);
    const trail = namesOf(stack(plain, ACCOUNT), 'aws_s3_bucket').find((n) =>
      n.startsWith('TrailLogs_Archive_'),
    )!;
    const key = namesOf(stack(plain, ACCOUNT), 'aws_kms_key').find((n) =>
      n.startsWith('TrailKey_'),
    )!;
    const moves = [
      { from: 'aws_s3_bucket.AuditLogs_Archive_Bucket_0', to: `aws_s3_bucket.${trail}` },
      { from: 'aws_kms_key.AuditKey_0', to: `aws_kms_key.${key}` },
    ];
    const moved = accountProject();
    write(join(moved, 'moves', `${ACCOUNT}.json`), JSON.stringify({ moves }));
    expect(synthAccount(moved).code).toBe(0);
    expect(stack(moved, `${ACCOUNT}-use1`)).toBe(stack(plain, `${ACCOUNT}-use1`));
    const doc = JSON.parse(stack(moved, ACCOUNT)) as Record<string, unknown>;
    expect(doc['moved']).toEqual(moves);
    const { moved: _moved, ...rest } = doc;
    void _moved;
    expect(rest).toEqual(JSON.parse(stack(plain, ACCOUNT)));
  }, 120_000);

  it('refuses an account entry whose "from" is still declared: exit 2, nothing written', () => {
    const root = accountProject();
    const regional = `${ACCOUNT}-use1`;
    write(
      join(root, 'moves', `${regional}.json`),
      JSON.stringify({
        moves: [{ from: 'aws_s3_bucket.ConfigBucket_A782C809', to: 'aws_s3_bucket.Other_1' }],
      }),
    );
    const result = synthAccount(root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `moves/${regional}.json: moves[0] (from aws_s3_bucket.ConfigBucket_A782C809 to aws_s3_bucket.Other_1): "from" aws_s3_bucket.ConfigBucket_A782C809 is still a resource of the stack`,
    );
    expect(existsSync(join(root, 'cdktf.out', 'stacks'))).toBe(false);
  }, 120_000);

  const stateIo = (root: string) => ({
    projectRoot: root,
    env: {},
    stdout: () => undefined,
    stderr: () => undefined,
  });
  const ADMINS = ['arn:aws:iam::123456789012:role/KeyAdmins'];
  /** The state stack is written before its gate runs; the gate's verdict does not matter here. */
  const synthState = (root: string) => {
    try {
      synthesizeStateStack('eu-west-1', ADMINS, stateIo(root), ['123456789012']);
    } catch (error) {
      if (error instanceof MovesFileError) throw error;
    }
    return stack(root, STATE_STACK_NAME);
  };

  it('the state-bucket stack gets the moved blocks of moves/payment-tfstate.json', () => {
    const plain = synthState(scratch());
    const bucket = namesOf(plain, 'aws_s3_bucket').find((n) => n.startsWith('State_'))!;
    const root = scratch();
    const moves = [{ from: 'aws_s3_bucket.Tfstate_Bucket_0', to: `aws_s3_bucket.${bucket}` }];
    write(join(root, 'moves', `${STATE_STACK_NAME}.json`), JSON.stringify({ moves }));
    const doc = JSON.parse(synthState(root)) as Record<string, unknown>;
    expect(doc['moved']).toEqual(moves);
    const { moved: _moved, ...rest } = doc;
    void _moved;
    expect(rest).toEqual(JSON.parse(plain));
  }, 120_000);

  it('refuses a state-stack entry whose "from" is still declared, writing nothing', () => {
    const key = namesOf(synthState(scratch()), 'aws_kms_key').find((n) =>
      n.startsWith('StateKey'),
    )!;
    const root = scratch();
    write(
      join(root, 'moves', `${STATE_STACK_NAME}.json`),
      JSON.stringify({ moves: [{ from: `aws_kms_key.${key}`, to: 'aws_kms_key.Other_1' }] }),
    );
    expect(() => synthState(root)).toThrow(
      new RegExp(
        `moves/payment-tfstate.json: moves\\[0\\] \\(from aws_kms_key.${key} to aws_kms_key.Other_1\\): "from" aws_kms_key.${key} is still a resource of the stack`,
      ),
    );
    expect(existsSync(join(root, 'cdktf.out', 'stacks'))).toBe(false);
  }, 120_000);
});
