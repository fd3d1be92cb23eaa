// Known deviations, committed next to a parser (in the spirit of web-platform-tests' expectation
// metadata): a deviation listed here is reported but does not fail the gate; a new one fails it; one
// listed but no longer seen is reported as fixed. One line per deviation:
//
//   # captoken expectations v1
//   conformance  tcId:17        char-plus        # vector 17, class char-plus
//   conformance  property:valid valid            # the generated valid tokens
//   differential tcId:4         valid            # a regression against the baseline
//   corpus       sha256:3f1c0a9e2b7d valid       # a corpus token, by fingerprint
//
// A `.json` file holds the same entries: { "version": 1, "expectations": [{ "scope", "id", "class", "note"? }] }.
import { readFile, writeFile } from 'node:fs/promises';
import { configError } from '../errors.js';
import { EXPECTATION_SCOPES, type Expectation, type ExpectationScope, type ExpectationsResult } from './expectation-types.js';
import type { CheckReport, ClassSummary } from './report.js';

export { EXPECTATION_SCOPES, type Expectation, type ExpectationScope, type ExpectationsResult } from './expectation-types.js';

const key = (e: Expectation): string => `${e.scope} ${e.id} ${e.class}`;

/**
 * Reads an expectations file (line format, or JSON for a `.json` file).
 *
 * @throws {CaptokenError} `CONFIG_INVALID` when it cannot be read or a line is malformed.
 *
 * @example
 * const expected = await readExpectations('captoken-expectations.txt');
 */
export async function readExpectations(file: string): Promise<Expectation[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw configError(`expectations file ${file} cannot be read`);
  }
  return parseExpectations(text, file.endsWith('.json'));
}

/**
 * Parses the text of an expectations file. @throws {CaptokenError} `CONFIG_INVALID` on a malformed entry.
 *
 * @example
 * parseExpectations('conformance tcId:17 char-plus  # known')
 */
export function parseExpectations(text: string, json = false): Expectation[] {
  const check = (e: Partial<Expectation>, where: string): Expectation => {
    if (!EXPECTATION_SCOPES.includes(e.scope as ExpectationScope) || typeof e.id !== 'string' || e.id === '' || typeof e.class !== 'string' || e.class === '') {
      throw configError(`expectations ${where}: want "<${EXPECTATION_SCOPES.join('|')}> <id> <class>"`);
    }
    const out: Expectation = { scope: e.scope as ExpectationScope, id: e.id, class: e.class };
    if (typeof e.note === 'string' && e.note !== '') out.note = e.note;
    return out;
  };
  if (json) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      throw configError('expectations file is not JSON');
    }
    const list = (doc as { expectations?: unknown } | null)?.expectations;
    if (!Array.isArray(list)) throw configError('expectations JSON needs an "expectations" array');
    return list.map((e, i) => check((e ?? {}) as Partial<Expectation>, `entry ${i}`));
  }
  const out: Expectation[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const hash = raw.indexOf('#');
    const body = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (body === '') return;
    const [scope, id, cls, ...rest] = body.split(/\s+/);
    if (rest.length > 0) throw configError(`expectations line ${i + 1}: too many fields`);
    const e: Partial<Expectation> = { scope: scope as ExpectationScope, id: id!, class: cls! };
    const note = hash === -1 ? '' : raw.slice(hash + 1).trim();
    if (note !== '') e.note = note;
    out.push(check(e, `line ${i + 1}`));
  });
  return out;
}

/**
 * The text of an expectations file (line format, or JSON), sorted, one entry per deviation.
 *
 * @example
 * writeFileSync('captoken-expectations.txt', serializeExpectations(deviations(report)));
 *
 * @throws never
 */
export function serializeExpectations(entries: readonly Expectation[], json = false): string {
  const sorted = [...new Map(entries.map((e) => [key(e), e])).values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (json) return `${JSON.stringify({ version: 1, expectations: sorted }, null, 2)}\n`;
  const lines = ['# captoken expectations v1: known deviations, reported but not failing the gate.', '# <scope: conformance|differential|corpus> <id: tcId:N | property:NAME | sha256:FINGERPRINT> <check class>  [# note]'];
  for (const e of sorted) lines.push(`${e.scope} ${e.id} ${e.class}${e.note === undefined ? '' : `  # ${e.note}`}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Writes the deviations of a run as an expectations file.
 *
 * @example
 * await writeExpectations('captoken-expectations.txt', report);
 *
 * @throws {Error} when the file cannot be written (the file system's error).
 */
export async function writeExpectations(file: string, report: CheckReport): Promise<Expectation[]> {
  const entries = deviations(report).map(({ gating: _g, ...e }) => e);
  await writeFile(file, serializeExpectations(entries, file.endsWith('.json')));
  return entries;
}

/**
 * Every deviation of a check: failing vectors and properties of the conformance run, regressions of
 * the differential, failing and regressed corpus tokens; each with whether it fails the gate.
 *
 * @example
 * for (const d of deviations(report)) console.log(d.scope, d.id, d.class, d.gating);
 *
 * @throws never
 */
export function deviations(report: CheckReport): Array<Expectation & { gating: boolean }> {
  const out = new Map<string, Expectation & { gating: boolean }>();
  const add = (e: Expectation, gating: boolean): void => {
    const k = key(e);
    const prev = out.get(k);
    out.set(k, { ...e, gating: gating || prev?.gating === true });
  };
  const caseId = (c: { kind: 'vector' | 'property'; id: string }): string => (c.kind === 'vector' ? c.id : `property:${c.id}`);
  for (const f of report.conformance.failures) add({ scope: 'conformance', id: caseId(f), class: f.class }, f.gating);
  for (const d of report.differential?.differences ?? []) if (d.outcome === 'regression') add({ scope: 'differential', id: caseId(d), class: d.class }, d.gating);
  for (const f of report.corpus?.findings ?? []) if (f.outcome === 'fail' || f.outcome === 'regression') add({ scope: 'corpus', id: f.fingerprint, class: f.class }, f.gating);
  return [...out.values()];
}

/**
 * Holds a check's deviations against the expectations: the report's `expectations` section, and
 * `passed` recomputed (no new deviation that gates). A run without a corpus, or without a baseline,
 * does not report that scope's expectations as fixed; nor does a single shard (another shard may hold them).
 *
 * @example
 * const held = applyExpectations(report, await readExpectations('captoken-expectations.txt'), 'captoken-expectations.txt');
 *
 * @throws never
 */
export function applyExpectations(report: CheckReport, expected: readonly Expectation[], file: string): CheckReport {
  const seen = deviations(report);
  const listed = new Map(expected.map((e) => [key(e), e]));
  const seenKeys = new Set(seen.map(key));
  const ran = (scope: ExpectationScope): boolean => (scope === 'corpus' ? report.corpus !== undefined : scope === 'differential' ? report.differential !== null : true);
  const sharded = report.shard !== undefined && report.shard.count > 1;
  const result: ExpectationsResult = {
    file,
    known: seen.filter((e) => listed.has(key(e))).map((e) => listed.get(key(e))!),
    new: seen.filter((e) => !listed.has(key(e))),
    fixed: sharded ? [] : expected.filter((e) => ran(e.scope) && !seenKeys.has(key(e))),
  };
  // Known deviations no longer gate, wherever a reporter looks: the cases (`gating: false`), their
  // classes (`waived` once no gating case is left) and each section's verdict.
  const known = (e: Expectation): boolean => listed.has(key(e));
  const caseId = (c: { kind: 'vector' | 'property'; id: string }): string => (c.kind === 'vector' ? c.id : `property:${c.id}`);
  const failures = report.conformance.failures.map((f) => (f.gating && known({ scope: 'conformance', id: caseId(f), class: f.class }) ? { ...f, gating: false } : f));
  const conformance = { ...report.conformance, failures, classes: waive(report.conformance.classes, failures), passed: !failures.some((f) => f.gating) };
  let differential = report.differential;
  if (differential !== null) {
    const differences = differential.differences.map((d) => (d.gating && d.outcome === 'regression' && known({ scope: 'differential', id: caseId(d), class: d.class }) ? { ...d, gating: false } : d));
    differential = { ...differential, differences, classes: waive(differential.classes, differences.filter((d) => d.outcome === 'regression')), passed: !differences.some((d) => d.gating && d.outcome === 'regression') };
  }
  const out: CheckReport = { ...report, conformance, differential, expectations: result };
  if (report.corpus !== undefined) {
    const findings = report.corpus.findings.map((f) => (f.gating && known({ scope: 'corpus', id: f.fingerprint, class: f.class }) ? { ...f, gating: false } : f));
    // Findings past the report's bound are not listed: their deviations cannot be matched, so a corpus that failed with some keeps failing.
    const unlisted = report.corpus.findingsOmitted > 0 && !report.corpus.passed;
    out.corpus = { ...report.corpus, findings, passed: !findings.some((f) => f.gating) && !unlisted };
  }
  out.passed = conformance.passed && (differential === null || differential.passed) && (out.corpus === undefined || out.corpus.passed) && !result.new.some((e) => e.gating);
  return out;
}

/** Classes that failed only through known deviations become `waived`. */
function waive(classes: readonly ClassSummary[], cases: ReadonlyArray<{ class: string; gating: boolean }>): ClassSummary[] {
  return classes.map((c) => (c.status === 'fail' && !cases.some((x) => x.class === c.id && x.gating) ? { ...c, status: 'waived' } : c));
}
