// The process surface the commands use: streams, terminal facts, environment, working directory.
// Commands take it as a parameter, so tests can run them against fake streams.

export interface CliIo {
  /** Writes to stdout. */
  readonly out: (text: string) => void;
  /** Writes to stderr. */
  readonly err: (text: string) => void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Terminal width for the progress bar (stderr), when known. */
  readonly columns: number | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Reads all of stdin as UTF-8. */
  readonly readStdin: () => Promise<string>;
}

/** `isTTY` is typed boolean but is undefined on a stream that is not a terminal. */
function isTerminal(stream: { isTTY?: boolean | undefined }): boolean {
  return stream.isTTY === true;
}

/** The real process. */
export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    stdoutIsTTY: isTerminal(process.stdout),
    stderrIsTTY: isTerminal(process.stderr),
    columns: process.stderr.columns,
    env: process.env,
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
