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

  /** Judges the cases at once; records each (observe) and keeps the failures, in order. */
  private async judgeAll(suite: Suite, items: Array<{ id: string; case: KitCase }>): Promise<{ records: Array<CaseRecord<V>>; failures: Array<CaseRecord<V>> }> {
    const select = this.options.select;
    const picked = select === undefined ? items.map((item, index) => ({ ...item, index })) : items.flatMap((item, index) => (select(suite, index) ? [{ ...item, index }] : []));
    // One promise reaction per case (no async wrapper): in-process adapters answer in microseconds.
    const verdicts = await Promise.all(
      picked.map((item) =>
        this.judge.judge(item.case).then((verdict) => {
          this.progress();
          return verdict;
        }),
      ),
    );
    const records: Array<CaseRecord<V>> = [];
    const failures: Array<CaseRecord<V>> = [];
    for (let i = 0; i < picked.length; i++) {
      const item = picked[i]!;
      const record: CaseRecord<V> = { index: item.index, id: item.id, case: item.case, verdict: verdicts[i]! };
      const failed = this.judge.failure(record.verdict) !== undefined;
      this.options.observe?.(suite, record, failed);
      records.push(record);
      if (failed) failures.push(record);
    }
    return { records, failures };
  }

  private async runVectors(suite: Extract<Suite, { kind: 'vectors' }>): Promise<SuiteOutcome<V>> {
    const { records, failures } = await this.judgeAll(
      suite,
      suite.entries.map((e) => ({ id: e.id, case: e.case })),
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
    const { records, failures } = await this.judgeAll(
      suite,
      cases.map((c, index) => ({ id: String(index), case: c })),
    );
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
