// The results of a run, as data: what every reporter (text, JSON, JUnit) renders and what programs
// read. A conformance run, a differential run and a check (both) each have one report type.
import type { JwsAlgorithm } from '../verify/algorithms.js';
import type { AdapterAnswer } from './adapter.js';
import type { CheckClassId, Level } from './classes.js';
import type { Coverage } from './coverage.js';
import type { FaultChar } from './fault-char.js';
import type { Profile } from './options.js';
// issue 12 (corpus, shards, expectations): sections of a check report, defined in their own modules.
import type { CorpusReport } from './corpus-report.js';
import type { ExpectationsResult } from './expectation-types.js';
import type { Shard } from './shard.js';

export type { FaultChar };

/** The layout version of the reports (JSON): a change that breaks readers changes it. */
export const REPORT_SCHEMA = 'captoken-report/2';

/**
 * One check class in a run: its level and requirement, how many cases it had and how many failed.
 * The stable, machine-readable verdict per class (`classes` of every report).
 */
export interface ClassSummary {
  id: CheckClassId;
  level: Level;
  /** RFC and section, or "captoken policy (...)". */
  requirement: string;
  rule: string;
  /** Cases judged (vectors and generated, main pass; not counting shrinking or twins). */
  cases: number;
  /** Of those, how many failed (conformance) or regressed (differential). */
  failed: number;
  /**
   * `pass`, `fail` (failures that fail the run), `advisory` (failures at a level the run does not
   * fail on), `waived` (failures of a class in `allow`), or `not-run` (the profile does not cover it).
   */
  status: 'pass' | 'fail' | 'advisory' | 'waived' | 'not-run';
  /** Differential runs: cases per outcome. */
  outcomes?: { regressions: number; improvements: number; bothWrong: number; allowed: number };
}

/** A character of a token that bears its fault (or, for a valid token, one of its '-'/'_'/non-ASCII characters). */

/** What every reported case has, in a conformance or a differential run. */
export interface CaseReport {
  kind: 'vector' | 'property';
  /** `tcId:<n>` for a vector, the property name (`valid`, `invalid:char-plus`, ...) for a property. */
  id: string;
  class: CheckClassId;
  level: Level;
  requirement: string;
  /** Whether this failure fails the run. */
  gating: boolean;
  comment: string;
  token: string;
  /** What the spec requires (the kit's verdict). */
  expected: 'accept' | 'reject';
  expectedHeader?: unknown;
  expectedPayload?: unknown;
  /** Duplicate members: what keeping the lexically last member gives (accepting that is right too). */
  lastWins?: { header: unknown; payload: unknown };
  /** captoken's error code for the fault, where there is one. */
  faultCode?: string;
  /** Where the fault is (invalid tokens), or the '-'/'_'/non-ASCII characters (valid tokens). */
  faultAt?: FaultChar[];
  /** Vector flags. */
  flags?: string[];
  /** Property: the fast-check seed and path (`fc.check(p, { seed, path })` replays it). */
  seed?: number;
  path?: string;
  numShrinks?: number;
  /** Property: true for a minimal (shrunk) case, false for one as drawn. */
  shrunk?: boolean;
}

/** One case a parser got wrong. */
export interface Failure extends CaseReport {
  /** What the parser answered. */
  answer: AdapterAnswer;
  /** Why the answer is wrong (one sentence; the answer's message is in `answer`). */
  difference: string;
  /** The answer for the unmutated twin, when the case's rejection was checked against it. */
  twinAnswer?: AdapterAnswer;
}

/** One case on which a candidate and its baseline answered differently, with the direction. */
export interface Difference extends CaseReport {
  /** `regression`: the candidate moved away from the spec; `improvement`: toward it; `both-wrong`; `allowed`: both conform. */
  outcome: 'regression' | 'improvement' | 'both-wrong' | 'allowed';
  candidate: AdapterAnswer;
  baseline: AdapterAnswer;
  /** How the two answers differ. */
  difference: string;
  /** Why the candidate's answer is wrong by the spec, when it is. */
  candidateWrong?: string;
  /** Why the baseline's answer is wrong by the spec, when it is. */
  baselineWrong?: string;
}

export interface PropertyResult {
  name: string;
  class: CheckClassId;
  level: Level;
  /** Cases generated for it (before shrinking). */
  numRuns: number;
  failed: boolean;
  /** How many of the generated cases failed (before shrinking); each is in the report's list. */
  failedRuns: number;
  seed: number;
  path?: string;
  numShrinks?: number;
}

/** One vector that was run, for reporters that list every case (JUnit). */
export interface VectorCase {
  id: string;
  comment: string;
  class: CheckClassId;
  level: Level;
  expected: 'accept' | 'reject';
  passed: boolean;
}

/** A cause found for a group of failures, with its evidence. */
export interface Diagnosis {
  level: Level;
  /** The classes whose failures it explains. */
  classes: CheckClassId[];
  /** The hypothesis, in one sentence. */
  cause: string;
  /** Lines of evidence: counts from the coverage of passing and failing cases. */
  evidence: string[];
  /** Failures it explains. */
  failures: number;
  /** Whether these failures fail the run (false: advisory or waived). */
  gating: boolean;
  /** The feature of the token it rests on (valid tokens), e.g. `url-repeat`. */
  feature?: string;
  /** Index into the report's failures (differences) of a minimal example of this cause. */
  example?: number;
}

/** The settings a run used (after defaults). */
export interface RunSettings {
  runs: number;
  algorithms: JwsAlgorithm[];
  maxHeaderBytes: number;
  maxPayloadBytes: number;
  verifies: boolean;
  allow: CheckClassId[];
}

interface RunReportBase {
  schema: typeof REPORT_SCHEMA;
  passed: boolean;
  profile: Profile;
  /** The most lenient level whose failures fail the run. */
  failOn: Level;
  seed: number;
  /** Version of the vector file used. */
  vectorsVersion: string;
  settings: RunSettings;
  /** Every check class, with its counts and status. */
  classes: ClassSummary[];
  vectors: { total: number; passed: number; failed: number; skipped: number };
  vectorCases: VectorCase[];
  properties: PropertyResult[];
  coverage: Coverage;
  diagnosis: Diagnosis[];
  /** Deprecations and other notes about the run. */
  notes: string[];
  /** Calls to the adapter(s): cases, twins and shrinking. */
  cases: number;
  durationMs: number;
  casesPerSecond: number;
}

export interface ConformanceReport extends RunReportBase {
  kind: 'conformance';
  adapter: string;
  /**
   * Every failure: each failing vector, each failing property's shrunk counterexample (and the
   * minimal examples of each cause), and every other failing generated case as drawn. Nothing is dropped.
   */
  failures: Failure[];
}

export interface DifferentialReport extends RunReportBase {
  kind: 'differential';
  candidate: string;
  baseline: string;
  /** Every token on which the two differ, with its outcome. Nothing is dropped. */
  differences: Difference[];
  outcomes: { regressions: number; improvements: number; bothWrong: number; allowed: number };
}

/** A pre-deploy check: conformance on the candidate and, with a baseline, the differential. */
export interface CheckReport {
  kind: 'check';
  schema: typeof REPORT_SCHEMA;
  passed: boolean;
  candidate: string;
  baseline: string | null;
  profile: Profile;
  seed: number;
  conformance: ConformanceReport;
  differential: DifferentialReport | null;
  // --- issue 12: corpus replay, shards, expectations (optional sections) ---
  /** Replayed corpus tokens (`--corpus`), when a corpus was given. */
  corpus?: CorpusReport;
  /** The shard this report covers (`--shard i/n`); absent for an unsharded run. Merged reports list every shard. */
  shard?: Shard;
  shards?: Shard[];
  /** Known, new and fixed deviations against an expectations file (`--expectations`). */
  expectations?: ExpectationsResult;
}

/** Any report a reporter renders. */
export type Report = ConformanceReport | DifferentialReport | CheckReport;
