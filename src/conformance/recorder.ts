// Recording a run and turning it into its report: per-class counts, the coverage matrix and the
// diagnosis are collected case by case while the engine runs; the failures (or differences) are
// listed once it is done, with a minimal example for each cause. Shared by every kind of run.
import type { AdapterAnswer } from './adapter.js';
import type { KitCase, PropertySuite, Suite } from './cases.js';
import { CHECK_CLASSES, checkClass, levelOf, levelWithin, type CheckClassId, type Level } from './classes.js';
import { CoverageCollector } from './coverage.js';
import { diagnoseClass, ValidCaseDiagnosis, type FailureView } from './diagnosis.js';
import { faultChars } from './display.js';
import type { CaseRecord, Engine, SuiteOutcome } from './engine.js';
import { FEATURES, featuresOf, tokenFacts } from './features.js';
import type { ConformanceVerdict, DifferentialVerdict } from './judge.js';
import type { ResolvedOptions } from './options.js';
import type { Shrunk } from './property-runner.js';
import { REPORT_SCHEMA, type CaseReport, type ClassSummary, type ConformanceReport, type Diagnosis, type Difference, type DifferentialReport, type Failure, type PropertyResult, type RunSettings, type VectorCase } from './report.js';

const perfNow = performance.now.bind(performance);

/** Now, in milliseconds (captured at load: an in-process adapter could patch globals). */
export const now = (): number => perfNow();

/** At most this many causes get a minimal example of their own (each costs a shrink). */
const MAX_EXAMPLES = 3;

const isValidClass = (cls: CheckClassId): boolean => cls === 'valid' || cls === 'valid-ascii-json';

interface Counts {
  cases: number;
  failed: number;
  regressions: number;
  improvements: number;
  bothWrong: number;
  allowed: number;
}

/** A listed case: the record (or shrunk case) with where it came from. */
interface Entry<V> {
  suite: Suite;
  case: KitCase;
  verdict: V;
  kind: 'vector' | 'property';
  id: string;
  comment: string;
  flags?: string[];
  path?: string;
  numShrinks?: number;
  shrunk?: boolean;
}

/** The listed entry of a property's minimal case, found while diagnosing cause number `cause`. */
function shrunkEntry<V>(suite: PropertySuite, shrunk: Shrunk<V>, cause: number): Entry<V> {
  return {
    suite,
    case: shrunk.case,
    verdict: shrunk.verdict,
    kind: 'property',
    id: suite.name,
    comment: `${suite.comment} (minimal case of cause ${cause} of the diagnosis)`,
    path: shrunk.path,
    numShrinks: shrunk.numShrinks,
    shrunk: true,
  };
}

/**
 * Collects what a run needs for its report while the engine runs (`observe`), then builds the
 * report. `V` is the judge's verdict; `failedForDiagnosis` says which verdicts the diagnosis
 * explains (conformance: every failure; differential: regressions).
 */
export class Recorder<V extends ConformanceVerdict | DifferentialVerdict> {
  private readonly counts = new Map<CheckClassId, Counts>();
  private readonly coverage = new CoverageCollector();
  private readonly valid = new ValidCaseDiagnosis<CaseRecord<V>>();

  constructor(
    private readonly options: ResolvedOptions,
    private readonly diagnosable: (verdict: V) => boolean,
  ) {}

  /** The engine's observer: counts every judged case. */
  readonly observe = (_suite: Suite, record: CaseRecord<V>, failed: boolean): void => {
    const cls = record.case.cls;
    let c = this.counts.get(cls);
    if (c === undefined) {
      c = { cases: 0, failed: 0, regressions: 0, improvements: 0, bothWrong: 0, allowed: 0 };
      this.counts.set(cls, c);
    }
    c.cases++;
    const v = record.verdict;
    if ('outcome' in v) {
      if (v.outcome === 'regression') c.regressions++;
      else if (v.outcome === 'improvement') c.improvements++;
      else if (v.outcome === 'both-wrong') c.bothWrong++;
      else if (v.outcome === 'allowed') c.allowed++;
      if (v.outcome === 'regression') c.failed++;
    } else if (failed) {
      c.failed++;
    }
    if (isValidClass(cls)) {
      const x = record.case.expectation;
      const facts = tokenFacts(record.case.token, x.expected === 'accept' ? x : undefined, record.case.bytes);
      if (facts !== undefined) {
        const counted = this.diagnosable(v);
        this.coverage.add(facts, counted);
        this.valid.add(facts, counted ? record : undefined);
      }
    }
  };

  private level(cls: CheckClassId): Level {
    return levelOf(checkClass(cls)!, this.options.verifies);
  }

  /** Whether failures of a class fail the run. */
  private gating(cls: CheckClassId): boolean {
    return levelWithin(this.level(cls), this.options.failOn) && !this.options.allow.has(cls);
  }

  private classes(differential: boolean): ClassSummary[] {
    return CHECK_CLASSES.map((cls) => {
      const c = this.counts.get(cls.id);
      const level = levelOf(cls, this.options.verifies);
      const failed = c?.failed ?? 0;
      // A differential run judges every class whatever the profile; a conformance run only the profile's.
      let status: ClassSummary['status'] = c === undefined ? 'not-run' : 'pass';
      if (failed > 0) status = this.options.allow.has(cls.id) ? 'waived' : this.gating(cls.id) ? 'fail' : 'advisory';
      const summary: ClassSummary = { id: cls.id, level, requirement: cls.requirement, rule: cls.rule, cases: c?.cases ?? 0, failed, status };
      if (differential) summary.outcomes = { regressions: c?.regressions ?? 0, improvements: c?.improvements ?? 0, bothWrong: c?.bothWrong ?? 0, allowed: c?.allowed ?? 0 };
      return summary;
    });
  }

  private settings(): RunSettings {
    const o = this.options;
    return { runs: o.runs, algorithms: [...o.algorithms], maxHeaderBytes: o.maxHeaderBytes, maxPayloadBytes: o.maxPayloadBytes, verifies: o.verifies, allow: [...o.allow] };
  }

  private caseReport(e: Entry<V>): CaseReport {
    const c = e.case;
    const x = c.expectation;
    const r: CaseReport = {
      kind: e.kind,
      id: e.id,
      class: c.cls,
      level: this.level(c.cls),
      requirement: checkClass(c.cls)!.requirement,
      gating: this.gating(c.cls),
      comment: e.comment,
      token: c.token,
      expected: x.expected,
    };
    if (x.expected === 'accept') {
      r.expectedHeader = x.header;
      r.expectedPayload = x.payload;
    } else if (x.lastWins !== undefined) {
      r.lastWins = x.lastWins;
    }
    if (c.fault?.code !== undefined) r.faultCode = c.fault.code;
    const chars = faultChars(c.token, c.fault, x.expected === 'accept');
    if (chars.length > 0) r.faultAt = chars;
    if (e.flags !== undefined) r.flags = e.flags;
    if (e.kind === 'property') {
      r.seed = this.options.seed;
      r.path = e.path ?? '';
      r.numShrinks = e.numShrinks ?? 0;
      r.shrunk = e.shrunk === true;
    }
    return r;
  }

  /** Every failing case of the run, in order: per suite, a property's shrunk case first, then the others as drawn. */
  private entries(outcomes: ReadonlyArray<SuiteOutcome<V>>): { entries: Array<Entry<V>>; indexOf: Map<CaseRecord<V>, number> } {
    const entries: Array<Entry<V>> = [];
    const indexOf = new Map<CaseRecord<V>, number>();
    for (const o of outcomes) {
      const s = o.suite;
      if (s.kind === 'vectors') {
        const byId = new Map(s.entries.map((e) => [e.id, e]));
        for (const f of o.failures) {
          const v = byId.get(f.id)!;
          indexOf.set(f, entries.length);
          entries.push({ suite: s, case: f.case, verdict: f.verdict, kind: 'vector', id: f.id, comment: v.comment, flags: v.flags });
        }
        continue;
      }
      if (o.shrunk === undefined) continue;
      const shrunkIndex = entries.length;
      entries.push({
        suite: s,
        case: o.shrunk.case,
        verdict: o.shrunk.verdict,
        kind: 'property',
        id: s.name,
        comment: o.shrunk.replayed ? `${s.comment} (minimal case, from generated case ${o.shrunk.from})` : `${s.comment} (did not fail again on replay: the adapter is not deterministic; not shrunk)`,
        path: o.shrunk.path,
        numShrinks: o.shrunk.numShrinks,
        shrunk: o.shrunk.replayed,
      });
      for (const f of o.failures) {
        if (f.case.token === o.shrunk.case.token) {
          indexOf.set(f, shrunkIndex);
          continue;
        }
        indexOf.set(f, entries.length);
        entries.push({ suite: s, case: f.case, verdict: f.verdict, kind: 'property', id: s.name, comment: `${s.comment} (generated case ${f.index}, as drawn)`, path: String(f.index), numShrinks: 0, shrunk: false });
      }
    }
    return { entries, indexOf };
  }

  private properties(outcomes: ReadonlyArray<SuiteOutcome<V>>): PropertyResult[] {
    return outcomes.flatMap((o): PropertyResult[] => {
      if (o.suite.kind !== 'property') return [];
      const p: PropertyResult = { name: o.suite.name, class: o.suite.cls, level: this.level(o.suite.cls), numRuns: o.total, failed: o.failures.length > 0, failedRuns: o.failures.length, seed: this.options.seed };
      if (o.shrunk !== undefined) {
        p.path = o.shrunk.path;
        p.numShrinks = o.shrunk.numShrinks;
      }
      return [p];
    });
  }

  private vectors(outcomes: ReadonlyArray<SuiteOutcome<V>>): { summary: ConformanceReport['vectors']; cases: VectorCase[] } {
    const o = outcomes.find((x) => x.suite.kind === 'vectors');
    const results = o?.vectorResults ?? [];
    const failed = results.filter((r) => !r.passed).length;
    const skipped = o?.suite.kind === 'vectors' ? o.suite.skipped : 0;
    const cases = results.map((r): VectorCase => {
      const cls = r.cls as CheckClassId;
      return { id: r.id, comment: r.comment, class: cls, level: this.level(cls), expected: isValidClass(cls) ? 'accept' : 'reject', passed: r.passed };
    });
    return { summary: { total: results.length, passed: results.length - failed, failed, skipped }, cases };
  }

  /**
   * The causes of the failures, each with a minimal example: valid-token causes from the coverage,
   * then one per failing fault class. A cause whose group lacks the property's shrunk case gets its
   * own shrink, kept to that cause (it is listed with the failures).
   */
  private async diagnose(
    entries: Array<Entry<V>>,
    indexOf: Map<CaseRecord<V>, number>,
    outcomes: ReadonlyArray<SuiteOutcome<V>>,
    classes: ClassSummary[],
    engine: Engine<V>,
    view: (e: Entry<V>) => FailureView,
    makeEntry: (suite: PropertySuite, shrunk: Shrunk<V>, cause: number) => Entry<V>,
  ): Promise<Diagnosis[]> {
    const out: Diagnosis[] = [];
    const coverage = this.coverage.result();
    const differential = classes.some((c) => c.outcomes !== undefined);
    const words = differential ? { failure: 'regression', parser: 'the candidate' } : { failure: 'failure', parser: 'the parser' };
    const validCauses = this.valid.diagnose('accept', (r) => view(entries[indexOf.get(r)!]!), classes, coverage, words);
    let examples = 0;
    for (const d of validCauses) {
      const { members, ...diagnosis } = d;
      diagnosis.gating = diagnosis.classes.some((c) => this.gating(c));
      const indices = [...new Set(members.map((r) => indexOf.get(r)!))];
      const shrunkMember = indices.find((i) => entries[i]!.shrunk === true);
      if (shrunkMember !== undefined) {
        diagnosis.example = shrunkMember;
      } else if (d.feature !== undefined && examples < MAX_EXAMPLES) {
        // Shrink a generated member of this group, keeping the cause's feature: a minimal token of this cause.
        const feature = FEATURES.findIndex((f) => f.id === d.feature);
        const member = members.find((r) => isValidClass(r.case.cls) && /^\d+$/.test(r.id));
        const suite = member === undefined ? undefined : outcomes.find((o) => o.suite.kind === 'property' && o.failures.includes(member))?.suite;
        if (member !== undefined && suite?.kind === 'property') {
          const shrunk = await engine.shrink(suite, member.index, (c, v) => {
            if (!this.diagnosable(v)) return false;
            const facts = tokenFacts(c.token);
            return facts !== undefined && featuresOf(facts)[feature] === true;
          });
          if (shrunk !== undefined) {
            diagnosis.example = entries.length;
            entries.push(makeEntry(suite, shrunk, out.length + 1));
            examples++;
          }
        }
        if (diagnosis.example === undefined && indices[0] !== undefined) diagnosis.example = indices[0];
      } else if (indices[0] !== undefined) {
        diagnosis.example = indices[0];
      }
      out.push(diagnosis);
    }
    for (const summary of classes) {
      if (summary.failed === 0 || isValidClass(summary.id)) continue;
      const members = entries.flatMap((e, i) => (e.case.cls === summary.id && this.diagnosable(e.verdict) ? [i] : []));
      if (members.length === 0) continue;
      const { members: _m, ...diagnosis } = diagnoseClass(summary, members, (i) => view(entries[i]!));
      diagnosis.example = members.find((i) => entries[i]!.shrunk === true) ?? members[0]!;
      out.push(diagnosis);
    }
    return out;
  }

  private base(outcomes: ReadonlyArray<SuiteOutcome<V>>, classes: ClassSummary[], calls: number, started: number) {
    const durationMs = now() - started;
    const vectors = this.vectors(outcomes);
    const notes = [...this.options.notes];
    if (vectors.summary.skipped > 0) notes.push(`${vectors.summary.skipped} vectors skipped: their alg or sizes are outside this run's --alg / --max-*-bytes`);
    return {
      schema: REPORT_SCHEMA as typeof REPORT_SCHEMA,
      profile: this.options.profile,
      failOn: this.options.failOn,
      seed: this.options.seed,
      vectorsVersion: this.options.vectors.version,
      settings: this.settings(),
      classes,
      vectors: vectors.summary,
      vectorCases: vectors.cases,
      properties: this.properties(outcomes),
      coverage: this.coverage.result(),
      notes,
      cases: calls,
      durationMs,
      casesPerSecond: durationMs > 0 ? (calls * 1000) / durationMs : 0,
    };
  }

  /** The report of a conformance run. */
  async conformanceReport(this: Recorder<ConformanceVerdict>, adapter: string, outcomes: ReadonlyArray<SuiteOutcome<ConformanceVerdict>>, engine: Engine<ConformanceVerdict>, calls: () => number, started: number): Promise<ConformanceReport> {
    const classes = this.classes(false);
    const { entries, indexOf } = this.entries(outcomes);
    const view = (e: Entry<ConformanceVerdict>): FailureView => toView(e.case, e.verdict.answer, e.verdict.difference ?? '');
    const diagnosis = await this.diagnose(entries, indexOf, outcomes, classes, engine, view, shrunkEntry);
    const failures = entries.map((e): Failure => {
      const f: Failure = { ...this.caseReport(e), answer: e.verdict.answer, difference: e.verdict.difference ?? '' };
      if (e.verdict.twin !== undefined) f.twinAnswer = e.verdict.twin;
      return f;
    });
    return { kind: 'conformance', adapter, passed: !failures.some((f) => f.gating), ...this.base(outcomes, classes, calls(), started), diagnosis, failures };
  }

  /** The report of a differential run. */
  async differentialReport(
    this: Recorder<DifferentialVerdict>,
    names: { candidate: string; baseline: string },
    outcomes: ReadonlyArray<SuiteOutcome<DifferentialVerdict>>,
    engine: Engine<DifferentialVerdict>,
    calls: () => number,
    started: number,
  ): Promise<DifferentialReport> {
    const classes = this.classes(true);
    const { entries, indexOf } = this.entries(outcomes);
    const view = (e: Entry<DifferentialVerdict>): FailureView => toView(e.case, e.verdict.candidate, e.verdict.candidateWrong ?? e.verdict.difference ?? '');
    const diagnosis = await this.diagnose(entries, indexOf, outcomes, classes, engine, view, shrunkEntry);
    const differences = entries.map((e): Difference => {
      const v = e.verdict;
      const d: Difference = { ...this.caseReport(e), outcome: v.outcome === 'same' ? 'allowed' : v.outcome, candidate: v.candidate, baseline: v.baseline, difference: v.difference ?? '' };
      // Only a regression fails the gate.
      d.gating = d.gating && v.outcome === 'regression';
      if (v.candidateWrong !== undefined) d.candidateWrong = v.candidateWrong;
      if (v.baselineWrong !== undefined) d.baselineWrong = v.baselineWrong;
      return d;
    });
    const outcomesCount = { regressions: 0, improvements: 0, bothWrong: 0, allowed: 0 };
    for (const c of classes) {
      if (c.outcomes === undefined) continue;
      outcomesCount.regressions += c.outcomes.regressions;
      outcomesCount.improvements += c.outcomes.improvements;
      outcomesCount.bothWrong += c.outcomes.bothWrong;
      outcomesCount.allowed += c.outcomes.allowed;
    }
    return {
      kind: 'differential',
      candidate: names.candidate,
      baseline: names.baseline,
      passed: !differences.some((d) => d.gating),
      ...this.base(outcomes, classes, calls(), started),
      diagnosis,
      differences,
      outcomes: outcomesCount,
    };
  }
}

function toView(c: KitCase, answer: AdapterAnswer, difference: string): FailureView {
  const v: FailureView = { cls: c.cls, answer, difference };
  if (c.expectation.expected === 'accept') {
    v.expectedHeader = c.expectation.header;
    v.expectedPayload = c.expectation.payload;
  }
  return v;
}
