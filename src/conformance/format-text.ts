// The human-readable report of a run.
import type { AdapterAnswer } from './adapter.js';
import { show } from './compare.js';
import { isDifferentialReport, type ConformanceReport, type DifferentialReport, type Failure } from './report.js';

const jsonStringify = JSON.stringify;

/** A token for a terminal: escaped (control characters visible), cut in the middle when very long. */
export function displayToken(token: string, max = 400): string {
  const escaped = jsonStringify(token);
  if (escaped.length <= max) return escaped;
  return `${escaped.slice(0, max / 2)}…${escaped.slice(-max / 2)} (${token.length} characters)`;
}

function answerText(answer: AdapterAnswer): string {
  return answer.ok ? `accept, header ${show(answer.header)}, payload ${show(answer.payload)}` : `reject: ${answer.error}`;
}

function failureLines(f: Failure, n: number, differential: boolean): string[] {
  const title =
    f.kind === 'vector'
      ? `${n}. vector ${f.id}: ${f.comment}${f.flags && f.flags.length > 0 ? ` [${f.flags.join(', ')}]` : ''}`
      : `${n}. property ${f.id}: ${f.comment}`;
  const lines = [title, `   token:      ${displayToken(f.token)}`];
  const expected =
    f.expected === 'accept'
      ? `accept, header ${show(f.expectedHeader)}, payload ${show(f.expectedPayload)}`
      : `reject${f.fault === undefined ? '' : ` (${f.fault})`}`;
  lines.push(`   ${differential ? 'baseline:  ' : 'expected:  '} ${differential && f.baselineAnswer !== undefined ? answerText(f.baselineAnswer) : expected}`);
  lines.push(`   ${differential ? 'candidate: ' : 'answer:    '} ${answerText(f.answer)}`);
  lines.push(`   difference: ${f.difference}`);
  if (f.kind === 'property') {
    lines.push(`   replay:     seed ${String(f.seed)}, path "${f.path ?? ''}" (${String(f.numShrinks ?? 0)} shrinks); fc.check(property, { seed: ${String(f.seed)}, path: '${f.path ?? ''}' })`);
  }
  return lines;
}

/**
 * A plain-text report: verdict, vectors, properties, then every failure with its token, expected
 * result, the adapter's answer, the difference and how to replay it.
 *
 * @example
 * process.stdout.write(formatText(await runConformance(adapter), { color: process.stdout.isTTY }));
 *
 * @throws never
 */
export function formatText(report: ConformanceReport | DifferentialReport, options: { color?: boolean } = {}): string {
  const paint = (code: number, s: string): string => (options.color === true ? `\u001b[${code}m${s}\u001b[0m` : s);
  const ok = paint(32, 'PASS');
  const bad = paint(31, 'FAIL');
  const differential = isDifferentialReport(report);
  const failures = differential ? report.differences : report.failures;
  const lines: string[] = [];
  if (differential) {
    lines.push(`captoken differential: ${report.passed ? ok : bad}: candidate ${report.candidate} against baseline ${report.baseline}, seed ${report.seed}`);
  } else {
    lines.push(`captoken conformance: ${report.passed ? ok : bad}: adapter ${report.adapter}, profile ${report.profile}, seed ${report.seed}`);
  }
  lines.push(`vectors (v${report.vectorsVersion}): ${report.vectors.total} run, ${report.vectors.passed} passed, ${report.vectors.failed} failed`);
  lines.push('properties:');
  for (const p of report.properties) {
    const mark = p.failed ? paint(31, '✗') : paint(32, '✓');
    lines.push(`  ${mark} ${p.name}: ${p.numRuns} cases${p.failed ? `, failed (path "${p.path ?? ''}", ${String(p.numShrinks ?? 0)} shrinks)` : ''}`);
  }
  if (failures.length > 0) {
    lines.push('', `${differential ? 'differences' : 'failures'} (${failures.length}):`);
    failures.forEach((f, i) => lines.push(...failureLines(f, i + 1, differential), ''));
  }
  lines.push(`${report.cases} cases in ${report.durationMs.toFixed(0)} ms (${report.casesPerSecond.toFixed(0)} cases/s)`);
  return `${lines.join('\n')}\n`;
}
