import { describe, expect, it } from 'vitest';
import { formatText, runConformance } from '../../src/conformance/index.js';
import { checkReport, differentialReport, lenientHardenedReport, replaceFirstReport } from './reports.js';
import { captokenAdapter, SEED } from './support.js';

describe('formatText: summary (a terminal)', () => {
  it('verdict, one line per level, the diagnosis with a minimal example; short', async () => {
    const report = await replaceFirstReport();
    const text = formatText(report, { reportPath: 'reports/x.txt' });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^captoken conformance: adapter .*replace-first\.mjs, profile accept, seed 20261121$/);
    expect(lines[1]).toMatch(/^conformance +FAIL +vectors \d+\/\d+ passed/);
    expect(text).toMatch(/\n {2}accept +FAIL +2 of 2 classes failed: valid \d+\/\d+, valid-ascii-json \d+\/\d+\n/);
    expect(text).toMatch(/\ndiagnosis:\n {2}1\. only the first '-' or '_' of a segment is translated/);
    expect(text).toMatch(/minimal token: property valid, minimal/);
    expect(text).toMatch(/url chars: '-' signature offset 0 \(token offset \d+, U\+002D\)/);
    expect(text).toContain(`${report.failures.length} failures; every one is in reports/x.txt`);
    expect(lines.length).toBeLessThan(30);
    // The parser's message is shown once, not repeated as the reason.
    expect(text.match(/Invalid character/g)!.length).toBeLessThanOrEqual(2);
    expect(text).not.toMatch(/rejected a valid token: /);
  });

  it('advisory causes take one line each; causes that fail the run come first', async () => {
    const text = formatText(await lenientHardenedReport());
    const diagnosis = text.slice(text.indexOf('diagnosis:'));
    expect(diagnosis.indexOf('[rfc]')).toBeLessThan(diagnosis.indexOf('[hardened, advisory]'));
    expect(text).toMatch(/\n {2}hardened +ADVISORY/);
    expect(text.split('\n').length).toBeLessThan(60);
  });

  it('a check: the headline can be left to the caller; the differential shows regressions, improvements and both-wrong', async () => {
    const report = await checkReport();
    const text = formatText(report, { headline: false, reportPath: 'r.txt' });
    expect(text).toMatch(/^conformance +FAIL/);
    expect(text).toMatch(/\ndifferential +FAIL +\d+ regressions, 0 improvements, 0 both wrong/);
    expect(text).toMatch(/: as above, \d+ regressions/);
    expect(text).toMatch(/report written to r\.txt \(all \d+ failures and differences/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('check failed');
    const diff = formatText(await differentialReport());
    expect(diff).toMatch(/^captoken differential: candidate .*lenient-buffer\.mjs, baseline captoken, profile rfc/);
  });

  it('colours only when asked', async () => {
    const report = await replaceFirstReport();
    expect(formatText(report, { color: true })).toContain('\u001b[31mFAIL\u001b[39m');
    expect(formatText(report)).not.toContain('\u001b[');
  });
});

describe('formatText: full (a report file)', () => {
  it('lists every failure, the classes with their requirements, the properties and the coverage matrix', async () => {
    const report = await lenientHardenedReport();
    const text = formatText(report, { detail: 'full' });
    expect(text).toContain(`failures (${report.failures.length}, none left out):`);
    report.failures.forEach((f, i) => {
      expect(text).toContain(`\n${i + 1}. ${f.kind} ${f.id}`);
    });
    expect(text).toMatch(/\nclasses \(level, status, failed\/cases, requirement\):\n {2}valid +accept +pass/);
    expect(text).toMatch(/ {2}forbidden-member +hardened +waived/);
    expect(text).toMatch(/\ncoverage of \d+ valid cases:/);
    expect(text).toMatch(/\n {2}signature '-' first +\d+\/\d+/);
    expect(text).toMatch(/replay: +--seed 20261121 \(fast-check path "/);
    // Invisible characters in tokens are escaped, never printed raw.
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u00a0\u2028\u2029\ufeff]/);
    expect(text).toMatch(/\\u00a0|\\u2028|\\ufeff|\\u0000|\\t|\\n/);
  });

  it('a passing run ends with the throughput', async () => {
    const report = await runConformance(captokenAdapter(), { seed: SEED, runs: 100 });
    const text = formatText(report, { detail: 'full' });
    expect(text).toMatch(/^captoken conformance: adapter captoken, profile accept, seed 20261121\nconformance +PASS/);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^\d+ cases in \d+ ms \(\d+ cases\/s\)$/);
  });
});
