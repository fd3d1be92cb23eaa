// Options shared by `conformance` and `check`.
import { Option, type Command } from 'commander';
import type { ConformanceOptions, Profile } from '../conformance/index.js';
import { integer } from './input.js';
import { REPORTERS, type Reporter } from './output/report.js';

export interface RunFlags {
  profile?: Profile;
  runs?: number;
  seed?: number;
  timeoutMs?: number;
  reporter?: Reporter;
  out?: string;
  json?: boolean;
}

export function addRunOptions(cmd: Command, outHelp: string): Command {
  return cmd
    .addOption(new Option('--profile <profile>', 'accept: valid tokens must decode exactly; strict: invalid tokens must also be rejected').choices(['accept', 'strict']).default('accept'))
    .option('--runs <n>', 'generated valid tokens per property (default 1000); strict adds as many invalid ones', integer('non-negative'))
    .option('--seed <seed>', 'fast-check seed (default: random, and reported); replays a run exactly', integer('int32'))
    .option('--timeout-ms <ms>', 'per-token timeout of the adapter (default 5000)', integer('positive'))
    .addOption(new Option('--reporter <format>', 'report format').choices([...REPORTERS]))
    .option('--out <file>', outHelp)
    .option('--json', 'stdout is one JSON document (the report)');
}

/** The options runConformance / runDifferential take from the flags. */
export function runOptions(flags: RunFlags, onProgress: (done: number, total: number) => void): ConformanceOptions {
  const options: ConformanceOptions = { onProgress };
  if (flags.profile !== undefined) options.profile = flags.profile;
  if (flags.runs !== undefined) options.runs = flags.runs;
  if (flags.seed !== undefined) options.seed = flags.seed;
  return options;
}

export function adapterOptions(flags: RunFlags, cwd: string): { timeoutMs?: number; cwd: string } {
  return flags.timeoutMs === undefined ? { cwd } : { timeoutMs: flags.timeoutMs, cwd };
}
