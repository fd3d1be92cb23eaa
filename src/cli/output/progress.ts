// A progress bar on stderr, only when stderr is a terminal and output is not --json.

export interface ProgressStream {
  readonly write: (text: string) => unknown;
  readonly isTTY: boolean;
  readonly columns?: number | undefined;
}

export interface Progress {
  readonly update: (done: number, total: number) => void;
  /** Clears the bar (the line is left empty for what follows). */
  readonly finish: () => void;
}

const NONE: Progress = { update: () => undefined, finish: () => undefined };
const MIN_INTERVAL_MS = 80;

/**
 * A one-line bar, redrawn in place at most every 80 ms: `label [#######·······]  45%  450/1000`.
 * Returns a no-op when `enabled` is false or the stream is not a terminal.
 */
export function createProgress(stream: ProgressStream, label: string, enabled: boolean, clock: () => number = Date.now): Progress {
  if (!enabled || !stream.isTTY) return NONE;
  let last = -Infinity;
  let drawn = false;
  return {
    update: (done, total) => {
      const t = clock();
      if (done < total && t - last < MIN_INTERVAL_MS) return;
      last = t;
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(ratio * width);
      const bar = `${'#'.repeat(filled)}${'·'.repeat(width - filled)}`;
      stream.write(`\r\u001b[2K${label} [${bar}] ${String(Math.floor(ratio * 100)).padStart(3)}%  ${done}/${total}`);
      drawn = true;
    },
    finish: () => {
      if (drawn) stream.write('\r\u001b[2K');
      drawn = false;
    },
  };
}
