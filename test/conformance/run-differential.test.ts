import { describe, expect, it } from 'vitest';
import { adapterFromFunction, createModuleAdapter, loadVectors, runDifferential } from '../../src/conformance/index.js';
import { captokenAdapter, example, SEED } from './support.js';

const tests = loadVectors().testGroups.flatMap((g) => g.tests);

describe('runDifferential', () => {
  it('finds no difference between captoken and itself', async () => {
    const report = await runDifferential(captokenAdapter(), captokenAdapter(), { seed: SEED, runs: 300 });
    expect(report.differences).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.vectors.total).toBe(tests.length);
    expect(report.cases).toBeGreaterThanOrEqual(tests.length + 300 + 300);
  });

  it('reports where a lenient parser and captoken disagree: invalid tokens only, shrunk, with both answers', async () => {
    const lenient = await createModuleAdapter(example('regressed/lenient-buffer.mjs'));
    const report = await runDifferential(lenient, captokenAdapter(), { seed: SEED, runs: 400 });
    expect(report.passed).toBe(false);
    const vectorIds = new Set(report.differences.filter((d) => d.kind === 'vector').map((d) => Number(d.id.slice('tcId:'.length))));
    for (const id of vectorIds) expect(tests.find((t) => t.tcId === id)?.result).toBe('invalid');
    expect(report.properties.filter((p) => p.failed).every((p) => p.name.startsWith('invalid:'))).toBe(true);
    const d = report.differences.find((x) => x.kind === 'property')!;
    expect(d.expected).toBe('reject');
    expect(d.baselineAnswer?.ok).toBe(false);
    expect(d.answer.ok).toBe(true);
    expect(d.difference).toMatch(/^the candidate accepts what the baseline rejects/);
    expect(d.path).toMatch(/^\d+(:\d+)*$/);
  });

  it('reports a decoded difference with its path', async () => {
    const upper = adapterFromFunction('upper', (token) => {
      const [h, p] = token.split('.') as [string, string];
      const json = (s: string): unknown => JSON.parse(Buffer.from(s, 'base64url').toString('utf8').toUpperCase());
      return { header: json(h), payload: json(p) };
    });
    const report = await runDifferential(upper, captokenAdapter(), { seed: SEED, runs: 50 });
    expect(report.differences.some((d) => /^header[.[]/.test(d.difference))).toBe(true);
  });
});
