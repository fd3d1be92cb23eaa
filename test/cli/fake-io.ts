// A CliIo over strings, for running CLI pieces in-process: what was written, and a scripted stdin.
import type { CliIo } from '../../src/cli/io.js';

export interface FakeIo extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
}

export function fakeIo(options: Partial<Pick<CliIo, 'stdoutIsTTY' | 'stderrIsTTY' | 'columns' | 'env' | 'cwd'>> & { stdin?: string } = {}): FakeIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => {
      stdout.push(text);
    },
    err: (text) => {
      stderr.push(text);
    },
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    columns: options.columns,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    readStdin: () => Promise.resolve(options.stdin ?? ''),
  };
}
