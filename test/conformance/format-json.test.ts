import { describe, expect, it } from 'vitest';
import { formatJson, type ConformanceReport } from '../../src/conformance/index.js';
import { checkReport, lenientHardenedReport } from './reports.js';

describe('formatJson', () => {
  it('round-trips the whole report, every failure included', async () => {
    const report = await lenientHardenedReport();
    expect(JSON.parse(formatJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(formatJson(report).endsWith('}\n')).toBe(true);
  });

  it('the per-class verdicts have a stable shape: id, level, requirement, rule, cases, failed, status', async () => {
    const doc = JSON.parse(formatJson(await lenientHardenedReport())) as ConformanceReport;
    for (const c of doc.classes) {
      expect(Object.keys(c).sort()).toEqual(['cases', 'failed', 'id', 'level', 'requirement', 'rule', 'status']);
      expect(['accept', 'rfc', 'hardened']).toContain(c.level);
      expect(['pass', 'fail', 'advisory', 'waived', 'not-run']).toContain(c.status);
    }
  });

  it('a check report holds both runs', async () => {
    const doc = JSON.parse(formatJson(await checkReport())) as { kind: string; conformance: { kind: string }; differential: { kind: string; outcomes: object } };
    expect(doc.kind).toBe('check');
    expect(doc.conformance.kind).toBe('conformance');
    expect(doc.differential.kind).toBe('differential');
    expect(doc.differential.outcomes).toEqual(expect.objectContaining({ regressions: expect.any(Number) as number }));
  });

  it('a BigInt that reached a report anyway is written as a string, never a crash', () => {
    const report = { kind: 'conformance', n: 1n } as unknown as ConformanceReport;
    expect(formatJson(report)).toContain('"n": "1"');
  });
});
