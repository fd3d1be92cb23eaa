// A differential run: two parsers, the same tokens; every token on which they differ, with the
// direction (toward or away from the spec).
import type { Adapter } from './adapter.js';
import { planSuites } from './cases.js';
import { Engine, type EngineOptions } from './engine.js';
import { differentialJudge, type DifferentialVerdict } from './judge.js';
import type { AdapterSpec } from './open-adapter.js';
import { resolveOptions, type ConformanceOptions, type ResolvedOptions } from './options.js';
import { now, Recorder } from './recorder.js';
import type { DifferentialReport } from './report.js';
import { useAdapter } from './run-conformance.js';

/**
 * A differential run with resolved options. Every class is run whatever the profile (so that
 * improvements and changes in captoken's policies show); the profile decides which regressions fail.
 */
export async function differentialRun(candidate: Adapter, baseline: Adapter, options: ResolvedOptions, select?: EngineOptions<DifferentialVerdict>['select']): Promise<DifferentialReport> {
  const judge = differentialJudge(candidate, baseline);
  const recorder = new Recorder<DifferentialVerdict>(options, (v) => v.outcome === 'regression');
  const engine = new Engine(judge, { seed: options.seed, onProgress: options.onProgress, observe: recorder.observe, ...(select === undefined ? {} : { select }) });
  const started = now();
  const outcomes = await engine.run(planSuites({ ...options, profile: 'hardened' }));
  return recorder.differentialReport({ candidate: candidate.name, baseline: baseline.name }, outcomes, engine, () => judge.calls, started);
}

/**
 * Decodes the same tokens (all vectors, valid and invalid generated cases of every class) with a
 * candidate and a baseline, and reports every token on which they differ, each compared with the
 * spec: a `regression` (the candidate moved away from it), an `improvement`, `both-wrong`, or
 * `allowed` (both conform). Only regressions the profile covers fail the run: under `accept`, valid
 * tokens; under `rfc`, the MUST classes too; under `hardened` with `failOn: 'hardened'`, all.
 *
 * @example
 * const report = await runDifferential({ module: 'new/adapter.mjs' }, { module: 'old/adapter.mjs' }, { seed: 7 });
 * for (const d of report.differences) console.log(d.outcome, d.class, d.token);
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for invalid options; {AdapterError} when either adapter misbehaves.
 */
export async function runDifferential(candidate: Adapter | AdapterSpec, baseline: Adapter | AdapterSpec, options: ConformanceOptions = {}): Promise<DifferentialReport> {
  const resolved = resolveOptions(options);
  const c = await useAdapter(candidate, resolved, 'candidate');
  try {
    const b = await useAdapter(baseline, resolved, 'baseline');
    try {
      return await differentialRun(c.adapter, b.adapter, resolved);
    } finally {
      await b.close();
    }
  } finally {
    await c.close();
  }
}
