// The JUnit XML report of a run, for CI systems: a testcase per check class (with its requirement),
// per vector and per property. Only what fails the run is a <failure>; advisory findings are written
// as output of passing testcases, waived classes as skipped.
import { answerText, describeChar, segmentLengths, show, showToken } from './display.js';
import { corpusJunitSuites } from './format-corpus.js';
import { escapeXml } from './xml.js';

export { escapeXml };
import type { CaseReport, ClassSummary, ConformanceReport, Difference, DifferentialReport, Failure, Report } from './report.js';


type Entry = Failure | Difference;

function body(c: Entry): string {
  const lines = [`token: ${showToken(c.token, 100_000)}`, `segments: ${segmentLengths(c.token)}`];
  if (c.faultAt !== undefined && c.faultAt.length > 0) lines.push(`at: ${c.faultAt.map(describeChar).join('; ')}`);
  lines.push(`class: ${c.class} (${c.level}; ${c.requirement})`);
  lines.push(`expected: ${c.expected}${c.expected === 'accept' ? ` header ${show(c.expectedHeader, 2000)} payload ${show(c.expectedPayload, 2000)}` : c.faultCode === undefined ? '' : ` (captoken: ${c.faultCode})`}`);
  if ('outcome' in c) {
    lines.push(`outcome: ${c.outcome}`, `baseline: ${answerText(c.baseline)}`, `candidate: ${answerText(c.candidate)}`, `difference: ${c.difference}`);
    if (c.candidateWrong !== undefined) lines.push(`candidate wrong: ${c.candidateWrong}`);
    if (c.baselineWrong !== undefined) lines.push(`baseline wrong: ${c.baselineWrong}`);
  } else {
    lines.push(`answer: ${answerText(c.answer)}`, `why: ${c.difference}`);
  }
  if (c.flags !== undefined) lines.push(`flags: ${c.flags.join(', ')}`);
  if (c.kind === 'property') lines.push(`seed: ${String(c.seed)}`, `path: ${c.path ?? ''}`, `numShrinks: ${String(c.numShrinks ?? 0)}`);
  return lines.join('\n');
}

interface Case {
  xml: string;
  failed: boolean;
  skipped: boolean;
}

function testcase(classname: string, name: string, outcome: { failure?: { message: string; type: string; text: string }; output?: string; skipped?: string }): Case {
  const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(name)}"`;
  if (outcome.failure !== undefined) {
    const f = outcome.failure;
    return { xml: `${open}>\n      <failure message="${escapeXml(f.message.slice(0, 500))}" type="${escapeXml(f.type)}">${escapeXml(f.text)}</failure>\n    </testcase>`, failed: true, skipped: false };
  }
  if (outcome.skipped !== undefined) return { xml: `${open}>\n      <skipped message="${escapeXml(outcome.skipped)}"/>\n    </testcase>`, failed: false, skipped: true };
  if (outcome.output !== undefined) return { xml: `${open}>\n      <system-out>${escapeXml(outcome.output)}</system-out>\n    </testcase>`, failed: false, skipped: false };
  return { xml: `${open}/>`, failed: false, skipped: false };
}

function suite(name: string, cases: readonly Case[]): { xml: string; tests: number; failures: number; skipped: number } {
  const failures = cases.filter((c) => c.failed).length;
  const skipped = cases.filter((c) => c.skipped).length;
  return {
    xml: [`  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">`, ...cases.map((c) => c.xml), '  </testsuite>'].join('\n'),
    tests: cases.length,
    failures,
    skipped,
  };
}

/** What a class's entries say, for its testcase: the diagnosis of the class and its first example. */
function classText(r: ConformanceReport | DifferentialReport, c: ClassSummary, entries: readonly Entry[]): string {
  const d = r.diagnosis.find((x) => x.classes.includes(c.id));
  const lines = [`${c.id} (${c.level}): ${c.rule}`, `requirement: ${c.requirement}`, `${c.failed} of ${c.cases} cases ${r.kind === 'differential' ? 'regressed' : 'failed'}`];
  if (d !== undefined) lines.push(`cause: ${d.cause}`, ...d.evidence);
  const first = entries.find((e) => e.class === c.id && (e.kind === 'vector' || e.shrunk === true)) ?? entries.find((e) => e.class === c.id);
  if (first !== undefined) lines.push('', body(first));
  return lines.join('\n');
}

function runSuites(r: ConformanceReport | DifferentialReport, prefix: string): Array<ReturnType<typeof suite>> {
  const entries: readonly Entry[] = r.kind === 'conformance' ? r.failures : r.differences;
  const counted = (e: Entry): boolean => (r.kind === 'differential' ? (e as Difference).outcome === 'regression' : true);
  const classCases = r.classes
    .filter((c) => c.status !== 'not-run')
    .map((c) => {
      const name = `${c.id} (${c.level}): ${c.requirement}`;
      if (c.status === 'fail') return testcase(`captoken.${prefix}classes`, name, { failure: { message: r.diagnosis.find((d) => d.classes.includes(c.id))?.cause ?? c.rule, type: c.level, text: classText(r, c, entries) } });
      if (c.status === 'waived') return testcase(`captoken.${prefix}classes`, name, { skipped: `waived (--allow ${c.id}): ${c.failed} of ${c.cases} cases fail`, output: classText(r, c, entries) });
      if (c.status === 'advisory') return testcase(`captoken.${prefix}classes`, name, { output: `advisory (${c.level} does not fail this run): ${classText(r, c, entries)}` });
      return testcase(`captoken.${prefix}classes`, name, {});
    });
  const firstOf = new Map<string, Entry>();
  const countOf = new Map<string, number>();
  for (const e of entries) {
    if (!counted(e)) continue;
    if (!firstOf.has(e.id)) firstOf.set(e.id, e);
    countOf.set(e.id, (countOf.get(e.id) ?? 0) + 1);
  }
  const caseOf = (classname: string, name: string, e: CaseReport & Entry): Case => {
    const more = (countOf.get(e.id) ?? 1) - 1;
    const text = more > 0 ? `${body(e)}\nother failing cases of this property: ${more} (each listed in the text and JSON reports)` : body(e);
    const message = 'outcome' in e ? `${e.outcome}: ${e.candidateWrong ?? e.difference}` : e.difference;
    return e.gating ? testcase(classname, name, { failure: { message, type: e.level, text } }) : testcase(classname, name, { output: `advisory (${e.level}): ${message}\n${text}` });
  };
  const vectorCases = r.vectorCases.map((v) => {
    const e = firstOf.get(v.id);
    const name = `${v.id} ${v.comment}`;
    return e === undefined ? testcase(`captoken.${prefix}vectors`, name, {}) : caseOf(`captoken.${prefix}vectors`, name, e);
  });
  const propertyCases = r.properties.map((p) => {
    const e = firstOf.get(p.name);
    const name = `${p.name} (seed ${p.seed}, ${p.numRuns} cases)`;
    return e === undefined ? testcase(`captoken.${prefix}properties`, name, {}) : caseOf(`captoken.${prefix}properties`, name, e);
  });
  return [suite(`${prefix}classes`, classCases), suite(`${prefix}vectors`, vectorCases), suite(`${prefix}properties`, propertyCases)];
}

/**
 * JUnit XML: for each run (a check has two), a `classes` suite with one testcase per check class (its
 * level and requirement in the name), a `vectors` suite and a `properties` suite. Only what fails the
 * run is a `<failure>`, carrying the counterexample (token, expected, answer, why, seed, path);
 * advisory findings are `<system-out>` of passing testcases, waived classes `<skipped>`.
 *
 * @example
 * writeFileSync('reports/conformance.xml', formatJunit(report));
 *
 * @throws never
 */
export function formatJunit(report: Report): string {
  let name: string;
  let suites: Array<ReturnType<typeof suite>>;
  let durationMs: number;
  if (report.kind === 'check') {
    name = `captoken check ${report.candidate}${report.baseline === null ? '' : ` vs ${report.baseline}`} (profile ${report.profile})`;
    suites = runSuites(report.conformance, 'conformance.');
    durationMs = report.conformance.durationMs;
    if (report.differential !== null) {
      suites.push(...runSuites(report.differential, 'differential.'));
      durationMs += report.differential.durationMs;
    }
    suites.push(...corpusJunitSuites(report)); // issue 12: corpus and expectations
    if (report.corpus !== undefined) durationMs += report.corpus.durationMs;
  } else {
    name = report.kind === 'conformance' ? `captoken conformance ${report.adapter} (profile ${report.profile})` : `captoken differential ${report.candidate} vs ${report.baseline} (profile ${report.profile})`;
    suites = runSuites(report, '');
    durationMs = report.durationMs;
  }
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const skipped = suites.reduce((n, s) => n + s.skipped, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}" tests="${tests}" failures="${failures}" skipped="${skipped}" time="${(durationMs / 1000).toFixed(3)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
