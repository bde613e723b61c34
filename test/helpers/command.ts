/** Runs a command of src/cli/commands through the one contract, with recorded I/O. */
import type { Command, CommandIo } from '../../src/cli/contract';
import { dispatch, execute } from '../../src/cli/contract';

export interface CommandRun {
  code: number;
  out: string;
  err: string;
}

function recordingIo(
  io: Partial<Omit<CommandIo, 'verbose'>>,
  run: CommandRun,
): Omit<CommandIo, 'verbose'> {
  return {
    cwd: process.cwd(),
    env: {},
    colour: false,
    interactive: false,
    today: '2026-11-28',
    ...io,
    stdout: (t) => void (run.out += t),
    stderr: (t) => void (run.err += t),
  };
}

/** A command whose `run` is synchronous: its exit code and output, at once. */
export function runCommandSync(
  command: Command,
  argv: readonly string[],
  io: Partial<Omit<CommandIo, 'verbose'>> = {},
): CommandRun {
  const run: CommandRun = { code: 0, out: '', err: '' };
  const code = dispatch(command, argv, recordingIo(io, run));
  if (typeof code !== 'number') throw new Error(`${command.name} is asynchronous: use runCommand`);
  run.code = code;
  return run;
}

/** Any command: its exit code and output. */
export async function runCommand(
  command: Command,
  argv: readonly string[],
  io: Partial<Omit<CommandIo, 'verbose'>> = {},
): Promise<CommandRun> {
  const run: CommandRun = { code: 0, out: '', err: '' };
  run.code = await execute(command, argv, recordingIo(io, run));
  return run;
}
