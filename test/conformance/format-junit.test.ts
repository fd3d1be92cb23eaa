import { describe, expect, it } from 'vitest';
import { escapeXml, formatJunit } from '../../src/conformance/index.js';
import { checkReport, differentialReport, lenientHardenedReport } from './reports.js';
import { parseJunit } from './xml.js';
import { SEED } from './support.js';

describe('formatJunit', () => {
  it('one testcase per class (level and requirement in its name), per vector and per property; only what fails the run is a <failure>', async () => {
    const report = await lenientHardenedReport();
    const parsed = parseJunit(formatJunit(report));
    expect(parsed.suites.map((s) => s.name)).toEqual(['classes', 'vectors', 'properties']);
    const classes = parsed.testcases.filter((c) => c.classname === 'captoken.classes');
    const run = report.classes.filter((c) => c.status !== 'not-run');
    expect(classes.map((c) => c.name)).toEqual(run.map((c) => `${c.id} (${c.level}): ${c.requirement}`));
    // Failing classes fail; advisory findings are output of passing testcases; a waived class is skipped.
    for (const [i, c] of run.entries()) {
      const t = classes[i]!;
      expect(t.failure !== undefined, c.id).toBe(c.status === 'fail');
      expect(t.skipped !== undefined, c.id).toBe(c.status === 'waived');
      if (c.status === 'advisory') expect(t.out).toMatch(/^advisory/);
    }
    expect(run.some((c) => c.status === 'advisory')).toBe(true);
    expect(run.find((c) => c.id === 'forbidden-member')!.status).toBe('waived');
    const gatingVectors = new Set(report.failures.filter((f) => f.kind === 'vector' && f.gating).map((f) => f.id));
    const gatingProperties = new Set(report.failures.filter((f) => f.kind === 'property' && f.gating).map((f) => f.id));
    expect(parsed.root.failures).toBe(run.filter((c) => c.status === 'fail').length + gatingVectors.size + gatingProperties.size);
    expect(parsed.root.tests).toBe(run.length + report.vectorCases.length + report.properties.length);
    // The counterexample is in the failure body: token, class, seed and path.
    const plus = report.failures.find((f) => f.id === 'invalid:char-plus' && f.shrunk === true)!;
    const body = parsed.testcases.find((c) => c.classname === 'captoken.properties' && c.name.startsWith('invalid:char-plus '))!.failure!.text;
    expect(body).toContain(`path: ${plus.path!}`);
    expect(body).toContain(`seed: ${SEED}`);
    expect(body).toContain('class: char-plus (rfc; RFC 4648');
    expect(body).toMatch(/other failing cases of this property: \d+/);
  });

  it('a check: conformance and differential suites in one document, regressions as failures, improvements not', async () => {
    const report = await checkReport();
    const parsed = parseJunit(formatJunit(report));
    expect(parsed.suites.map((s) => s.name)).toEqual(['conformance.classes', 'conformance.vectors', 'conformance.properties', 'differential.classes', 'differential.vectors', 'differential.properties']);
    expect(parsed.root.tests).toBe(parsed.suites.reduce((n, s) => n + s.tests, 0));
    expect(parsed.root.failures).toBe(parsed.suites.reduce((n, s) => n + s.failures, 0));
    const failed = parsed.testcases.filter((c) => c.classname === 'captoken.differential.properties' && c.failure !== undefined);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.failure!.text).toMatch(/outcome: regression\nbaseline: accepts/);
  });

  it('a differential: only gating regressions fail', async () => {
    const report = await differentialReport();
    const parsed = parseJunit(formatJunit(report));
    const gating = new Set(report.differences.filter((d) => d.gating).map((d) => d.id));
    expect(parsed.testcases.filter((c) => c.classname !== 'captoken.classes' && c.failure !== undefined).map((c) => c.name.split(' ')[0])).toEqual([...gating].map((id) => id));
  });

  it('escapes markup and characters XML cannot carry', () => {
    expect(escapeXml('a<b & "c" \'d\' >')).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos; &gt;');
    expect(escapeXml('\u0000\u001f\ud800x\udc00\uffff')).toBe('\\u0000\\u001f\\ud800x\\udc00\\uffff');
    expect(escapeXml('😀\t\n')).toBe('😀\t\n');
  });

  it('tokens with NUL, markup and lone surrogates still make valid XML', async () => {
    const report = await lenientHardenedReport();
    const weird = report.failures.find((f) => /[\u0000-\u001f\ud800-\udfff<&]/.test(f.token));
    expect(weird).toBeDefined();
    expect(() => parseJunit(formatJunit(report))).not.toThrow();
  });
});
