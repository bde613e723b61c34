/**
 * The one argument parser of every command. A command declares its options once (type, value
 * name, help line, example, allowed values); the parser, the `--help` text and every message
 * about a wrong argument come from that declaration, so the commands cannot disagree about
 * `--flag=value`, a missing value, an unknown flag or a repeated one.
 */
import { parseArgs } from 'node:util';
import { UsageProblem } from '../errors/problems';
import { closest } from '../errors/suggest';

interface OptionBase {
  /** One line for `--help`. */
  readonly help: string;
  /** A one-letter alias (`-h`). */
  readonly short?: string;
}

export interface BooleanOption extends OptionBase {
  readonly type: 'boolean';
}

export interface StringOption extends OptionBase {
  readonly type: 'string';
  /** The value's name in `--help` (`<folder>`). */
  readonly value: string;
  /** A valid value, shown when the given one is wrong. */
  readonly example: string;
  /** The only values accepted. */
  readonly choices?: readonly string[];
  /** May be given more than once; the values are collected in order. */
  readonly multiple?: boolean;
  /** A pattern the value must match, and the rule in words. */
  readonly pattern?: { readonly regex: RegExp; readonly rule: string };
}

export interface NumberOption extends OptionBase {
  readonly type: 'number';
  readonly value: string;
  readonly example: string;
  /** The value must be above this (exclusive). */
  readonly above?: number;
  readonly integer?: boolean;
}

export type OptionSpec = BooleanOption | StringOption | NumberOption;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What parsing gives for each declared option. */
export type OptionValues<S extends OptionSpecs> = {
  readonly [K in keyof S]: S[K] extends BooleanOption
    ? boolean
    : S[K] extends NumberOption
      ? number | undefined
      : S[K] extends { readonly multiple: true }
        ? readonly string[]
        : S[K] extends { readonly choices: readonly (infer C)[] }
          ? C | undefined
          : string | undefined;
};

export interface PositionalSpec {
  /** Its name in `--help` (`<file>`). */
  readonly name: string;
  readonly help: string;
  /** How many may be given (default 1). */
  readonly max?: number;
}

export interface Parsed<S extends OptionSpecs> {
  readonly options: OptionValues<S>;
  readonly positionals: readonly string[];
}

/**
 * Parses `argv` against `specs`. Throws `UsageProblem` naming the argument as typed, the rule
 * and an example; `--help` is not handled here (the contract looks for it first).
 */
export function parseCommandLine<S extends OptionSpecs>(
  specs: S,
  argv: readonly string[],
  positional?: PositionalSpec,
): Parsed<S> {
  // Non-strict with tokens, so each mistake gets this parser's message (naming the argument
  // as typed) instead of Node's generic text.
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(specs).map(([name, spec]) => [
        name,
        {
          type: spec.type === 'boolean' ? ('boolean' as const) : ('string' as const),
          ...(spec.short ? { short: spec.short } : {}),
        },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, unknown> = {};
  const seen = new Set<string>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      if (!positional || positionals.length >= (positional.max ?? 1))
        throw new UsageProblem(unexpected(argv[token.index]!, specs));
      positionals.push(token.value);
      continue;
    }
    const { name, rawName, value } = token;
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) throw new UsageProblem(unexpected(argv[token.index]!, specs));
    if (spec.type === 'boolean') {
      if (value !== undefined) throw new UsageProblem(`${rawName} takes no value`);
      values[name] = true;
      continue;
    }
    if (seen.has(name) && !(spec.type === 'string' && spec.multiple))
      throw new UsageProblem(`${rawName} is given twice; give it once`);
    seen.add(name);
    if (
      value === undefined ||
      value === '' ||
      (value.startsWith('-') && token.inlineValue !== true)
    )
      throw new UsageProblem(`${rawName} needs a value. Example: --${name} ${spec.example}`);
    if (spec.type === 'number') {
      values[name] = numberValue(name, value, spec);
      continue;
    }
    checkString(name, value, spec);
    if (spec.multiple) values[name] = [...((values[name] as string[] | undefined) ?? []), value];
    else values[name] = value;
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (values[name] !== undefined) continue;
    if (spec.type === 'boolean') values[name] = false;
    else if (spec.type === 'string' && spec.multiple) values[name] = [];
  }
  return { options: values as OptionValues<S>, positionals };
}

function unexpected(arg: string, specs: OptionSpecs): string {
  if (!arg.startsWith('-')) return `unexpected argument "${arg}"`;
  const typed = arg.replace(/^-+/, '').split('=')[0]!;
  const suggestion = closest(typed, Object.keys(specs));
  return `unknown option "${arg}"${suggestion ? ` (did you mean --${suggestion}?)` : ''}`;
}

function numberValue(name: string, value: string, spec: NumberOption): number {
  const n = Number(value);
  const shape = spec.integer ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
  const above = spec.above;
  if (!shape.test(value) || (above !== undefined && n <= above))
    throw new UsageProblem(
      `--${name} "${value}" is not ${spec.integer ? 'a whole number' : 'a number'}${above !== undefined ? ` above ${above}` : ''}. Example: --${name} ${spec.example}`,
    );
  return n;
}

function checkString(name: string, value: string, spec: StringOption): void {
  if (spec.choices && !spec.choices.includes(value))
    throw new UsageProblem(
      `--${name} "${value}" is not one of ${spec.choices.join(', ')}. Example: --${name} ${spec.example}`,
    );
  if (spec.pattern && !spec.pattern.regex.test(value))
    throw new UsageProblem(
      `--${name} "${value}" ${spec.pattern.rule}. Example: --${name} ${spec.example}`,
    );
}

/** The options part of a `--help` text, one aligned line per option. */
export function describeOptions(specs: OptionSpecs): string[] {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const flag = `--${name}${spec.type === 'boolean' ? '' : ` <${spec.value}>`}${spec.short ? `, -${spec.short}` : ''}`;
    const extra =
      spec.type === 'string' && spec.choices && !spec.help.includes(spec.choices[0]!)
        ? ` (${spec.choices.join(', ')})`
        : spec.type === 'string' && spec.multiple
          ? ' (repeatable)'
          : '';
    return [flag, `${spec.help}${extra}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return rows.map(([flag, help]) => `  ${flag.padEnd(width)}${help}`);
}
