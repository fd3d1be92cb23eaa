// Joining the reports of a sharded run (`captoken report merge`): JSON reports into one JSON report,
// JUnit files into one JUnit file, with nothing lost. Counts add up; every failure, difference and
// corpus finding is kept. Each shard shrinks its own failing properties, so a property can come with
// one minimal case per shard: all are kept, and the smallest (shortest token, then code-unit order)
// is the property's minimal case, listed first. The merged order does not depend on the order of the files.
import { configError } from '../errors.js';
import type { CorpusReport } from './corpus-report.js';
import type { Coverage } from './coverage.js';
import type { Expectation, ExpectationsResult } from './expectations.js';
import type { CaseReport, CheckReport, ClassSummary, ConformanceReport, Diagnosis, DifferentialReport, PropertyResult, Report } from './report.js';
import type { Shard } from './shard.js';

const STATUS_RANK: Readonly<Record<ClassSummary['status'], number>> = { fail: 4, advisory: 3, waived: 2, pass: 1, 'not-run': 0 };

/** Shorter first, then code-unit order: the deterministic choice among shards' minimal cases. */
function smaller(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/** fast-check paths ("1:0:4") in order: segment by segment, numerically; a prefix first. */
function comparePaths(a: string | undefined, b: string | undefined): number {
  const x = (a ?? '').split(':').map(Number);
  const y = (b ?? '').split(':').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function vectorNumber(id: string): number {
  const m = /^tcId:(\d+)/.exec(id);
  return m === null ? Number.MAX_SAFE_INTEGER : Number(m[1]);
}

/** Listing order of merged cases: vectors by id, then properties by name with the minimal cases first, the rest by path. */
function byCase<T extends CaseReport>(entries: T[]): T[] {
  const best = new Map<string, string>();
  for (const e of entries) {
    if (e.kind !== 'property' || e.shrunk !== true) continue;
    const b = best.get(e.id);
    if (b === undefined || smaller(e.token, b) < 0) best.set(e.id, e.token);
  }
  const rank = (e: T): number => (e.kind === 'vector' ? 0 : e.shrunk === true ? (best.get(e.id) === e.token ? 1 : 2) : 3);
  return [...entries].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'vector' ? -1 : 1;
    if (a.kind === 'vector') return vectorNumber(a.id) - vectorNumber(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    if (a.id !== b.id) return a.id < b.id ? -1 : 1;
    return rank(a) - rank(b) || smaller(a.token, b.token) || comparePaths(a.path, b.path);
  });
}

/** The members every merged report takes from its shards, after checking they come from one run. */
function sameRun<S extends string, P extends string>(reports: ReadonlyArray<{ schema: S; passed: boolean; seed: number; profile: P }>): { schema: S; passed: boolean; profile: P; seed: number } {
  const first = reports[0]!;
  for (const r of reports) {
    if (r.seed !== first.seed || r.profile !== first.profile) throw configError(`reports to merge must come from one run: seed ${first.seed} profile ${first.profile}, but one has seed ${r.seed} profile ${r.profile}`);
  }
  return { schema: first.schema, passed: reports.every((r) => r.passed), profile: first.profile, seed: first.seed };
}

function mergeCoverage(list: readonly Coverage[]): Coverage {
  const out: Coverage = structuredClone(list[0]!);
  for (const c of list.slice(1)) {
    out.validCases += c.validCases;
    out.nonAscii.cases += c.nonAscii.cases;
    out.nonAscii.failed += c.nonAscii.failed;
    c.cells.forEach((cell, i) => {
      out.cells[i]!.cases += cell.cases;
      out.cells[i]!.failed += cell.failed;
    });
    c.lengths.forEach((l, i) => {
      out.lengths[i]!.cases += l.cases;
      out.lengths[i]!.failed += l.failed;
    });
  }
  return out;
}

function mergeClasses(list: ReadonlyArray<readonly ClassSummary[]>): ClassSummary[] {
  return list[0]!.map((first, i) => {
    const all = list.map((l) => l[i]!);
    const c: ClassSummary = { ...first, cases: 0, failed: 0 };
    for (const x of all) {
      c.cases += x.cases;
      c.failed += x.failed;
      if (STATUS_RANK[x.status] > STATUS_RANK[c.status]) c.status = x.status;
    }
    if (first.outcomes !== undefined) {
      c.outcomes = { regressions: 0, improvements: 0, bothWrong: 0, allowed: 0 };
      for (const x of all) {
        c.outcomes.regressions += x.outcomes?.regressions ?? 0;
        c.outcomes.improvements += x.outcomes?.improvements ?? 0;
        c.outcomes.bothWrong += x.outcomes?.bothWrong ?? 0;
        c.outcomes.allowed += x.outcomes?.allowed ?? 0;
      }
    }
    if (c.status === 'pass' && all.every((x) => x.status === 'not-run')) c.status = 'not-run';
    return c;
  });
}

function mergeProperties(list: ReadonlyArray<readonly PropertyResult[]>, entries: readonly CaseReport[]): PropertyResult[] {
  const out = new Map<string, PropertyResult>();
  for (const p of list.flat()) {
    const m = out.get(p.name);
    if (m === undefined) {
      out.set(p.name, { ...p });
      continue;
    }
    m.numRuns += p.numRuns;
    m.failedRuns += p.failedRuns;
    m.failed ||= p.failed;
  }
  // The property's minimal case is the smallest of the shards' (listed first by byCase).
  for (const p of out.values()) {
    const best = entries.find((e) => e.kind === 'property' && e.id === p.name && e.shrunk === true);
    if (best?.path !== undefined) {
      p.path = best.path;
      p.numShrinks = best.numShrinks ?? 0;
    } else if (!p.failed) {
      delete p.path;
      delete p.numShrinks;
    }
  }
  return [...out.values()];
}

/** Diagnoses joined by cause; each example points at the same case in the merged list. */
function mergeDiagnosis<T extends CaseReport>(reports: ReadonlyArray<{ diagnosis: Diagnosis[]; entries: readonly T[] }>, merged: readonly T[]): Diagnosis[] {
  const out = new Map<string, Diagnosis>();
  for (const r of reports) {
    for (const d of r.diagnosis) {
      const example = d.example === undefined ? undefined : r.entries[d.example];
      const index = example === undefined ? -1 : merged.indexOf(example);
      const m = out.get(d.cause);
      if (m === undefined) {
        const copy: Diagnosis = { ...d, classes: [...d.classes], evidence: [...d.evidence] };
        delete copy.example;
        if (index >= 0) copy.example = index;
        out.set(d.cause, copy);
        continue;
      }
      m.failures += d.failures;
      m.gating ||= d.gating;
      for (const c of d.classes) if (!m.classes.includes(c)) m.classes.push(c);
      for (const e of d.evidence) if (!m.evidence.includes(e)) m.evidence.push(e);
      if (index >= 0 && (m.example === undefined || smaller(merged[index]!.token, merged[m.example]!.token) < 0)) m.example = index;
    }
  }
  return [...out.values()];
}

function mergeBase<R extends ConformanceReport | DifferentialReport>(reports: readonly R[], entriesOf: (r: R) => Array<R extends ConformanceReport ? R['failures'][number] : DifferentialReport['differences'][number]>) {
  const entries = byCase(reports.flatMap((r) => entriesOf(r) as CaseReport[]));
  const durationMs = reports.reduce((n, r) => n + r.durationMs, 0);
  const cases = reports.reduce((n, r) => n + r.cases, 0);
  const vectorCases = reports.flatMap((r) => r.vectorCases).sort((a, b) => vectorNumber(a.id) - vectorNumber(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    entries,
    base: {
      ...sameRun(reports),
      failOn: reports[0]!.failOn,
      vectorsVersion: reports[0]!.vectorsVersion,
      settings: reports[0]!.settings,
      classes: mergeClasses(reports.map((r) => r.classes)),
      vectors: reports.reduce((v, r) => ({ total: v.total + r.vectors.total, passed: v.passed + r.vectors.passed, failed: v.failed + r.vectors.failed, skipped: Math.max(v.skipped, r.vectors.skipped) }), { total: 0, passed: 0, failed: 0, skipped: 0 }),
      vectorCases,
      properties: mergeProperties(
        reports.map((r) => r.properties),
        entries,
      ),
      coverage: mergeCoverage(reports.map((r) => r.coverage)),
      diagnosis: mergeDiagnosis(
        reports.map((r) => ({ diagnosis: r.diagnosis, entries: entriesOf(r) })),
        entries,
      ),
      notes: [...new Set(reports.flatMap((r) => r.notes))],
      cases,
      durationMs,
      casesPerSecond: durationMs > 0 ? (cases * 1000) / durationMs : 0,
    },
  };
}

function mergeConformance(reports: readonly ConformanceReport[]): ConformanceReport {
  const { entries, base } = mergeBase(reports, (r) => r.failures);
  return { kind: 'conformance', adapter: reports[0]!.adapter, ...base, failures: entries as ConformanceReport['failures'] };
}

function mergeDifferential(reports: readonly DifferentialReport[]): DifferentialReport {
  const { entries, base } = mergeBase(reports, (r) => r.differences);
  const outcomes = { regressions: 0, improvements: 0, bothWrong: 0, allowed: 0 };
  for (const r of reports) {
    outcomes.regressions += r.outcomes.regressions;
    outcomes.improvements += r.outcomes.improvements;
    outcomes.bothWrong += r.outcomes.bothWrong;
    outcomes.allowed += r.outcomes.allowed;
  }
  return { kind: 'differential', candidate: reports[0]!.candidate, baseline: reports[0]!.baseline, ...base, differences: entries as DifferentialReport['differences'], outcomes };
}

function mergeCorpus(list: readonly CorpusReport[]): CorpusReport {
  const first = list[0]!;
  const reproductions: CorpusReport['reproductions'] = [];
  const findings = list.flatMap((r) =>
    r.findings.map((f) => {
      const copy = { ...f };
      if (f.reproduction !== undefined) {
        const repro = r.reproductions[f.reproduction]!;
        let i = reproductions.findIndex((x) => x.token === repro.token);
        if (i === -1) i = reproductions.push({ ...repro, findings: 0 }) - 1;
        reproductions[i]!.findings++;
        copy.reproduction = i;
      }
      return copy;
    }),
  );
  findings.sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line));
  const durationMs = list.reduce((n, r) => n + r.durationMs, 0);
  const tokens = list.reduce((n, r) => n + r.tokens, 0);
  const sum = (f: (r: CorpusReport) => number): number => list.reduce((n, r) => n + f(r), 0);
  return {
    files: [...new Set(list.flatMap((r) => r.files))],
    // Every shard reads every line; each judges its own.
    lines: first.lines,
    tokens,
    skipped: first.skipped,
    otherShards: first.lines - first.skipped - tokens,
    captoken: { valid: sum((r) => r.captoken.valid), invalid: sum((r) => r.captoken.invalid) },
    outcomes: {
      failures: sum((r) => r.outcomes.failures),
      regressions: sum((r) => r.outcomes.regressions),
      improvements: sum((r) => r.outcomes.improvements),
      bothWrong: sum((r) => r.outcomes.bothWrong),
      allowed: sum((r) => r.outcomes.allowed),
    },
    passed: list.every((r) => r.passed),
    showClaims: list.some((r) => r.showClaims),
    findings,
    findingsOmitted: sum((r) => r.findingsOmitted),
    reproductions,
    durationMs,
    tokensPerSecond: durationMs > 0 ? (tokens * 1000) / durationMs : 0,
    peakRssMiB: Math.max(...list.map((r) => r.peakRssMiB)),
    ...(list.some((r) => r.reproductionMs !== undefined) ? { reproductionMs: sum((r) => r.reproductionMs ?? 0) } : {}),
  };
}

const expectationKey = (e: Expectation): string => `${e.scope} ${e.id} ${e.class}`;

function mergeExpectations(list: ReadonlyArray<ExpectationsResult | undefined>): ExpectationsResult | undefined {
  const present = list.filter((x): x is ExpectationsResult => x !== undefined);
  if (present.length === 0) return undefined;
  const uniq = <T extends Expectation>(xs: T[]): T[] => [...new Map(xs.map((x) => [expectationKey(x), x])).values()];
  // `fixed` needs the whole run: pass the expectations file to the merge to compute it.
  return { file: present[0]!.file, known: uniq(present.flatMap((x) => x.known)), new: uniq(present.flatMap((x) => x.new)), fixed: [] };
}

/**
 * Joins the JSON reports of a sharded run into the report of the whole run. All must be of one kind,
 * seed and profile. Counts add up; no failure, difference or corpus finding is dropped.
 *
 * @example
 * const merged = mergeReports([shard1, shard2]);
 *
 * @throws {CaptokenError} `CONFIG_INVALID` when the reports cannot be joined.
 */
export function mergeReports(reports: readonly Report[]): Report {
  if (reports.length === 0) throw configError('no reports to merge');
  const kind = reports[0]!.kind;
  if (!reports.every((r) => r.kind === kind)) throw configError('reports to merge must be of one kind (check, conformance or differential)');
  if (kind === 'conformance') return mergeConformance(reports as ConformanceReport[]);
  if (kind === 'differential') return mergeDifferential(reports as DifferentialReport[]);
  // In shard order, whatever order the files came in: the merged report is then the same file for
  // every order (shrunk cases of equal size, diagnosis evidence).
  const shardOf = (r: CheckReport): number => r.shard?.index ?? r.shards?.[0]?.index ?? 0;
  const checks = [...(reports as CheckReport[])].sort((a, b) => shardOf(a) - shardOf(b));
  const run = sameRun(checks);
  const withDiff = checks.filter((r) => r.differential !== null);
  if (withDiff.length !== 0 && withDiff.length !== checks.length) throw configError('reports to merge must all have a baseline, or none');
  const corpora = checks.flatMap((r) => (r.corpus === undefined ? [] : [r.corpus]));
  const out: CheckReport = {
    kind: 'check',
    ...run,
    candidate: checks[0]!.candidate,
    baseline: checks[0]!.baseline,
    conformance: mergeConformance(checks.map((r) => r.conformance)),
    differential: withDiff.length === 0 ? null : mergeDifferential(withDiff.map((r) => r.differential!)),
  };
  if (corpora.length > 0) out.corpus = mergeCorpus(corpora);
  const shards: Shard[] = checks.flatMap((r) => r.shards ?? (r.shard === undefined ? [] : [r.shard]));
  if (shards.length > 0) out.shards = shards.sort((a, b) => a.index - b.index);
  const expectations = mergeExpectations(checks.map((r) => r.expectations));
  if (expectations !== undefined) out.expectations = expectations;
  return out;
}

const SUITE = /<testsuite\b([^>]*)>([\s\S]*?)<\/testsuite>|<testsuite\b([^>]*)\/>/g;
const attr = (attrs: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];

/**
 * Joins JUnit files (as captoken writes them): test suites of the same name become one, with every
 * testcase of every file, in file order; the counts are summed.
 *
 * @throws {CaptokenError} `CONFIG_INVALID` when a file holds no <testsuites> document.
 *
 * @example
 * const xml = mergeJunit([readFileSync('shard-1.xml', 'utf8'), readFileSync('shard-2.xml', 'utf8')]);
 */
export function mergeJunit(documents: readonly string[]): string {
  const suites = new Map<string, { tests: number; failures: number; skipped: number; body: string[] }>();
  let time = 0;
  const names: string[] = [];
  for (const doc of documents) {
    const root = /<testsuites\b([^>]*)>/.exec(doc);
    if (root === null) throw configError('a JUnit file to merge holds no <testsuites> element');
    time += Number(attr(root[1]!, 'time') ?? 0);
    const name = attr(root[1]!, 'name');
    if (name !== undefined && !names.includes(name)) names.push(name);
    for (const m of doc.matchAll(SUITE)) {
      const attrs = m[1] ?? m[3] ?? '';
      const suiteName = attr(attrs, 'name') ?? '';
      let s = suites.get(suiteName);
      if (s === undefined) suites.set(suiteName, (s = { tests: 0, failures: 0, skipped: 0, body: [] }));
      s.tests += Number(attr(attrs, 'tests') ?? 0);
      s.failures += Number(attr(attrs, 'failures') ?? 0);
      s.skipped += Number(attr(attrs, 'skipped') ?? 0);
      const body = (m[2] ?? '').replace(/^\n+/, '').trimEnd();
      if (body !== '') s.body.push(body);
    }
  }
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const xml: string[] = [];
  for (const [name, s] of suites) {
    tests += s.tests;
    failures += s.failures;
    skipped += s.skipped;
    xml.push(`  <testsuite name="${name}" tests="${s.tests}" failures="${s.failures}" skipped="${s.skipped}">`, ...s.body, '  </testsuite>');
  }
  const name = names.length === 1 ? `${names[0]!} (merged from ${documents.length} reports)` : `captoken (merged from ${documents.length} reports)`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${name}" tests="${tests}" failures="${failures}" skipped="${skipped}" time="${time.toFixed(3)}">`, ...xml, '</testsuites>', ''].join('\n');
}
