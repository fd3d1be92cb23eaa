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
  options: { seed: number; numRuns: number; onCase?: () => void },
): Promise<PropertyOutcome<V>> {
  const { seed, numRuns } = options;
  const cases: GeneratedCase[] = [];
  fc.check(
    fc.property(spec.arbitrary, (c) => {
      cases.push(c);
      return true;
    }),
    { seed, numRuns },
  );
  const verdicts = await Promise.all(
    cases.map(async (c) => {
      const verdict = await judge(c);
      options.onCase?.();
      return verdict;
    }),
  );
  const first = verdicts.findIndex((v) => v !== undefined);
  const result: PropertyResult = { name: spec.name, numRuns: cases.length, failed: first !== -1, seed };
  if (first === -1) return { result };

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
  if (fatal !== undefined) throw fatal;
  if (details.failed && details.counterexample !== null) {
    const [testCase] = details.counterexample;
    const verdict = seen.get(testCase.token);
    if (verdict !== undefined) {
      result.path = details.counterexamplePath ?? String(first);
      result.numShrinks = details.numShrinks;
      return { result, counterexample: { testCase, verdict, replayed: true } };
    }
  }
  // The adapter answered differently on replay (it is not deterministic): report pass 1's case unshrunk.
  result.path = String(first);
  result.numShrinks = 0;
  return { result, counterexample: { testCase: cases[first]!, verdict: verdicts[first]!, replayed: false } };
}
