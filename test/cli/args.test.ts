import { describe, expect, it } from 'vitest';
import type { OptionSpecs } from '../../src/cli/args';
import { describeOptions, parseCommandLine } from '../../src/cli/args';
import { UsageProblem } from '../../src/errors/problems';

const SPECS = {
  dir: { type: 'string', value: 'folder', example: 'cdktf.out', help: 'the folder' },
  stack: { type: 'string', value: 'name', example: 'payment-dev', multiple: true, help: 'a stack' },
  format: {
    type: 'string',
    value: 'format',
    example: 'json',
    choices: ['table', 'json'],
    help: 'the format',
  },
  peak: { type: 'number', value: 'rps', example: '500', above: 0, help: 'the peak' },
  env: {
    type: 'string',
    value: 'name',
    example: 'dev',
    pattern: { regex: /^[a-z]+$/, rule: 'is not a name' },
    help: 'an environment',
  },
  yes: { type: 'boolean', short: 'y', help: 'go ahead' },
} as const satisfies OptionSpecs;

const parse = (...argv: string[]) => parseCommandLine(SPECS, argv).options;
const problem = (...argv: string[]) => {
  try {
    parseCommandLine(SPECS, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageProblem);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
};

describe('the one argument parser', () => {
  it('reads --flag value and --flag=value alike, with typed defaults', () => {
    expect(parse('--dir', 'out', '--format=json', '--peak', '2.5', '-y')).toEqual({
      dir: 'out',
      format: 'json',
      peak: 2.5,
      yes: true,
      stack: [],
    });
    expect(parse()).toEqual({ yes: false, stack: [] });
    expect(parse('--stack', 'a', '--stack=b').stack).toEqual(['a', 'b']);
  });

  it('names the argument as typed, the rule and an example', () => {
    expect(problem('--dri', 'x')).toBe('unknown option "--dri" (did you mean --dir?)');
    expect(problem('--nothing-like-it')).toBe('unknown option "--nothing-like-it"');
    expect(problem('stray')).toBe('unexpected argument "stray"');
    expect(problem('--dir')).toBe('--dir needs a value. Example: --dir cdktf.out');
    expect(problem('--dir', '--yes')).toBe('--dir needs a value. Example: --dir cdktf.out');
    expect(problem('--dir=')).toBe('--dir needs a value. Example: --dir cdktf.out');
    expect(problem('--dir', 'a', '--dir', 'b')).toBe('--dir is given twice; give it once');
    expect(problem('--yes=no')).toBe('--yes takes no value');
    expect(problem('--format', 'xml')).toBe(
      '--format "xml" is not one of table, json. Example: --format json',
    );
    expect(problem('--peak', '0')).toBe('--peak "0" is not a number above 0. Example: --peak 500');
    expect(problem('--peak', 'lots')).toBe(
      '--peak "lots" is not a number above 0. Example: --peak 500',
    );
    expect(problem('--env', 'Prod!')).toBe('--env "Prod!" is not a name. Example: --env dev');
  });

  it('takes positionals only where the command declares them, up to its limit', () => {
    const positional = { name: '<file>', help: 'a file', max: 2 };
    expect(parseCommandLine(SPECS, ['a', '--yes', 'b'], positional).positionals).toEqual([
      'a',
      'b',
    ]);
    expect(() => parseCommandLine(SPECS, ['a', 'b', 'c'], positional)).toThrow(
      'unexpected argument "c"',
    );
    expect(parseCommandLine(SPECS, ['--', '-odd-name'], positional).positionals).toEqual([
      '-odd-name',
    ]);
  });

  it('describes every option for --help, aligned', () => {
    const lines = describeOptions(SPECS);
    expect(lines).toHaveLength(Object.keys(SPECS).length);
    expect(lines[0]).toMatch(/^ {2}--dir <folder> +the folder$/);
    expect(lines[1]).toMatch(/--stack <name> +a stack \(repeatable\)$/);
    expect(lines[2]).toMatch(/--format <format> +the format \(table, json\)$/);
    expect(lines[5]).toMatch(/--yes, -y +go ahead$/);
    const helpColumns = Object.values(SPECS).map((spec, i) => lines[i]!.indexOf(spec.help));
    expect(new Set(helpColumns).size).toBe(1);
  });
});
