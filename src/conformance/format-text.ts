// The human-readable report of a run: a short summary for a terminal (verdict, diagnosis, a few
// minimal examples) and the full report for a file (every failure, the classes, the coverage matrix).
import type { AdapterAnswer } from './adapter.js';
import { LEVELS } from './classes.js';
import type { Coverage } from './coverage.js';
import { answerText, describeChar, segmentLengths, show, showToken } from './display.js';
import { PLAIN, createPaint, type Paint } from './paint.js';
import { checkExtraLines } from './format-corpus.js';
import type { CaseReport, CheckReport, ClassSummary, ConformanceReport, Diagnosis, Difference, DifferentialReport, Failure, Report } from './report.js';

export interface TextOptions {
  /** ANSI colours. Default false. */
  color?: boolean;
  /**
   * `summary` (default): the verdict, the diagnosis and a few minimal examples, short enough for a
   * terminal; `full`: everything, every failure included, for a report file.
   */
  detail?: 'summary' | 'full';
  /** Where the full report was written: the summary says so. */
  reportPath?: string;
  /** Whether to begin with the headline (`captoken conformance: ...`). Default true; the CLI prints it before the run. */
  headline?: boolean;
}

/** Causes shown with a minimal example in a summary. */
const SUMMARY_EXAMPLES = 3;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The first line of a conformance run: what is tested, how, with which seed (printed before the run by the CLI). */
export function conformanceHeadline(adapter: string, profile: string, seed: number): string {
  return `captoken conformance: adapter ${adapter}, profile ${profile}, seed ${seed}`;
}

/** The first line of a check. */
export function checkHeadline(candidate: string, baseline: string | null, profile: string, seed: number): string {
  return `captoken check: candidate ${candidate}${baseline === null ? '' : `, baseline ${baseline}`}, profile ${profile}, seed ${seed}`;
}

function verdict(passed: boolean, paint: Paint): string {
  return passed ? paint.green('PASS') : paint.red('FAIL');
}

/** One line per level the run covers: `accept  FAIL  valid 640/1000, valid-ascii-json 612/1000; vectors ...`. */
function levelLines(r: ConformanceReport | DifferentialReport, paint: Paint): string[] {
  const lines: string[] = [];
  for (const level of LEVELS) {
    const classes = r.classes.filter((c) => c.level === level && c.status !== 'not-run');
    if (classes.length === 0) continue;
    const failing = classes.filter((c) => c.failed > 0);
    const gating = failing.some((c) => c.status === 'fail');
    const state = failing.length === 0 ? paint.green('PASS') : gating ? paint.red('FAIL') : failing.every((c) => c.status === 'waived') ? paint.yellow('WAIVED') : paint.yellow('ADVISORY');
    const cases = classes.reduce((n, c) => n + c.cases, 0);
    const what = r.kind === 'differential' ? 'regressed' : 'failed';
    const detail =
      failing.length === 0
        ? `${plural(classes.length, 'class', 'classes')}, ${plural(cases, 'case')}`
        : `${failing.length} of ${plural(classes.length, 'class', 'classes')} ${what}: ${failing
            .slice(0, 5)
            .map((c) => `${c.id} ${c.failed}/${c.cases}${c.status === 'waived' ? ' (waived)' : ''}`)
            .join(', ')}${failing.length > 5 ? `, +${failing.length - 5} more` : ''}`;
    lines.push(`  ${level.padEnd(8)} ${state}  ${detail}`);
  }
  return lines;
}

function expectedText(c: CaseReport): string {
  if (c.expected === 'accept') return `accept, header ${show(c.expectedHeader)}, payload ${show(c.expectedPayload)}`;
  const last = c.lastWins === undefined ? '' : ` (or accept with the lexically last duplicate: ${show(c.lastWins.payload, 80)})`;
  return `reject${c.faultCode === undefined ? '' : ` (captoken: ${c.faultCode})`}${last}`;
}

function replayText(c: CaseReport): string | undefined {
  if (c.kind !== 'property') return undefined;
  return `--seed ${String(c.seed)} (fast-check path "${c.path ?? ''}"${c.numShrinks === undefined ? '' : `, ${plural(c.numShrinks, 'shrink')}`})`;
}

function title(c: CaseReport): string {
  const source = c.kind === 'vector' ? `vector ${c.id}` : `property ${c.id}${c.shrunk === true ? ', minimal' : c.path === undefined ? '' : ', as drawn'}`;
  return `${source} (${c.class}, ${c.level}${c.gating ? '' : ', does not fail the run'})`;
}

/** The lines of one failing case (conformance) or difference (differential), indented. */
function caseLines(c: Failure | Difference, indent: string, paint: Paint, full: boolean): string[] {
  const lines = [`${indent}token:     ${paint.yellow(showToken(c.token, full ? 4000 : 200))}`];
  lines.push(`${indent}segments:  ${segmentLengths(c.token)}`);
  if (c.faultAt !== undefined && c.faultAt.length > 0) lines.push(`${indent}${c.expected === 'accept' ? 'url chars: ' : 'fault at:  '}${c.faultAt.map(describeChar).join('; ')}`);
  lines.push(`${indent}expected:  ${expectedText(c)}`);
  if ('outcome' in c) {
    lines.push(`${indent}baseline:  ${answerText(c.baseline)}${c.baselineWrong === undefined ? '' : paint.dim(`  (wrong: ${c.baselineWrong})`)}`);
    lines.push(`${indent}candidate: ${answerText(c.candidate)}${c.candidateWrong === undefined ? '' : paint.dim(`  (wrong: ${c.candidateWrong})`)}`);
  } else {
    lines.push(`${indent}answer:    ${answerText(c.answer)}`);
    if (!answerRepeats(c.answer, c.difference)) lines.push(`${indent}why:       ${c.difference}`);
    if (c.twinAnswer !== undefined && !c.twinAnswer.ok) lines.push(`${indent}twin:      the unmutated token: ${answerText(c.twinAnswer)}`);
  }
  const replay = replayText(c);
  if (replay !== undefined) lines.push(paint.dim(`${indent}replay:    ${replay}`));
  return lines;
}

/** True when the difference says nothing the answer line does not (a plain rejection of a valid token). */
function answerRepeats(answer: AdapterAnswer, difference: string): boolean {
  return !answer.ok && difference === 'rejected a valid token';
}

/**
 * The diagnosis. Full: every cause with its evidence and minimal example. Summary: the causes that
 * fail the run with their evidence (a minimal example for the first few), then the advisory ones on
 * one line each. `shown` holds causes already printed (a check's differential repeats its conformance).
 */
function diagnosisLines(r: ConformanceReport | DifferentialReport, paint: Paint, full: boolean, shown: Set<string>): string[] {
  const list = r.kind === 'conformance' ? r.failures : r.differences;
  const noun = r.kind === 'conformance' ? 'failure' : 'regression';
  const lines: string[] = [];
  const ordered = full ? r.diagnosis : [...r.diagnosis.filter((d) => d.gating), ...r.diagnosis.filter((d) => !d.gating)];
  let examples = 0;
  let advisory = 0;
  ordered.forEach((d: Diagnosis, i) => {
    const tag = d.level === 'accept' && d.gating ? '' : ` [${d.level}${d.gating ? '' : ', advisory'}]`;
    const head = `  ${i + 1}. ${paint.bold(d.cause)}${tag}`;
    const example = d.example === undefined ? undefined : list[d.example];
    const key = `${d.cause}|${example?.token ?? ''}`;
    if (!full && shown.has(key)) {
      lines.push(`${head}: as above, ${plural(d.failures, noun)}`);
      return;
    }
    shown.add(key);
    if (!full && !d.gating) {
      advisory++;
      if (advisory <= 4) lines.push(`${head}: ${d.evidence[0] ?? plural(d.failures, noun)}`);
      return;
    }
    lines.push(head);
    for (const e of d.evidence) lines.push(`     ${e}`);
    if (example !== undefined && (full || examples < SUMMARY_EXAMPLES)) {
      examples++;
      lines.push(`     minimal token: ${title(example)}`);
      lines.push(...caseLines(example, '       ', paint, full));
    }
  });
  if (!full && advisory > 4) lines.push(`  ... and ${plural(advisory - 4, 'more advisory cause')} in the report file`);
  return lines;
}

function classTable(classes: readonly ClassSummary[], differential: boolean): string[] {
  const lines = ['classes (level, status, failed/cases, requirement):'];
  for (const c of classes) {
    if (c.status === 'not-run') continue;
    const counts = differential && c.outcomes !== undefined ? `${c.outcomes.regressions} regr, ${c.outcomes.improvements} impr, ${c.outcomes.bothWrong} both wrong, ${c.outcomes.allowed} allowed of ${c.cases}` : `${c.failed}/${c.cases}`;
    lines.push(`  ${c.id.padEnd(26)} ${c.level.padEnd(8)} ${c.status.padEnd(8)} ${counts.padEnd(12)} ${c.requirement}`);
  }
  return lines;
}

/** The coverage matrix as a table: rows segment x char x position, columns length mod 4, cells failed/cases. */
export function coverageLines(coverage: Coverage): string[] {
  const cell = (failed: number, cases: number): string => (cases === 0 ? '—' : `${failed}/${cases}`).padStart(11);
  const lines = [
    `coverage of ${plural(coverage.validCases, 'valid case')}: '-' and '_' by segment and position, by segment length mod 4 (failed/cases; — none):`,
    `  ${''.padEnd(26)}${'≡ 0'.padStart(11)}${'≡ 2'.padStart(11)}${'≡ 3'.padStart(11)}`,
  ];
  for (const segment of ['header', 'payload', 'signature'] as const) {
    const len = coverage.lengths.filter((l) => l.segment === segment);
    lines.push(`  ${`${segment} (any)`.padEnd(26)}${[0, 2, 3].map((m) => { const l = len.find((x) => x.mod === m)!; return cell(l.failed, l.cases); }).join('')}`);
    for (const char of ['-', '_'] as const) {
      for (const position of ['first', 'interior', 'last'] as const) {
        const row = coverage.cells.filter((c) => c.segment === segment && c.char === char && c.position === position);
        lines.push(`  ${`${segment} '${char}' ${position}`.padEnd(26)}${[0, 2, 3].map((m) => { const c = row.find((x) => x.mod === m)!; return cell(c.failed, c.cases); }).join('')}`);
      }
    }
  }
  lines.push(`  non-ASCII bytes in the header or payload: ${coverage.nonAscii.failed}/${coverage.nonAscii.cases}`);
  return lines;
}

function runLines(r: ConformanceReport | DifferentialReport, options: TextOptions, paint: Paint, shown = new Set<string>(), inCheck = false): string[] {
  const full = options.detail === 'full';
  const lines: string[] = [];
  if (options.headline !== false) {
    lines.push(r.kind === 'conformance' ? conformanceHeadline(r.adapter, r.profile, r.seed) : `captoken differential: candidate ${r.candidate}, baseline ${r.baseline}, profile ${r.profile}, seed ${r.seed}`);
  }
  const list = r.kind === 'conformance' ? r.failures : r.differences;
  if (r.kind === 'conformance') {
    lines.push(`conformance   ${verdict(r.passed, paint)}  vectors ${r.vectors.passed}/${r.vectors.total} passed${r.vectors.skipped > 0 ? ` (${r.vectors.skipped} skipped)` : ''}, ${plural(r.properties.length, 'property', 'properties')}, ${plural(r.cases, 'case')} in ${seconds(r.durationMs)}; fails on: ${r.failOn}`);
  } else {
    const o = r.outcomes;
    lines.push(
      `differential  ${verdict(r.passed, paint)}  ${plural(o.regressions, 'regression')}, ${plural(o.improvements, 'improvement')}, ${o.bothWrong} both wrong, ${o.allowed} allowed (${plural(r.cases, 'call')} to both adapters, ${seconds(r.durationMs)}); fails on regressions at: ${LEVELS.slice(0, LEVELS.indexOf(r.failOn) + 1).join(', ')}`,
    );
  }
  lines.push(...levelLines(r, paint));
  for (const note of r.notes) lines.push(paint.yellow(`  note: ${note}`));
  if (r.diagnosis.length > 0) {
    lines.push(r.kind === 'conformance' ? 'diagnosis:' : 'diagnosis of the regressions:');
    lines.push(...diagnosisLines(r, paint, full, shown));
  }
  if (r.kind === 'differential' && !full) {
    const improvements = r.classes.filter((c) => (c.outcomes?.improvements ?? 0) > 0).map((c) => `${c.id} ${c.outcomes!.improvements}`);
    if (improvements.length > 0) lines.push(`  improvements (the candidate conforms where the baseline does not): ${improvements.join(', ')}`);
    const both = r.classes.filter((c) => (c.outcomes?.bothWrong ?? 0) > 0).map((c) => `${c.id} ${c.outcomes!.bothWrong}`);
    if (both.length > 0) lines.push(`  both wrong, differently: ${both.join(', ')}`);
  }
  if (!full) {
    const what = plural(list.length, r.kind === 'conformance' ? 'failure' : 'difference');
    if (inCheck) return lines;
    if (options.reportPath !== undefined) lines.push(list.length > 0 ? `${what}; every one is in ${options.reportPath}, with the classes and the coverage matrix` : `report written to ${options.reportPath}`);
    else if (list.length > 0) lines.push(`${what} (formatText with detail 'full' lists every one)`);
    return lines;
  }
  lines.push('', ...classTable(r.classes, r.kind === 'differential'));
  lines.push('', `vectors (v${r.vectorsVersion}): ${r.vectors.total} run, ${r.vectors.passed} passed, ${r.vectors.failed} failed, ${r.vectors.skipped} skipped`);
  lines.push('properties:');
  for (const p of r.properties) {
    const mark = p.failed ? paint.red('✗') : paint.green('✓');
    lines.push(`  ${mark} ${p.name} (${p.level}): ${p.numRuns} cases${p.failed ? `, ${p.failedRuns} failed (minimal: path "${p.path ?? ''}", ${String(p.numShrinks ?? 0)} shrinks)` : ''}`);
  }
  lines.push('', ...coverageLines(r.coverage));
  if (list.length > 0) {
    lines.push('', `${r.kind === 'conformance' ? 'failures' : 'differences'} (${list.length}, none left out):`);
    list.forEach((c, i) => {
      lines.push(`${i + 1}. ${'outcome' in c ? `${c.outcome}: ` : ''}${title(c)}: ${c.comment}${c.flags !== undefined && c.flags.length > 0 ? ` [${c.flags.join(', ')}]` : ''}`);
      lines.push(...caseLines(c, '   ', paint, true), '');
    });
  }
  lines.push(`${plural(r.cases, 'case')} in ${r.durationMs.toFixed(0)} ms (${r.casesPerSecond.toFixed(0)} cases/s)`);
  return lines;
}

function checkLines(r: CheckReport, options: TextOptions, paint: Paint): string[] {
  const lines: string[] = [];
  if (options.headline !== false) lines.push(checkHeadline(r.candidate, r.baseline, r.profile, r.seed));
  const inner: TextOptions = { ...options, headline: false };
  delete inner.reportPath;
  const shown = new Set<string>();
  lines.push(...runLines(r.conformance, inner, paint, shown, true));
  if (r.differential !== null) lines.push(...(options.detail === 'full' ? [''] : []), ...runLines(r.differential, inner, paint, shown, true));
  lines.push(...checkExtraLines(r, paint, options.detail === 'full')); // issue 12: corpus, shard, expectations
  if (options.detail !== 'full') {
    const n = r.conformance.failures.length + (r.differential?.differences.length ?? 0);
    if (options.reportPath !== undefined) lines.push(`report written to ${options.reportPath}${n > 0 ? ` (all ${n} failures and differences, the classes and the coverage matrix)` : ''}`);
    else if (n > 0) lines.push(`${plural(n, 'failure or difference', 'failures and differences')} (formatText with detail 'full' lists every one)`);
    lines.push(r.passed ? paint.green('check passed') : paint.red('check failed'));
  }
  return lines;
}

/**
 * A plain-text report. `summary` (the default) is short enough for a terminal: verdict, one line per
 * level, the diagnosis with a few minimal examples. `full` lists everything: the classes with their
 * requirements, the properties, the coverage matrix and every failure (none is left out).
 *
 * @example
 * process.stdout.write(formatText(report, { color: process.stdout.isTTY }));
 * writeFileSync('conformance.txt', formatText(report, { detail: 'full' }));
 *
 * @throws never
 */
export function formatText(report: Report, options: TextOptions = {}): string {
  const paint = options.color === true ? createPaint(true) : PLAIN;
  const lines = report.kind === 'check' ? checkLines(report, options, paint) : runLines(report, options, paint);
  return `${lines.join('\n')}\n`;
}
