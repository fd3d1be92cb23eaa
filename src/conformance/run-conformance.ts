// A conformance run: the committed vectors first, then the generated properties.
import type { Adapter, AdapterAnswer } from './adapter.js';
import { answerDifference, type Expectation } from './compare.js';
import { acceptProperties, strictProperties, type GeneratedCase, type PropertySpec } from './properties.js';
import { runProperty, SourceCache } from './property-runner.js';
import type { ConformanceOptions, ConformanceReport, Failure, Profile, PropertyResult, VectorCase } from './report.js';
import { loadVectors, type VectorFile, type VectorTest } from './vector-file.js';

// Captured at load: a module adapter runs in this process and could patch globals.
const perfNow = performance.now.bind(performance);
const now = (): number => perfNow();
export const DEFAULT_RUNS = 1000;

/** Validates run options once; returns them with defaults filled in. */
export function resolveOptions(options: ConformanceOptions): { profile: Profile; runs: number; seed: number; vectors: VectorFile } {
  // Checked at run time too: JavaScript callers and the CLI pass strings.
  const profile = (options.profile as string | undefined) ?? 'accept';
  if (profile !== 'accept' && profile !== 'strict') throw new TypeError(`profile must be 'accept' or 'strict', got ${profile}`);
  const runs = options.runs ?? DEFAULT_RUNS;
  if (!Number.isSafeInteger(runs) || runs < 0) throw new TypeError(`runs must be a non-negative integer, got ${String(runs)}`);
  const seed = options.seed ?? (Math.random() * 0x7fffffff) | 0;
  if (!Number.isSafeInteger(seed)) throw new TypeError(`seed must be an integer, got ${String(seed)}`);
  return { profile, runs, seed: seed | 0, vectors: options.vectors ?? loadVectors() };
}

/** The vectors a profile runs: valid ones for `accept`, all for `strict`. */
export function vectorTests(vectors: VectorFile, profile: Profile | 'all'): VectorTest[] {
  const tests = vectors.testGroups.flatMap((g) => g.tests);
  return profile === 'accept' ? tests.filter((t) => t.result === 'valid') : tests;
}

export function vectorExpectation(test: VectorTest): Expectation {
  return test.result === 'valid' ? { expected: 'accept', header: test.header, payload: test.payload } : { expected: 'reject', code: test.error };
}

/** Splits `total` runs over `n` properties as evenly as possible (earlier ones get the remainder). */
export function splitRuns(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

/**
 * The properties of a profile with their run counts: each valid-token property checks all `runs`
 * valid tokens (they share the generated tokens, in two spellings); in `strict`, `runs` invalid
 * tokens are split over the fault classes.
 */
export function plannedProperties(profile: Profile, runs: number): Array<{ spec: PropertySpec; numRuns: number }> {
  const plan = acceptProperties().map((spec) => ({ spec, numRuns: runs }));
  if (profile === 'strict') {
    const strict = strictProperties();
    const counts = splitRuns(runs, strict.length);
    strict.forEach((spec, i) => plan.push({ spec, numRuns: Math.max(1, counts[i]!) }));
  }
  return plan.filter((p) => p.numRuns > 0);
}

function expectedFields(expectation: Expectation): Pick<Failure, 'expected' | 'expectedHeader' | 'expectedPayload'> {
  return expectation.expected === 'accept'
    ? { expected: 'accept', expectedHeader: expectation.header, expectedPayload: expectation.payload }
    : { expected: 'reject' };
}

/**
 * Runs the conformance kit against `adapter`: the vectors of the profile, then `runs` generated valid
 * tokens (and, for `strict`, `runs` invalid tokens over every fault class). Every failing vector is
 * reported, and every failing property with its shrunk counterexample, seed and path. Rejects with an
 * AdapterError when the adapter misbehaves (crash, timeout, protocol); a wrong answer is a failure.
 *
 * @example
 * const adapter = await createModuleAdapter('my-parser-adapter.mjs');
 * const report = await runConformance(adapter, { profile: 'strict', seed: 42 });
 * console.log(formatText(report));
 * await adapter.close();
 *
 * @throws {AdapterError} when the adapter crashes, times out or breaks the protocol; {TypeError} for
 * invalid options; an Error when the vector file cannot be read.
 */
export async function runConformance(adapter: Adapter, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const { profile, runs, seed, vectors } = resolveOptions(options);
  const started = now();
  let cases = 0;
  const decode = (token: string): Promise<AdapterAnswer> => {
    cases++;
    return adapter.decode(token);
  };
  const tests = vectorTests(vectors, profile);
  const plan = plannedProperties(profile, runs);
  const total = tests.length + plan.reduce((sum, p) => sum + p.numRuns, 0);
  let done = 0;
  const progress = (): void => {
    done++;
    options.onProgress?.(done, total);
  };

  const failures: Failure[] = [];
  const vectorCases: VectorCase[] = [];
  const answers = await Promise.all(
    tests.map(async (test) => {
      const answer = await decode(test.token);
      progress();
      return answer;
    }),
  );
  tests.forEach((test, i) => {
    const expectation = vectorExpectation(test);
    const answer = answers[i]!;
    const difference = answerDifference(expectation, answer);
    const id = `tcId:${test.tcId}`;
    vectorCases.push({ id, comment: test.comment, expected: expectation.expected, passed: difference === undefined });
    if (difference === undefined) return;
    const failure: Failure = { kind: 'vector', id, comment: test.comment, token: test.token, ...expectedFields(expectation), answer, difference, flags: test.flags };
    if (test.error !== undefined) failure.fault = test.error;
    failures.push(failure);
  });
  const vectorFailures = failures.length;

  const properties: PropertyResult[] = [];
  const sources = new SourceCache();
  for (const { spec, numRuns } of plan) {
    const judge = (c: GeneratedCase): Promise<{ answer: AdapterAnswer; difference: string } | undefined> =>
      decode(c.token).then((answer) => {
        const difference = answerDifference(c.expectation, answer);
        return difference === undefined ? undefined : { answer, difference };
      });
    const outcome = await runProperty(spec, judge, { seed, numRuns, onCase: progress, sources });
    properties.push(outcome.result);
    if (outcome.counterexample === undefined) continue;
    const { testCase, verdict, replayed } = outcome.counterexample;
    const failure: Failure = {
      kind: 'property',
      id: spec.name,
      comment: replayed ? spec.comment : `${spec.comment} (did not fail again on replay: the adapter is not deterministic; not shrunk)`,
      token: testCase.token,
      ...expectedFields(testCase.expectation),
      answer: verdict.answer,
      difference: verdict.difference,
      seed,
      path: outcome.result.path ?? '',
      numShrinks: outcome.result.numShrinks ?? 0,
    };
    if (testCase.fault !== undefined) failure.fault = testCase.fault;
    failures.push(failure);
    for (const other of outcome.others ?? []) {
      const drawn: Failure = {
        kind: 'property',
        id: spec.name,
        comment: `${spec.comment} (generated case ${other.index}, as drawn, not shrunk)`,
        token: other.testCase.token,
        ...expectedFields(other.testCase.expectation),
        answer: other.verdict.answer,
        difference: other.verdict.difference,
        seed,
        path: String(other.index),
        numShrinks: 0,
      };
      if (other.testCase.fault !== undefined) drawn.fault = other.testCase.fault;
      failures.push(drawn);
    }
  }

  const durationMs = now() - started;
  return {
    passed: failures.length === 0,
    adapter: adapter.name,
    profile,
    seed,
    vectorsVersion: vectors.version,
    vectors: { total: tests.length, passed: tests.length - vectorFailures, failed: vectorFailures },
    vectorCases,
    properties,
    failures,
    cases,
    durationMs,
    casesPerSecond: durationMs > 0 ? (cases * 1000) / durationMs : 0,
  };
}
