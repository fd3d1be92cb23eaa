// Conformance and check reports in the three reporter formats, and the short summary of a check.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatJson } from '../../conformance/format-json.js';
import { formatJunit } from '../../conformance/format-junit.js';
import { formatText } from '../../conformance/format-text.js';
import type { ConformanceReport, DifferentialReport, Failure } from '../../conformance/report.js';
import type { Paint } from './color.js';

export const REPORTERS = ['text', 'json', 'junit'] as const;
export type Reporter = (typeof REPORTERS)[number];

export function reportExtension(reporter: Reporter): string {
  return reporter === 'text' ? 'txt' : reporter === 'json' ? 'json' : 'xml';
}

export function renderConformance(report: ConformanceReport, reporter: Reporter, color: boolean): string {
  if (reporter === 'json') return formatJson(report);
  if (reporter === 'junit') return formatJunit(report);
  return formatText(report, { color });
}

/** The JSON document of a check (stdout with --json, and the json report file). */
export interface CheckJson {
  ok: boolean;
  passed: boolean;
  candidate: string;
  baseline: string | null;
  reportPath: string;
  conformance: ConformanceReport;
  differential: DifferentialReport | null;
}

/** The `<testsuite>` elements of a formatJunit document, renamed with `prefix`. */
function junitSuites(xml: string, prefix: string): { suites: string[]; tests: number; failures: number } {
  const body = xml.slice(xml.indexOf('>', xml.indexOf('<testsuites')) + 1, xml.lastIndexOf('</testsuites>'));
  const head = /<testsuites [^>]*tests="(\d+)" failures="(\d+)"/.exec(xml);
  return {
    suites: [body.replace(/<testsuite name="/g, `<testsuite name="${prefix}.`).replace(/^\n|\n$/g, '')],
    tests: Number(head?.[1] ?? 0),
    failures: Number(head?.[2] ?? 0),
  };
}

/** A check's report: the conformance report, then the differential one when there is a baseline. */
export function renderCheck(doc: CheckJson, reporter: Reporter, color: boolean): string {
  if (reporter === 'json') return `${JSON.stringify(doc, null, 2)}\n`;
  if (reporter === 'text') {
    return formatText(doc.conformance, { color }) + (doc.differential === null ? '' : `\n${formatText(doc.differential, { color })}`);
  }
  const parts = [junitSuites(formatJunit(doc.conformance), 'conformance')];
  if (doc.differential !== null) parts.push(junitSuites(formatJunit(doc.differential), 'differential'));
  const tests = parts.reduce((n, p) => n + p.tests, 0);
  const failures = parts.reduce((n, p) => n + p.failures, 0);
  const seconds = ((doc.conformance.durationMs + (doc.differential?.durationMs ?? 0)) / 1000).toFixed(3);
  const name = `captoken check ${doc.candidate}${doc.baseline === null ? '' : ` vs ${doc.baseline}`}`.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${name}" tests="${tests}" failures="${failures}" time="${seconds}">`,
    ...parts.flatMap((p) => p.suites),
    '</testsuites>',
    '',
  ].join('\n');
}

export async function writeReport(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

/**
 * The failure to show first: the first shrunk (property) counterexample in run order (the valid-token
 * properties run first: a rejected valid token is the outage class), else the shortest failing vector.
 */
export function minimalFailure(failures: readonly Failure[]): Failure | undefined {
  return failures.find((f) => f.kind === 'property') ?? [...failures].sort((a, b) => a.token.length - b.token.length)[0];
}

/** A token for a log line: JSON-escaped, cut in the middle when longer than `max`. */
export function shownToken(token: string, max = 200): string {
  const escaped = JSON.stringify(token);
  return escaped.length <= max ? escaped : `${escaped.slice(0, max / 2)}…${escaped.slice(-max / 2)} (${token.length} characters)`;
}

function answerLine(answer: Failure['answer']): string {
  return answer.ok ? 'accepts' : `rejects (${answer.error})`;
}

function failureBlock(f: Failure, differential: boolean, paint: Paint): string[] {
  const what = f.kind === 'property' ? `property ${f.id}${f.numShrinks !== undefined ? `, shrunk ${f.numShrinks} times` : ''}` : `vector ${f.id}: ${f.comment}`;
  const lines = [`  minimal token (${what}):`, `    ${paint.yellow(shownToken(f.token))}`];
  if (differential && f.baselineAnswer !== undefined) {
    lines.push(`    baseline ${answerLine(f.baselineAnswer)}; candidate ${answerLine(f.answer)}`);
  } else {
    lines.push(`    expected ${f.expected}; the parser ${answerLine(f.answer)}`);
  }
  lines.push(`    ${f.difference}`);
  if (f.kind === 'property' && f.seed !== undefined) lines.push(paint.dim(`    replay: --seed ${f.seed} (fast-check path "${f.path ?? ''}")`));
  return lines;
}

/** The short, human summary of a check printed on stdout (the full report is in the file). */
export function checkSummary(doc: CheckJson, paint: Paint): string {
  const verdict = (ok: boolean): string => (ok ? paint.green('PASS') : paint.red('FAIL'));
  const c = doc.conformance;
  const failedProps = c.properties.filter((p) => p.failed).length;
  const lines = [
    `captoken check: candidate ${doc.candidate}${doc.baseline === null ? '' : `, baseline ${doc.baseline}`}, seed ${c.seed}`,
    `conformance   ${verdict(c.passed)}  profile ${c.profile}: vectors ${c.vectors.passed}/${c.vectors.total} passed, properties ${c.properties.length - failedProps}/${c.properties.length} passed (${c.cases} cases, ${(c.durationMs / 1000).toFixed(1)} s)`,
  ];
  const first = minimalFailure(c.failures);
  if (first !== undefined) lines.push(`  ${c.failures.length} failure(s)`, ...failureBlock(first, false, paint));
  const d = doc.differential;
  if (d !== null) {
    lines.push(
      `differential  ${verdict(d.passed)}  ${d.differences.length === 0 ? 'no difference from the baseline' : `${d.differences.length} difference(s) from the baseline`} (${d.cases} tokens to both, ${(d.durationMs / 1000).toFixed(1)} s)`,
    );
    const diff = minimalFailure(d.differences);
    if (diff !== undefined) lines.push(...failureBlock(diff, true, paint));
  }
  lines.push(`report written to ${doc.reportPath}`);
  lines.push(doc.passed ? paint.green('check passed') : paint.red('check failed'));
  return `${lines.join('\n')}\n`;
}
