// One place for the property-test settings: a pinned seed (printed in every test title) so any
// failure replays, and a run count that CI can raise. Override with FC_SEED / FC_RUNS.
import fc from 'fast-check';

export const SEED = Number(process.env['FC_SEED'] ?? 20261121);
export const NUM_RUNS = Number(process.env['FC_RUNS'] ?? 200);

/** `title [seed=S]`: the seed travels with the test name into every report. */
export function seeded(title: string): string {
  return `${title} [seed=${SEED}]`;
}

/**
 * Parameters for fc.assert: pinned seed, run count, and verbose output so a failure prints the
 * counterexample with its seed and path (replay with `{ seed, path }`).
 */
export function fcParams<T>(extra: fc.Parameters<T> = {}): fc.Parameters<T> {
  return { seed: SEED, numRuns: NUM_RUNS, verbose: fc.VerbosityLevel.Verbose, ...extra };
}
