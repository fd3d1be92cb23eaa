// The one loop of the kit: cases are generated, fed to the judge, recorded and shrunk here, whoever
// judges them (one adapter against the spec, or a candidate against a baseline). Conformance,
// differential and check runs are configurations of this loop.
import type { KitCase, PropertySuite, Suite } from './cases.js';
import type { Judge } from './judge.js';
import { propertyCases, shrinkRun, SourceCache, type Shrunk } from './property-runner.js';

/** One judged case of a suite's main pass. */
export interface CaseRecord<V> {
  /** Index in the suite: the vector's position, or the property's run index (its replay path). */
  index: number;
  /** `tcId:<n>` for a vector; the run index, as a string, for a property. */
  id: string;
  case: KitCase;
  verdict: V;
}

/** What one suite gave. */
export interface SuiteOutcome<V> {
  suite: Suite;
  /** Cases judged in the main pass. */
  total: number;
  /** Every failing case of the main pass, in order: none is dropped. */
  failures: CaseRecord<V>[];
  /** Vectors: whether each passed, by id (for reporters listing every vector). */
  vectorResults?: Array<{ id: string; comment: string; cls: string; passed: boolean }>;
  /** Properties: the first failure, shrunk (or as drawn, when it did not fail again on replay). */
  shrunk?: Shrunk<V> & { from: number };
}

export interface EngineOptions<V> {
  seed: number;
  /** Called after each case of the main pass with the count so far and the total. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Sees every judged case of the main pass, passing or not (coverage, per-class counts). */
  observe?: (suite: Suite, record: CaseRecord<V>, failed: boolean) => void;
  /**
   * Which cases of a suite to judge (default: all). The seam for sharding a run deterministically
   * across CI jobs (`--shard i/n`, issue 12): cases are generated from the seed as always, and each
   * shard judges its own.
   */
  select?: (suite: Suite, index: number) => boolean;
}

/**
 * Runs suites through a judge. The main pass of each suite judges all its cases at once (pipelined:
 * adapters queue what they cannot take); a failing property is then replayed from its first
 * failure and shrunk to a minimal case of the same kind of failure. Any error the judge throws (an
 * AdapterError) stops the run and is rethrown.
 */
export class Engine<V> {
  private readonly sources = new SourceCache();
  private done = 0;
  private total = 0;

  constructor(
    private readonly judge: Judge<V>,
    private readonly options: EngineOptions<V>,
  ) {}

  /** Every suite in order, each completely before the next. */
  async run(suites: readonly Suite[]): Promise<Array<SuiteOutcome<V>>> {
    this.total = suites.reduce((n, s) => n + (s.kind === 'vectors' ? s.entries.length : s.numRuns), 0);
    this.done = 0;
    const outcomes: Array<SuiteOutcome<V>> = [];
    for (const suite of suites) outcomes.push(suite.kind === 'vectors' ? await this.runVectors(suite) : await this.runProperty(suite));
    return outcomes;
  }

  /**
   * Shrinks run `from` of a property while `keep` holds: a minimal case of one particular failure
   * (a cause the diagnosis found, say). Undefined when the run does not meet `keep` on replay.
   */
  shrink(suite: PropertySuite, from: number, keep: (c: KitCase, verdict: V) => boolean): Promise<Shrunk<V> | undefined> {
    return shrinkRun(suite, this.options.seed, from, (c) => this.judge.judge(c), keep);
  }

  private progress(): void {
    this.done++;
    this.options.onProgress?.(this.done, this.total);
  }

  /** Judges the cases at once; records each (observe) and keeps the failures, in order. `id(i)` names case i. */
  private async judgeAll(suite: Suite, cases: readonly KitCase[], id: (index: number) => string): Promise<{ records: Array<CaseRecord<V>>; failures: Array<CaseRecord<V>> }> {
    const select = this.options.select;
    const indices: number[] = [];
    for (let i = 0; i < cases.length; i++) if (select === undefined || select(suite, i)) indices.push(i);
    // One promise reaction per case (no async wrapper): in-process adapters answer in microseconds.
    const progress = (verdict: V): V => {
      this.progress();
      return verdict;
    };
    const verdicts = await Promise.all(indices.map((i) => this.judge.judge(cases[i]!).then(progress)));
    const records: Array<CaseRecord<V>> = [];
    const failures: Array<CaseRecord<V>> = [];
    const observe = this.options.observe;
    for (let k = 0; k < indices.length; k++) {
      const index = indices[k]!;
      const record: CaseRecord<V> = { index, id: id(index), case: cases[index]!, verdict: verdicts[k]! };
      const failed = this.judge.failure(record.verdict) !== undefined;
      observe?.(suite, record, failed);
      records.push(record);
      if (failed) failures.push(record);
    }
    return { records, failures };
  }

  private async runVectors(suite: Extract<Suite, { kind: 'vectors' }>): Promise<SuiteOutcome<V>> {
    const { records, failures } = await this.judgeAll(
      suite,
      suite.entries.map((e) => e.case),
      (i) => suite.entries[i]!.id,
    );
    const failed = new Set(failures.map((f) => f.id));
    const byId = new Map(suite.entries.map((e) => [e.id, e]));
    const vectorResults = records.map((r) => {
      const entry = byId.get(r.id)!;
      return { id: r.id, comment: entry.comment, cls: r.case.cls, passed: !failed.has(r.id) };
    });
    return { suite, total: records.length, failures, vectorResults };
  }

  private async runProperty(suite: PropertySuite): Promise<SuiteOutcome<V>> {
    const cases = propertyCases(suite, this.options.seed, this.sources);
    const { records, failures } = await this.judgeAll(suite, cases, String);
    const outcome: SuiteOutcome<V> = { suite, total: records.length, failures };
    const first = failures[0];
    if (first === undefined) return outcome;
    const kind = this.judge.failure(first.verdict);
    const shrunk = await this.shrink(suite, first.index, (_c, v) => this.judge.failure(v) === kind);
    outcome.shrunk =
      shrunk === undefined
        ? { case: first.case, verdict: first.verdict, path: String(first.index), numShrinks: 0, replayed: false, from: first.index }
        : { ...shrunk, from: first.index };
    return outcome;
  }
}
