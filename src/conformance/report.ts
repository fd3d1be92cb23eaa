// The shapes of a conformance run's results (modelled on fast-check's RunDetails).
import type { AdapterAnswer } from './adapter.js';
import type { VectorFile } from './vector-file.js';

/** `accept`: valid tokens must be accepted and decode exactly. `strict`: also, invalid tokens must be rejected. */
export type Profile = 'accept' | 'strict';

export interface ConformanceOptions {
  /** Default `accept`. */
  profile?: Profile;
  /**
   * Generated valid tokens, default 1000. Each is checked as encoded and re-spelled with ASCII-only
   * JSON (two properties, 2 x runs cases); `strict` adds `runs` invalid tokens over the fault classes.
   */
  runs?: number;
  /** fast-check seed of every property. Default: random, and reported. */
  seed?: number;
  /** Per-case timeout, for adapters the runner creates. Adapters passed in keep their own. */
  timeoutMs?: number;
  /** Called after each answered case of the main pass (not for shrinking). */
  onProgress?: (done: number, total: number) => void;
  /** Vectors to run instead of the committed file. */
  vectors?: VectorFile;
}

/** One case a parser got wrong, with what is needed to replay it. */
export interface Failure {
  kind: 'vector' | 'property';
  /** `tcId:<n>` for a vector, the property name (`valid`, `invalid:char-plus`, ...) for a property. */
  id: string;
  comment: string;
  /**
   * The token: for a property, the shrunk (minimal) counterexample, listed first; the property's
   * other failing cases follow it as drawn (`numShrinks` 0, `path` their run index).
   */
  token: string;
  expected: 'accept' | 'reject';
  expectedHeader?: unknown;
  expectedPayload?: unknown;
  /** What the parser (in a differential run: the candidate) answered. */
  answer: AdapterAnswer;
  /** In a differential run: what the baseline answered. */
  baselineAnswer?: AdapterAnswer;
  /** Why the answer is wrong, with a path into header/payload where one applies. */
  difference: string;
  /** Vector flags. */
  flags?: string[];
  /** Property: the fast-check seed and counterexample path (`fc.check(p, { seed, path })` replays it). */
  seed?: number;
  path?: string;
  numShrinks?: number;
  /** Property `invalid:*`: the fault class of the token; vector: captoken's error code. */
  fault?: string;
}

export interface PropertyResult {
  name: string;
  /** Cases generated for it (before shrinking). */
  numRuns: number;
  failed: boolean;
  seed: number;
  path?: string;
  numShrinks?: number;
  /** How many of the generated cases failed (before shrinking); each is in the failures list. */
  failedRuns?: number;
}

/** One vector that was run, for reporters that list every case (junit). */
export interface VectorCase {
  id: string;
  comment: string;
  expected: 'accept' | 'reject';
  passed: boolean;
}

export interface ConformanceReport {
  passed: boolean;
  adapter: string;
  profile: Profile;
  seed: number;
  /** Version of the vector file used. */
  vectorsVersion: string;
  vectors: { total: number; passed: number; failed: number };
  vectorCases: VectorCase[];
  properties: PropertyResult[];
  /**
   * Every failure: each failing vector, each failing property's shrunk counterexample, and every
   * other failing generated case (as drawn). Nothing is dropped.
   */
  failures: Failure[];
  /** Calls to the adapter, shrinking included. */
  cases: number;
  durationMs: number;
  casesPerSecond: number;
}

export interface DifferentialReport {
  passed: boolean;
  candidate: string;
  baseline: string;
  seed: number;
  vectorsVersion: string;
  vectors: { total: number; passed: number; failed: number };
  vectorCases: VectorCase[];
  properties: PropertyResult[];
  /** Cases where the candidate answered otherwise than the baseline (`expected` is the baseline's verdict). */
  differences: Failure[];
  /** Tokens decoded (each by both adapters). */
  cases: number;
  durationMs: number;
  casesPerSecond: number;
}

export function isDifferentialReport(report: ConformanceReport | DifferentialReport): report is DifferentialReport {
  return 'baseline' in report;
}
