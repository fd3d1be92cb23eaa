// Generating a property's cases (fast-check, by seed) and shrinking a failing one to a minimal token.
import fc from 'fast-check';
import type { KitCase, PropertySuite } from './cases.js';

/** The first `numRuns` values fast-check draws from `arbitrary` for `seed`, in run order. */
export function generate<T>(arbitrary: fc.Arbitrary<T>, seed: number, numRuns: number): T[] {
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
 * map them (see PropertySuite.shared). Mapping consumes no randomness, so run i of every such property
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

/** The cases of a property suite for `seed`, in run order. */
export function propertyCases(suite: PropertySuite, seed: number, sources: SourceCache): KitCase[] {
  return suite.shared === undefined ? generate(suite.arbitrary, seed, suite.numRuns) : sources.values(suite.shared.source, seed, suite.numRuns).map(suite.shared.toCase);
}

/** A shrunk counterexample: the minimal case fast-check reached, and how to replay it. */
export interface Shrunk<V> {
  case: KitCase;
  verdict: V;
  /** fast-check path of the minimal case: `fc.check(property, { seed, path })` replays it. */
  path: string;
  numShrinks: number;
  /** False when the case did not fail again on replay (a non-deterministic adapter): it is then the case as drawn. */
  replayed: boolean;
}

/**
 * Replays run `from` of the property and shrinks it while `keep(case, verdict)` holds (the failure
 * being shrunk: the same kind of failure, or the same cause). An error thrown by the judge (an
 * AdapterError) stops the shrinking and is rethrown as is. Undefined when run `from` does not meet `keep` on replay.
 */
export async function shrinkRun<V>(
  suite: PropertySuite,
  seed: number,
  from: number,
  judge: (c: KitCase) => Promise<V>,
  keep: (c: KitCase, verdict: V) => boolean,
): Promise<Shrunk<V> | undefined> {
  let fatal: unknown;
  const seen = new Map<string, V>();
  const details = await fc.check(
    fc.asyncProperty(suite.arbitrary, async (c) => {
      if (fatal !== undefined) return true;
      try {
        const verdict = await judge(c);
        seen.set(c.token, verdict);
        return !keep(c, verdict);
      } catch (error) {
        // An AdapterError (or a bug) stops the shrinking: rethrown as is, not taken for a failing case.
        fatal = error;
        return true;
      }
    }),
    { seed, numRuns: suite.numRuns, path: String(from) },
  );
  if (fatal !== undefined) throw fatal as Error;
  if (!details.failed || details.counterexample === null) return undefined;
  const [c] = details.counterexample;
  const verdict = seen.get(c.token);
  if (verdict === undefined) return undefined;
  return { case: c, verdict, path: details.counterexamplePath, numShrinks: details.numShrinks, replayed: true };
}
