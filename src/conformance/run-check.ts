// The pre-deploy check: conformance on the candidate and, with a baseline, the differential run,
// with one seed so that one --seed replays both.
import type { Adapter } from './adapter.js';
import type { AdapterSpec } from './open-adapter.js';
import { resolveOptions, type ConformanceOptions } from './options.js';
import { REPORT_SCHEMA, type CheckReport, type DifferentialReport } from './report.js';
import type { CorpusReport } from './corpus-report.js';
import { conformanceRun, useAdapter } from './run-conformance.js';
import { differentialRun } from './run-differential.js';
// issue 12: corpus replay and shards.
import { corpusRun, type CorpusOptions } from './corpus.js';
import { parseShard, shardSelect, type Shard } from './shard.js';

/** The members {@link CheckOptions} adds to {@link ConformanceOptions}. */
export const CHECK_OPTION_NAMES: readonly string[] = Object.freeze(['onPhase', 'corpus', 'shard', 'cwd']);

export interface CheckOptions extends ConformanceOptions {
  /** Called when a phase starts (`conformance`, then `differential`): for progress displays. */
  onPhase?: (phase: 'conformance' | 'differential' | 'corpus') => void;
  /** Captured tokens to replay through the candidate (and baseline) against captoken's verdicts. */
  corpus?: CorpusOptions;
  /** Judge only this shard's cases (vectors, generated cases, corpus lines), chosen by the seed: `{ index: 1, count: 4 }` or `'1/4'`. */
  shard?: Shard | string;
  /** Directory corpus paths are relative to (default: the process's). */
  cwd?: string;
}

/**
 * The pre-deploy gate: conformance on `candidate` under the profile, then, when a baseline is given,
 * the differential run with the same seed. It passes when conformance passes and no regression the
 * profile covers is found; a candidate that is only stricter than its baseline passes (its
 * differences are improvements).
 *
 * @example
 * const report = await runCheck({ module: 'dist/adapter.mjs' }, { module: 'prod/adapter.mjs' }, { seed: 20261121 });
 * process.exitCode = report.passed ? 0 : 1;
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for invalid options; {AdapterError} when an adapter misbehaves.
 */
export async function runCheck(candidate: Adapter | AdapterSpec, baseline?: Adapter | AdapterSpec, options: CheckOptions = {}): Promise<CheckReport> {
  const resolved = resolveOptions(options, CHECK_OPTION_NAMES);
  const shard = options.shard === undefined ? undefined : typeof options.shard === 'string' ? parseShard(options.shard) : parseShard(`${options.shard.index}/${options.shard.count}`);
  const select = shard === undefined || shard.count === 1 ? undefined : shardSelect(shard, resolved.seed);
  const c = await useAdapter(candidate, resolved, 'candidate');
  try {
    const b = baseline === undefined ? undefined : await useAdapter(baseline, resolved, 'baseline');
    try {
      options.onPhase?.('conformance');
      const conformance = await conformanceRun(c.adapter, resolved, select);
      let differential: DifferentialReport | null = null;
      if (b !== undefined) {
        options.onPhase?.('differential');
        differential = await differentialRun(c.adapter, b.adapter, resolved, select);
      }
      let corpus: CorpusReport | undefined;
      if (options.corpus !== undefined) {
        options.onPhase?.('corpus');
        corpus = await corpusRun(c.adapter, b?.adapter, resolved, options.corpus, { shard, ...(options.cwd === undefined ? {} : { cwd: options.cwd }) });
      }
      const report: CheckReport = {
        kind: 'check',
        schema: REPORT_SCHEMA,
        passed: conformance.passed && (differential === null || differential.passed) && (corpus === undefined || corpus.passed),
        candidate: c.adapter.name,
        baseline: b === undefined ? null : b.adapter.name,
        profile: resolved.profile,
        seed: resolved.seed,
        conformance,
        differential,
      };
      if (corpus !== undefined) report.corpus = corpus;
      if (shard !== undefined) report.shard = shard;
      return report;
    } finally {
      await b?.close();
    }
  } finally {
    await c.close();
  }
}
