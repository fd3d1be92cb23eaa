// The shapes of an expectations file and of a run held against it (expectations.ts reads and writes
// them; report.ts carries the result). Kept apart so the report types need not import the reader.

export const EXPECTATION_SCOPES = ['conformance', 'differential', 'corpus'] as const;
export type ExpectationScope = (typeof EXPECTATION_SCOPES)[number];

/** One known deviation. */
export interface Expectation {
  scope: ExpectationScope;
  /** `tcId:<n>` (vector), `property:<name>` (generated cases), or a corpus fingerprint. */
  id: string;
  /** The check class (fault class) of the deviation. */
  class: string;
  note?: string;
}

/** What a run's deviations are against the expectations. */
export interface ExpectationsResult {
  file: string;
  /** Listed and seen: reported, not failing. */
  known: Expectation[];
  /** Seen, not listed: these fail the gate when they would have without expectations (`gating`). */
  new: Array<Expectation & { gating: boolean }>;
  /** Listed, no longer seen (not computed for a single shard: another shard may hold it). */
  fixed: Expectation[];
}
