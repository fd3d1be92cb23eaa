import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { adapterFromFunction, createModuleAdapter, escapeXml, formatJson, formatJunit, formatText, runConformance, runDifferential, type ConformanceReport } from '../../src/conformance/index.js';
import { captokenAdapter, example, SEED } from './support.js';

/** Parses XML with Python's standard library (a real, strict XML parser) and returns the testcase count and failure count. */
function parseXml(xml: string): { testcases: number; failures: number; bodies: string[] } {
  const script = [
    'import sys, json, xml.etree.ElementTree as ET',
    'root = ET.fromstring(sys.stdin.buffer.read())',
    'cases = root.findall(".//testcase")',
    'fails = root.findall(".//failure")',
    'print(json.dumps({"testcases": len(cases), "failures": len(fails), "bodies": [f.text or "" for f in fails]}))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: xml }).toString()) as { testcases: number; failures: number; bodies: string[] };
}

let failing: ConformanceReport | undefined;
async function failingReport(): Promise<ConformanceReport> {
  // A lenient parser in strict: failing vectors with NUL, '<', '&', non-ASCII, lone surrogates in tokens.
  failing ??= await runConformance(await createModuleAdapter(example('regressed/lenient-buffer.mjs')), { profile: 'strict', seed: SEED, runs: 400 });
  return failing;
}

describe('formatJunit', () => {
  it('writes valid XML with one testcase per vector and per property, counterexamples in the failure bodies', async () => {
    const report = await failingReport();
    const xml = formatJunit(report);
    const parsed = parseXml(xml);
    expect(parsed.testcases).toBe(report.vectors.total + report.properties.length);
    // One failing testcase per failing vector and per failing property; the property's other failing
    // cases are counted in its body (and listed one by one in the text and JSON reports).
    const failedProperties = report.properties.filter((p) => p.failed);
    expect(parsed.failures).toBe(report.vectors.failed + failedProperties.length);
    const many = failedProperties.find((p) => (p.failedRuns ?? 0) > 1)!;
    const listed = report.failures.filter((f) => f.id === many.name).length;
    expect(parsed.bodies.some((b) => b.includes(`other failing cases of this property: ${listed - 1}`))).toBe(true);
    const plus = report.failures.find((f) => f.id === 'invalid:char-plus')!;
    expect(parsed.bodies.some((b) => b.includes(plus.token) && b.includes(`path: ${plus.path}`) && b.includes(`seed: ${SEED}`))).toBe(true);
  });

  it('escapes markup and characters XML cannot carry', () => {
    expect(escapeXml('a<b & "c" \'d\' >')).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos; &gt;');
    expect(escapeXml('\u0000\u001f\ud800x\udc00\uffff')).toBe('\\u0000\\u001f\\ud800x\\udc00\\uffff');
    expect(escapeXml('😀\t\n')).toBe('😀\t\n');
    const report = {
      ...captokenReportStub(),
      passed: false,
      failures: [{ kind: 'vector' as const, id: 'tcId:1', comment: 'x', token: '<\u0000&\ud800]]>', expected: 'reject' as const, answer: { ok: true as const, header: { a: '<' }, payload: {} }, difference: 'accepted <&>' }],
      vectors: { total: 1, passed: 0, failed: 1 },
      vectorCases: [{ id: 'tcId:1', comment: 'c<>', expected: 'reject' as const, passed: false }],
    };
    expect(parseXml(formatJunit(report)).failures).toBe(1);
  });
});

function captokenReportStub(): ConformanceReport {
  return { passed: true, adapter: 'a&b', profile: 'accept', seed: 1, vectorsVersion: '1', vectors: { total: 0, passed: 0, failed: 0 }, vectorCases: [], properties: [], failures: [], cases: 0, durationMs: 1, casesPerSecond: 0 };
}

describe('formatText', () => {
  it('lists every failure with token, expectation, answer, difference and replay', async () => {
    const report = await failingReport();
    const text = formatText(report);
    expect(text).toMatch(/^captoken conformance: FAIL/);
    expect(text).toContain(`failures (${report.failures.length}):`);
    for (const f of report.failures) {
      expect(text).toContain(`${f.kind} ${f.id}: `);
      expect(text).toContain(f.difference);
    }
    expect(text).toContain(`replay:     seed ${SEED}, path "`);
    expect(formatText(report, { color: true })).toContain('\u001b[31mFAIL\u001b[0m');
    expect(formatText(report)).not.toContain('\u001b[');
  });

  it('says PASS with the throughput for a passing run', async () => {
    const report = await runConformance(captokenAdapter(), { seed: SEED, runs: 100 });
    expect(formatText(report)).toMatch(/^captoken conformance: PASS: adapter captoken, profile accept, seed/);
    expect(formatText(report).trimEnd().split('\n').at(-1)).toMatch(/^\d+ cases in \d+ ms \(\d+ cases\/s\)$/);
  });
});

describe('formatJson', () => {
  it('round-trips the whole report', async () => {
    const report = await failingReport();
    expect(JSON.parse(formatJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});

describe('differential reports', () => {
  it('format as text, JSON and valid JUnit XML', async () => {
    const lenient = await createModuleAdapter(example('regressed/lenient-buffer.mjs'));
    const report = await runDifferential(lenient, captokenAdapter(), { seed: SEED, runs: 200 });
    expect(formatText(report)).toMatch(/^captoken differential: FAIL: candidate .*lenient-buffer.mjs against baseline captoken/);
    expect(parseXml(formatJunit(report)).failures).toBe(report.vectors.failed + report.properties.filter((p) => p.failed).length);
    expect((JSON.parse(formatJson(report)) as { differences: unknown[] }).differences).toHaveLength(report.differences.length);
    const rejecting = adapterFromFunction('rejects', () => {
      throw new Error('x');
    });
    expect(formatText(await runDifferential(rejecting, rejecting, { seed: SEED, runs: 20 }))).toMatch(/^captoken differential: PASS/);
  });
});
