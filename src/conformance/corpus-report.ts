// The corpus section of a check report, as data: what the reporters render about replayed tokens.
// No field holds a corpus token or its signature segment: a token is named by file, line and fingerprint.
import type { RejectCategory } from './adapter.js';
import type { CheckClassId, Level } from './classes.js';
import type { FaultChar } from './fault-char.js';

/** An adapter's answer on a corpus token, without the token or (unless --show-claims) claim values. */
export type CorpusAnswer =
  | { ok: true; claims: string[]; claimValues?: Record<string, unknown> }
  | { ok: false; error: string; category?: RejectCategory };

/** One corpus token on which the candidate disagrees with captoken (or, with a baseline, with the baseline). */
export interface CorpusFinding {
  file: string;
  /** 1-based line number in the file. */
  line: number;
  /** `sha256:` and the first 12 hex digits of the token's SHA-256. */
  fingerprint: string;
  /** `fail` (no baseline: the candidate disagrees with captoken) or the differential outcome. */
  outcome: 'fail' | 'regression' | 'improvement' | 'both-wrong' | 'allowed';
  /** Whether it fails the gate (before expectations). */
  gating: boolean;
  /** The check class captoken's verdict falls in (`valid` for a token captoken accepts). */
  class: CheckClassId;
  level: Level;
  requirement: string;
  /** captoken's verdict: a corpus token is valid iff captoken accepts it. */
  expected: 'accept' | 'reject';
  /** captoken's error code when it rejects the token. */
  captokenCode?: string;
  /** Segment lengths and classes mod 4. */
  segments: string;
  /** captoken's decoded header (valid tokens). */
  header?: unknown;
  /** The names of the payload's claims (valid tokens). */
  claims?: string[];
  /** The payload's claim values: only with --show-claims. */
  claimValues?: Record<string, unknown>;
  /** Where the verdicts diverge: the fault character captoken located, or the '-'/'_' of a valid token. */
  divergence: FaultChar[];
  /** For a mis-decoded token: the path of the first value that differs (`payload.name`). */
  divergencePath?: string;
  candidate: CorpusAnswer;
  baseline?: CorpusAnswer;
  /** Why the candidate (or the pair) is wrong, without values unless --show-claims. */
  why: string;
  /** Index into `reproductions` of a synthetic token with the same fault features. */
  reproduction?: number;
}

/** A synthetic token, no customer data in it, with the fault features of some corpus findings, that reproduces them. */
export interface CorpusReproduction {
  /** The fault features shared with the corpus tokens (segment lengths mod 4, '-'/'_' positions, non-ASCII). */
  features: string[];
  /** Corpus findings it stands for. */
  findings: number;
  /** Safe to share: generated, shrunk. */
  token: string;
  header: unknown;
  payload: unknown;
  candidate: string;
  why: string;
  seed: number;
  path: string;
  numShrinks: number;
  /** True when the synthetic token has exactly the corpus token's fault features, false when a superset. */
  exact: boolean;
}

export interface CorpusReport {
  files: string[];
  /** Lines read, tokens judged (this shard), blank and comment lines, lines of other shards. */
  lines: number;
  tokens: number;
  skipped: number;
  otherShards: number;
  /** captoken's verdicts on the judged tokens. */
  captoken: { valid: number; invalid: number };
  outcomes: { failures: number; regressions: number; improvements: number; bothWrong: number; allowed: number };
  passed: boolean;
  showClaims: boolean;
  /** Findings, in corpus order, up to `maxFindings`; `findingsOmitted` counts the rest (bounded memory). */
  findings: CorpusFinding[];
  findingsOmitted: number;
  /** Synthetic reproductions (none for findings no synthetic token reproduced). */
  reproductions: CorpusReproduction[];
  /** Reading and judging the corpus (the reproduction search excluded), and the rate of that. */
  durationMs: number;
  tokensPerSecond: number;
  /** Time spent searching and shrinking synthetic reproductions, when there were findings to reproduce. */
  reproductionMs?: number;
  /** Peak resident set size of the process at the end of the corpus run, in MiB. */
  peakRssMiB: number;
}
