// The JUnit XML report of a run, for CI systems: one testcase per vector and one per property.
import { show } from './compare.js';
import { displayToken } from './format-text.js';
import { isDifferentialReport, type ConformanceReport, type DifferentialReport, type Failure } from './report.js';

const jsonStringify = JSON.stringify;

/**
 * Escapes text for XML 1.0 content and attributes. Characters XML cannot carry at all (most C0
 * controls, lone surrogates, U+FFFE/U+FFFF) are written as `\uXXXX` text.
 *
 * @example
 * escapeXml('a<b & "c"\u0000') // 'a&lt;b &amp; &quot;c&quot;\\u0000'
 *
 * @throws never
 */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"'\u0000-\u0008\v\f\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    switch (c) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

function failureBody(f: Failure): string {
  const lines = [`token: ${displayToken(f.token, 100_000)}`];
  if (f.baselineAnswer !== undefined) lines.push(`baseline: ${jsonStringify(f.baselineAnswer)}`);
  else lines.push(`expected: ${f.expected}${f.expected === 'accept' ? ` header ${show(f.expectedHeader)} payload ${show(f.expectedPayload)}` : ''}`);
  lines.push(`answer: ${jsonStringify(f.answer)}`, `difference: ${f.difference}`);
  if (f.flags !== undefined) lines.push(`flags: ${f.flags.join(', ')}`);
  if (f.fault !== undefined) lines.push(`fault: ${f.fault}`);
  if (f.kind === 'property') lines.push(`seed: ${String(f.seed)}`, `path: ${f.path ?? ''}`, `numShrinks: ${String(f.numShrinks ?? 0)}`);
  return lines.join('\n');
}

/**
 * JUnit XML: a `vectors` suite with one testcase per vector run and a `properties` suite with one per
 * property; each failure carries the counterexample (token, expected, answer, difference, seed, path).
 *
 * @example
 * writeFileSync('reports/conformance.xml', formatJunit(report));
 *
 * @throws never
 */
export function formatJunit(report: ConformanceReport | DifferentialReport): string {
  const differential = isDifferentialReport(report);
  const failures = differential ? report.differences : report.failures;
  const name = differential ? `captoken differential ${report.candidate} vs ${report.baseline}` : `captoken conformance ${report.adapter} (${report.profile})`;
  // The first failure of an id is the one to show: a property's shrunk counterexample comes first.
  const byId = new Map<string, Failure>();
  const countById = new Map<string, number>();
  for (const f of failures) {
    if (!byId.has(f.id)) byId.set(f.id, f);
    countById.set(f.id, (countById.get(f.id) ?? 0) + 1);
  }
  const seconds = (report.durationMs / 1000).toFixed(3);
  const testcase = (classname: string, caseName: string, f: Failure | undefined): string => {
    const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(caseName)}"`;
    if (f === undefined) return `${open}/>`;
    const more = (countById.get(f.id) ?? 1) - 1;
    const body = more > 0 ? `${failureBody(f)}\nother failing cases of this property: ${more} (each listed in the text and JSON reports)` : failureBody(f);
    return `${open}>\n      <failure message="${escapeXml(f.difference.slice(0, 500))}" type="${f.kind}">${escapeXml(body)}</failure>\n    </testcase>`;
  };
  const vectorCases = report.vectorCases.map((v) => testcase('captoken.conformance.vectors', `${v.id} ${v.comment}`, v.passed ? undefined : byId.get(v.id)));
  const propertyCases = report.properties.map((p) => testcase('captoken.conformance.properties', `${p.name} (seed ${p.seed}, ${p.numRuns} cases)`, p.failed ? byId.get(p.name) : undefined));
  const propertyFailures = report.properties.filter((p) => p.failed).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}" tests="${vectorCases.length + propertyCases.length}" failures="${report.vectors.failed + propertyFailures}" time="${seconds}">`,
    `  <testsuite name="vectors" tests="${vectorCases.length}" failures="${report.vectors.failed}">`,
    ...vectorCases,
    '  </testsuite>',
    `  <testsuite name="properties" tests="${propertyCases.length}" failures="${propertyFailures}">`,
    ...propertyCases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
