import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { bucketNameProblem } from '../../src/aws-facts/s3-bucket-names';
import { loadConfig } from '../../src/config/load';
import { ConfigError } from '../../src/config/errors';
import { jsonShapeProblems } from '../../src/config/strict-json';
import { MAX_CONFIG_FILE_BYTES } from '../../src/files/read-regular';
import { problemsWith } from '../helpers/config';

const dir = mkdtempSync(join(tmpdir(), 'payment-strict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The problems loading a real file (through the default reader) reports. */
function fileProblems(path: string): string[] {
  try {
    loadConfig({ CONFIG_FILE: path });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.field}: ${p.rule}`);
    throw error;
  }
  throw new Error('expected a problem');
}

describe('duplicate keys and nesting (issue 20, §5)', () => {
  it('a key given twice is refused, at any depth, naming its path', () => {
    expect(jsonShapeProblems('{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}')).toEqual([
      { path: 'b.c', rule: 'is given twice in one object; JSON would keep only the last' },
      { path: 'a', rule: 'is given twice in one object; JSON would keep only the last' },
    ]);
    expect(
      jsonShapeProblems('{"a": [{"x": 1}, {"x": 2}], "s": "x\\"y", "k\\u0061": 1, "ka": 2}'),
    ).toEqual([
      { path: 'ka', rule: 'is given twice in one object; JSON would keep only the last' },
    ]);
    const [problem] = problemsWith({}, '{ "azCount": 2, "azCount": 3 }');
    expect(problem).toMatchObject({ field: 'azCount', example: '3' });
    expect(problem?.rule).toContain('is given twice');
  });

  it('nesting deeper than the limit is refused', () => {
    const deep = `{"tags": ${'['.repeat(40)}${']'.repeat(40)}}`;
    const [problem] = problemsWith({}, deep);
    expect(problem?.rule).toContain('nests deeper than 32 levels');
  });
});

describe('files that are not configuration files', () => {
  it('a directory, a FIFO, a device and an oversized file are refused, without reading them', () => {
    mkdirSync(join(dir, 'folder.json'));
    spawnSync('mkfifo', [join(dir, 'fifo.json')]);
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    writeFileSync(join(dir, 'big.json'), ' '.repeat(MAX_CONFIG_FILE_BYTES + 1));
    expect(fileProblems(join(dir, 'folder.json'))).toEqual([
      'CONFIG_FILE: is a directory, not a file',
    ]);
    expect(fileProblems(join(dir, 'fifo.json'))).toEqual([
      'CONFIG_FILE: is a named pipe (FIFO), not a regular file',
    ]);
    expect(fileProblems(join(dir, 'zero.json'))).toEqual([
      'CONFIG_FILE: is a device, not a regular file',
    ]);
    expect(fileProblems(join(dir, 'big.json'))).toEqual([
      `CONFIG_FILE: is ${MAX_CONFIG_FILE_BYTES + 1} bytes, more than the ${MAX_CONFIG_FILE_BYTES} allowed`,
    ]);
  });
});

describe('CIDRs in canonical form only', () => {
  it.each(['0xa.0.0.0/16', '10.0/16', '012.0.0.0/16', '10.0.0.0/016', ' 10.0.0.0/16'])(
    '%s is refused with the rule and an example',
    (cidr) => {
      const [problem] = problemsWith({}, { vpcCidr: cidr });
      expect(problem).toMatchObject({ field: 'vpcCidr', value: cidr, example: '"10.0.0.0/16"' });
      expect(problem?.rule).toContain('canonical form');
    },
  );
});

describe('S3 bucket names AWS forbids', () => {
  it.each([
    ['ab', 'is not 3-63 characters long'],
    ['Acme-State', 'has a character S3 does not allow'],
    ['acme..state', 'has two adjacent dots'],
    ['192.168.5.4', 'is formatted as an IP address'],
    ['xn--acme', 'starts with "xn--"'],
    ['sthree-acme', 'starts with "sthree-"'],
    ['amzn-s3-demo-acme', 'starts with "amzn-s3-demo-"'],
    ['acme-s3alias', 'ends with "-s3alias"'],
    ['acme--ol-s3', 'ends with "--ol-s3"'],
    ['acme.mrap', 'ends with ".mrap"'],
    ['acme--x-s3', 'ends with "--x-s3"'],
    ['acme--table-s3', 'ends with "--table-s3"'],
    ['-acme', 'does not begin and end'],
  ])('%s: %s', (name, rule) => {
    expect(bucketNameProblem(name)).toContain(rule);
    const [problem] = problemsWith({ TERRAFORM_STATE_BUCKET: name });
    expect(problem?.field).toBe('TERRAFORM_STATE_BUCKET');
    expect(problem?.rule).toContain(rule);
    const [inFile] = problemsWith({}, { backend: { bucket: name } });
    expect(inFile?.field).toBe('backend.bucket');
  });

  it('accepts a valid name', () => {
    expect(bucketNameProblem('payment-state-shared-123456789012-use1')).toBeUndefined();
  });
});
