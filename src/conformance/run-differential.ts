// A differential run: two parsers, the same tokens, and every token on which they disagree.
import type { Adapter, AdapterAnswer } from './adapter.js';
import { jsonDifference } from './compare.js';
import type { GeneratedCase } from './properties.js';
import { runProperty, SourceCache } from './property-runner.js';
import type { ConformanceOptions, DifferentialReport, Failure, PropertyResult, VectorCase } from './report.js';
import { plannedProperties, resolveOptions, vectorTests } from './run-conformance.js';

const perfNow = performance.now.bind(performance);
const now = (): number => perfNow();

/** Why the candidate's answer differs from the baseline's, or undefined when they agree. */
export function disagreement(candidate: AdapterAnswer, baseline: AdapterAnswer): string | undefined {
  if (candidate.ok !== baseline.ok) {
    return candidate.ok ? `the candidate accepts what the baseline rejects (${baseline.ok ? '' : baseline.error})` : `the candidate rejects what the baseline accepts: ${candidate.error}`;
  }
  if (!candidate.ok || !baseline.ok) return undefined;
  return jsonDifference(baseline.header, candidate.header, 'header') ?? jsonDifference(baseline.payload, candidate.payload, 'payload');
}

type Verdict = { answer: AdapterAnswer; baselineAnswer: AdapterAnswer; difference: string };

function failure(kind: Failure['kind'], id: string, comment: string, token: string, v: Verdict): Failure {
  const base = v.baselineAnswer;
  const f: Failure = { kind, id, comment, token, expected: base.ok ? 'accept' : 'reject', answer: v.answer, baselineAnswer: base, difference: v.difference };
  if (base.ok) {
    f.expectedHeader = base.header;
    f.expectedPayload = base.payload;
  }
  return f;
}

/**
 * Decodes the same tokens with `candidate` and `baseline` (all vectors, valid and invalid generated
 * cases whatever the profile) and reports every token on which they disagree: acceptance, or the
 * decoded header and payload. Generated disagreements are shrunk like conformance failures.
 *
 * @example
 * const report = await runDifferential(await createModuleAdapter('new.mjs'), await createModuleAdapter('old.mjs'));
 * if (!report.passed) console.log(formatText(report));
 *
 * @throws {AdapterError} when either adapter misbehaves; {TypeError} for invalid options.
 */
export async function runDifferential(candidate: Adapter, baseline: Adapter, options: ConformanceOptions = {}): Promise<DifferentialReport> {
  const { runs, seed, vectors } = resolveOptions({ ...options, profile: 'strict' });
  const started = now();
  let cases = 0;
  const judge = async (token: string): Promise<Verdict | undefined> => {
    cases++;
    const [answer, baselineAnswer] = await Promise.all([candidate.decode(token), baseline.decode(token)]);
    const difference = disagreement(answer, baselineAnswer);
    return difference === undefined ? undefined : { answer, baselineAnswer, difference };
  };
  const tests = vectorTests(vectors, 'all');
  const plan = plannedProperties('strict', runs);
  const total = tests.length + plan.reduce((sum, p) => sum + p.numRuns, 0);
  let done = 0;
  const progress = (): void => {
    done++;
    options.onProgress?.(done, total);
  };

  const differences: Failure[] = [];
  const vectorCases: VectorCase[] = [];
  const verdicts = await Promise.all(
    tests.map(async (t) => {
      const v = await judge(t.token);
      progress();
      return v;
    }),
  );
  tests.forEach((t, i) => {
    const v = verdicts[i];
    const id = `tcId:${t.tcId}`;
    vectorCases.push({ id, comment: t.comment, expected: t.result === 'valid' ? 'accept' : 'reject', passed: v === undefined });
    if (v !== undefined) differences.push({ ...failure('vector', id, t.comment, t.token, v), flags: t.flags });
  });
  const vectorFailures = differences.length;

  const properties: PropertyResult[] = [];
  const sources = new SourceCache();
  for (const { spec, numRuns } of plan) {
    const outcome = await runProperty(spec, (c: GeneratedCase) => judge(c.token), { seed, numRuns, onCase: progress, sources });
    properties.push(outcome.result);
    if (outcome.counterexample === undefined) continue;
    const { testCase, verdict } = outcome.counterexample;
    const f = failure('property', spec.name, `${spec.comment}: candidate and baseline disagree`, testCase.token, verdict);
    f.seed = seed;
    f.path = outcome.result.path ?? '';
    f.numShrinks = outcome.result.numShrinks ?? 0;
    if (testCase.fault !== undefined) f.fault = testCase.fault;
    differences.push(f);
    for (const other of outcome.others ?? []) {
      const drawn = failure('property', spec.name, `${spec.comment}: candidate and baseline disagree (generated case ${other.index}, as drawn, not shrunk)`, other.testCase.token, other.verdict);
      drawn.seed = seed;
      drawn.path = String(other.index);
      drawn.numShrinks = 0;
      if (other.testCase.fault !== undefined) drawn.fault = other.testCase.fault;
      differences.push(drawn);
    }
  }
  const durationMs = now() - started;
  return {
    passed: differences.length === 0,
    candidate: candidate.name,
    baseline: baseline.name,
    seed,
    vectorsVersion: vectors.version,
    vectors: { total: tests.length, passed: tests.length - vectorFailures, failed: vectorFailures },
    vectorCases,
    properties,
    differences,
    cases,
    durationMs,
    casesPerSecond: durationMs > 0 ? (cases * 1000) / durationMs : 0,
  };
}
