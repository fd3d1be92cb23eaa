// A conformance run: one adapter, the vectors and generated tokens of a profile, judged against the spec.
import { configError } from '../errors.js';
import type { Adapter } from './adapter.js';
import { planSuites } from './cases.js';
import { Engine, type EngineOptions } from './engine.js';
import { conformanceJudge, type ConformanceVerdict } from './judge.js';
import { isAdapter, openAdapter, type AdapterSpec } from './open-adapter.js';
import { resolveOptions, type ConformanceOptions, type ResolvedOptions } from './options.js';
import { now, Recorder } from './recorder.js';
import type { ConformanceReport } from './report.js';

/**
 * Opens the adapter of a spec with the run's timeout, or takes an opened one as it is (its own
 * timeout applies: passing `timeoutMs` with one is a configuration error). `close` closes only what
 * was opened here.
 */
export async function useAdapter(target: Adapter | AdapterSpec, options: ResolvedOptions, role: string): Promise<{ adapter: Adapter; close: () => Promise<void> }> {
  if (isAdapter(target)) {
    if (options.timeoutMs !== undefined) throw configError(`timeoutMs applies to adapters the runner opens; the ${role} adapter passed in has its own timeout (pass a spec such as { module: 'adapter.mjs' } instead)`);
    return { adapter: target, close: () => Promise.resolve() };
  }
  const adapter = await openAdapter(target, { timeoutMs: options.timeoutMs });
  return { adapter, close: () => adapter.close() };
}

/** A conformance run with resolved options (the engine configured with the conformance judge). */
export async function conformanceRun(adapter: Adapter, options: ResolvedOptions, select?: EngineOptions<ConformanceVerdict>['select']): Promise<ConformanceReport> {
  const judge = conformanceJudge(adapter);
  const recorder = new Recorder<ConformanceVerdict>(options, (v) => v.difference !== undefined);
  const engine = new Engine(judge, { seed: options.seed, onProgress: options.onProgress, observe: recorder.observe, ...(select === undefined ? {} : { select }) });
  const started = now();
  const outcomes = await engine.run(planSuites(options));
  return recorder.conformanceReport(adapter.name, outcomes, engine, () => judge.calls, started);
}

/**
 * Runs the conformance kit against a parser: the vectors of the profile, then `runs` generated
 * valid tokens (in two spellings) and, for `rfc` and `hardened`, `runs` invalid tokens over the
 * profile's fault classes. Every failure is reported, each failing property with its shrunk
 * counterexample, and the diagnosis groups them by cause. `target` is an opened adapter or a spec the
 * runner opens (with `timeoutMs`) and closes.
 *
 * @example
 * const report = await runConformance({ module: './my-parser-adapter.mjs' }, { profile: 'rfc', seed: 42 });
 * if (!report.passed) console.log(formatText(report));
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for invalid options; {AdapterError} when the adapter
 * crashes, times out or breaks the protocol; an Error when the vector file cannot be read.
 */
export async function runConformance(target: Adapter | AdapterSpec, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const resolved = resolveOptions(options);
  const { adapter, close } = await useAdapter(target, resolved, 'conformance');
  try {
    return await conformanceRun(adapter, resolved);
  } finally {
    await close();
  }
}
