// Runs one property against an adapter: the generated cases are sent all at once (pipelined), and
// only when one fails does fast-check replay from it, sequentially, to shrink it to a minimal token.
import fc from 'fast-check';
import { isAdapterError } from './adapter.js';
import type { GeneratedCase, PropertySpec } from './properties.js';
import type { PropertyResult } from './report.js';

/** The outcome of one case: undefined when it passed, else what went wrong (kept for the report). */
export type Judge<V> = (testCase: GeneratedCase) => Promise<V | undefined>;

export interface PropertyOutcome<V> {
  result: PropertyResult;
  /** The shrunk counterexample and its verdict, when the property failed. */
  counterexample?: { testCase: GeneratedCase; verdict: V; replayed: boolean };
  /**
   * Every other failing case of the main pass, as drawn (not shrunk), with its run index (`path`
   * replays it): none is dropped, however many there are. Excludes a case identical to the counterexample.
   */
  others?: { index: number; testCase: GeneratedCase; verdict: V }[];
}

/** The failing cases of the main pass, in run order, minus the token already reported as the counterexample. */
function otherFailures<V>(cases: GeneratedCase[], verdicts: (V | undefined)[], reported: string): { index: number; testCase: GeneratedCase; verdict: V }[] {
  const others: { index: number; testCase: GeneratedCase; verdict: V }[] = [];
  verdicts.forEach((verdict, index) => {
    const testCase = cases[index]!;
    if (verdict !== undefined && testCase.token !== reported) others.push({ index, testCase, verdict });
  });
  return others;
}

/** The first `numRuns` values fast-check draws from `arbitrary` for `seed`, in run order. */
function generate<T>(arbitrary: fc.Arbitrary<T>, seed: number, numRuns: number): T[] {
  const values: T[] = [];
  fc.check(
    fc.property(arbitrary, (value) => {
      values.push(value);
      return true;
    }),
    { seed, numRuns },
  );
  return values;
}

/**
 * Values of shared sources, generated once per (source, seed, numRuns) for all the properties that
 * map them (see PropertySpec.shared). Mapping consumes no randomness, so run i of every such property
 * is the i-th source value, and replaying a property with `path` finds the same case.
 */
export class SourceCache {
  private readonly cache = new Map<fc.Arbitrary<unknown>, { seed: number; numRuns: number; values: unknown[] }>();

  values(source: fc.Arbitrary<unknown>, seed: number, numRuns: number): unknown[] {
    const hit = this.cache.get(source);
    if (hit !== undefined && hit.seed === seed && hit.numRuns === numRuns) return hit.values;
    const values = generate(source, seed, numRuns);
    this.cache.set(source, { seed, numRuns, values });
    return values;
  }
}

/**
 * Checks `spec` with `numRuns` cases from `seed`. Pass 1 generates every case (fast-check, same seed)
 * and judges them concurrently; pass 2 runs `fc.check` with `path` set to the first failing run, so
 * fast-check shrinks it and reports the path of the minimal counterexample. An AdapterError stops the
 * run and is rethrown as is.
 */
export async function runProperty<V>(
  spec: PropertySpec,
  judge: Judge<V>,
  options: { seed: number; numRuns: number; onCase?: () => void; sources?: SourceCache },
): Promise<PropertyOutcome<V>> {
  const { seed, numRuns } = options;
  const cases =
    spec.shared !== undefined && options.sources !== undefined
      ? options.sources.values(spec.shared.source, seed, numRuns).map(spec.shared.toCase)
      : generate(spec.arbitrary, seed, numRuns);
  // One promise reaction per case (no async wrapper): in-process adapters answer in microseconds.
  const onCase = options.onCase;
  const counted =
    onCase === undefined
      ? undefined
      : (verdict: V | undefined): V | undefined => {
          onCase();
          return verdict;
        };
  const verdicts = await Promise.all(counted === undefined ? cases.map((c) => judge(c)) : cases.map((c) => judge(c).then(counted)));
  const first = verdicts.findIndex((v) => v !== undefined);
  const result: PropertyResult = { name: spec.name, numRuns: cases.length, failed: first !== -1, seed };
  if (first === -1) return { result };
  result.failedRuns = verdicts.reduce((n, v) => (v === undefined ? n : n + 1), 0);

  // Pass 2: replay from the failing run and shrink. Verdicts of the tokens tried are kept by token.
  let fatal: unknown;
  const seen = new Map<string, V | undefined>();
  const details = await fc.check(
    fc.asyncProperty(spec.arbitrary, async (c) => {
      if (fatal !== undefined) return true;
      try {
        const verdict = await judge(c);
        seen.set(c.token, verdict);
        return verdict === undefined;
      } catch (error) {
        if (!isAdapterError(error)) throw error;
        fatal = error;
        return true;
      }
    }),
    { seed, numRuns, path: String(first) },
  );
  if (fatal !== undefined) throw fatal as Error;
  if (details.failed && details.counterexample !== null) {
    const [testCase] = details.counterexample;
    const verdict = seen.get(testCase.token);
    if (verdict !== undefined) {
      result.path = details.counterexamplePath;
      result.numShrinks = details.numShrinks;
      const others = otherFailures(cases, verdicts, testCase.token);
      return { result, counterexample: { testCase, verdict, replayed: true }, others };
    }
  }
  // The adapter answered differently on replay (it is not deterministic): report pass 1's case unshrunk.
  result.path = String(first);
  result.numShrinks = 0;
  const others = otherFailures(cases, verdicts, cases[first]!.token);
  return { result, counterexample: { testCase: cases[first]!, verdict: verdicts[first]!, replayed: false }, others };
}
