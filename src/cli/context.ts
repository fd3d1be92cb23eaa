// What every command gets: the process surface, colour decisions, and the exit code it sets.
import { createPaint, colorEnabled, type Paint } from './output/color.js';
import { createProgress, type Progress } from './output/progress.js';
import { EXIT_OK, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

export interface CliContext {
  readonly io: CliIo;
  /** Colours for stdout text. */
  readonly out: Paint;
  /** Colours for stderr text. */
  readonly err: Paint;
  exitCode: ExitCode;
  /** Set by a command once it knows it writes JSON: errors are then JSON documents on stdout too. */
  json: boolean;
  /** A progress bar on stderr: only on a terminal, never with --json. */
  progress(label: string): Progress;
}

export function createContext(io: CliIo): CliContext {
  const ctx: CliContext = {
    io,
    out: createPaint(colorEnabled(io.stdoutIsTTY, io.env)),
    err: createPaint(colorEnabled(io.stderrIsTTY, io.env)),
    exitCode: EXIT_OK,
    json: false,
    progress: (label) => createProgress({ write: io.err, isTTY: io.stderrIsTTY, columns: io.columns }, label, !ctx.json),
  };
  return ctx;
}
