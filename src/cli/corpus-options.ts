// The `check` options of issue 12: replaying a corpus of captured tokens, running one shard of a
// run, and holding the run against a file of known deviations. Flags become kit options here, once.
import path from 'node:path';
import type { Command } from 'commander';
import type { CheckOptions } from '../conformance/run-check.js';
import type { CheckReport } from '../conformance/report.js';
import { collect } from './input.js';
import { UsageError } from './exit-codes.js';

export interface CorpusFlags {
  corpus?: string[];
  corpusDir?: string[];
  showClaims?: boolean;
  shard?: string;
  expectations?: string;
  updateExpectations?: boolean;
}

export function addCorpusOptions(cmd: Command): Command {
  return cmd
    .option('--corpus <file>', 'replay captured tokens, one per line (# comments and blank lines skipped); repeatable. Tokens are never printed: file, line and SHA-256 fingerprint name them', collect)
    .option('--corpus-dir <dir>', 'replay every file of a directory as a corpus; repeatable', collect)
    .option('--show-claims', 'show the claim values of corpus tokens that diverge (default: claim names only)')
    .option('--shard <i/n>', 'judge only shard i of n (vectors, generated cases, corpus lines, split by the seed); merge the reports with captoken report merge')
    .option('--expectations <file>', 'known deviations (format: README, "Known deviations"): reported, not failing; a new deviation fails, a missing one is reported as fixed')
    .option('--update-expectations', 'write the run\'s deviations to the --expectations file');
}

/** The kit options the flags give (corpus and shard). */
export function corpusCheckOptions(flags: CorpusFlags, cwd: string): Pick<CheckOptions, 'corpus' | 'shard' | 'cwd'> {
  const out: Pick<CheckOptions, 'corpus' | 'shard' | 'cwd'> = { cwd };
  if (flags.corpus !== undefined || flags.corpusDir !== undefined) {
    out.corpus = { files: flags.corpus ?? [], dirs: flags.corpusDir ?? [], showClaims: flags.showClaims === true };
  } else if (flags.showClaims === true) {
    throw new UsageError('--show-claims needs --corpus or --corpus-dir');
  }
  if (flags.shard !== undefined) out.shard = flags.shard;
  if (flags.updateExpectations === true && flags.expectations === undefined) throw new UsageError('--update-expectations needs --expectations <file>');
  return out;
}

/** The report held against the expectations file (written first with --update-expectations). */
export async function withExpectations(report: CheckReport, flags: CorpusFlags, cwd: string): Promise<CheckReport> {
  if (flags.expectations === undefined) return report;
  const { applyExpectations, readExpectations, writeExpectations } = await import('../conformance/expectations.js');
  const file = path.resolve(cwd, flags.expectations);
  if (flags.updateExpectations === true) await writeExpectations(file, report);
  return applyExpectations(report, await readExpectations(file), flags.expectations);
}
