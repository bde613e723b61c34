/**
 * The one command-line contract: every entry point in src/cli/ declares a `Command` and hands
 * it to `main`. The contract gives each the same `--help`, `--verbose` and `--debug`, the same
 * argument parser, the same I/O and the one exit-code policy:
 *
 *   0  success, nothing found
 *   1  something found: gate findings, diff changes, drift, a failed verification, a refused
 *      or failed operation (`OperationFailed`)
 *   2  the input or the usage is wrong: bad arguments, invalid configuration, unreadable files
 *      (`InputProblem`, `UsageProblem`)
 *   3  internal error: a defect of this project; `--debug` prints the stack
 */
import { InputProblem, OperationFailed, UsageProblem } from '../errors/problems';
import type { OptionSpecs, OptionValues, PositionalSpec } from './args';
import { describeOptions, parseCommandLine } from './args';

export const EXIT = { ok: 0, found: 1, input: 2, internal: 3 } as const;

/** What a command may use of the world: all of it comes through here, so tests can fake it. */
export interface CommandIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Standard output shows colour (a TTY, and NO_COLOR, FORCE_COLOR, TERM=dumb honoured). */
  readonly colour: boolean;
  /** Standard error is a terminal: progress may redraw a line there. */
  readonly interactive: boolean;
  /** Today as YYYY-MM-DD. */
  readonly today: string;
  /** `--verbose`: details beyond the verdict and the counts. */
  readonly verbose: boolean;
}

export interface Command<S extends OptionSpecs = OptionSpecs> {
  /** As the user types it: `npm run <name>`. */
  readonly name: string;
  /** What it does, in a sentence or two, shown under the usage line. */
  readonly summary: string;
  readonly options: S;
  readonly positional?: PositionalSpec;
  /** Example invocations for `--help`. */
  readonly examples?: readonly string[];
  /**
   * Runs the command; returns its exit code (0 or 1; input problems are thrown). Declared as
   * a method so that any command can be handed to `execute` and listed with the others.
   */
  run(
    args: { readonly options: OptionValues<S>; readonly positionals: readonly string[] },
    io: CommandIo,
  ): number | Promise<number>;
}

/** Declares a command (an identity function that keeps the option types). */
export function defineCommand<const S extends OptionSpecs>(command: Command<S>): Command<S> {
  return command;
}

/** Options every command has; a command may not declare them itself. */
const COMMON = {
  verbose: { type: 'boolean', short: 'v', help: 'details beyond the verdict and the counts' },
  debug: { type: 'boolean', help: 'on an internal error, print its stack trace' },
  help: { type: 'boolean', short: 'h', help: 'this text' },
} as const satisfies OptionSpecs;

export function usage(command: Command): string {
  const positional = command.positional
    ? ` [${command.positional.name}${(command.positional.max ?? 1) > 1 ? '...' : ''}]`
    : '';
  const options = { ...command.options, ...COMMON };
  return [
    `Usage: npm run ${command.name} -- [options]${positional}`,
    '',
    command.summary,
    '',
    'Options:',
    ...describeOptions(options),
    ...(command.positional ? [`  ${command.positional.name}  ${command.positional.help}`] : []),
    ...(command.examples?.length
      ? ['', 'Examples:', ...command.examples.map((e) => `  ${e}`)]
      : []),
    '',
    'Exit status: 0 nothing found, 1 something found or refused, 2 wrong usage or input, 3 internal error.',
  ].join('\n');
}

/**
 * Runs `command` with `argv` (without the program name) and returns the exit code; never
 * throws. Every command, and every test of one, goes through here. A command whose `run` is
 * synchronous gets its code synchronously.
 */
export function dispatch(
  command: Command,
  argv: readonly string[],
  io: Omit<CommandIo, 'verbose'>,
): number | Promise<number> {
  const debug = argv.includes('--debug');
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${usage(command)}\n`);
    return EXIT.ok;
  }
  try {
    const parsed = parseCommandLine({ ...command.options, ...COMMON }, argv, command.positional);
    const { verbose, debug: _debug, help: _help, ...options } = parsed.options;
    const result = command.run(
      { options: options as OptionValues<typeof command.options>, positionals: parsed.positionals },
      { ...io, verbose },
    );
    return result instanceof Promise
      ? result.catch((error: unknown) => report(command, error, io, debug))
      : result;
  } catch (error) {
    return report(command, error, io, debug);
  }
}

/** `dispatch`, always as a promise. */
export async function execute(
  command: Command,
  argv: readonly string[],
  io: Omit<CommandIo, 'verbose'>,
): Promise<number> {
  return dispatch(command, argv, io);
}

function report(
  command: Command,
  error: unknown,
  io: Pick<CommandIo, 'stderr'>,
  debug: boolean,
): number {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageProblem) {
    io.stderr(
      `${command.name}: ${message}\nRun npm run ${command.name} -- --help for the options.\n`,
    );
    return EXIT.input;
  }
  if (error instanceof InputProblem) {
    io.stderr(`${prefixed(command, message)}\n`);
    return EXIT.input;
  }
  if (error instanceof OperationFailed) {
    io.stderr(`${prefixed(command, message)}\n`);
    return EXIT.found;
  }
  const where = error instanceof Error ? firstProjectFrame(error) : undefined;
  io.stderr(
    `${command.name}: internal error: ${message}${where ? ` (at ${where})` : ''}\n` +
      (debug && error instanceof Error && error.stack
        ? `${error.stack}\n`
        : `This is a defect of the project, not of your input. Rerun with --debug for the stack trace.\n`),
  );
  return EXIT.internal;
}

/** A message that starts with its own subject (a file, a field) is printed as it is. */
function prefixed(command: Command, message: string): string {
  return message.includes('\n') ? message : `${command.name}: ${message}`;
}

/** The first stack frame in this project's sources (bundles keep the src/ path in comments). */
function firstProjectFrame(error: Error): string | undefined {
  const frame = (error.stack ?? '')
    .split('\n')
    .slice(1)
    .find((line) => !line.includes('node:') && !line.includes('node_modules'));
  return frame?.trim().replace(/^at\s+/, '');
}

/** Whether a stream shows colour: only a TTY has `hasColors`, which honours NO_COLOR. */
export function wantsColour(
  stream: NodeJS.WritableStream & { readonly hasColors?: () => boolean },
): boolean {
  return stream.hasColors?.() ?? false;
}

/** The process's I/O, as every entry point uses it. */
export function processIo(): Omit<CommandIo, 'verbose'> {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    colour: wantsColour(process.stdout),
    interactive: process.stderr.isTTY === true,
    today: new Date().toISOString().slice(0, 10),
  };
}

/** The entry point's last line: runs the command on the process's arguments and I/O. */
export function main(command: Command, argv: readonly string[] = process.argv.slice(2)): void {
  void execute(command, argv, processIo()).then((code) => {
    process.exitCode = code;
  });
}
