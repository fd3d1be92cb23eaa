import { describe, expect, it } from 'vitest';
import { adapterFromFunction, createModuleAdapter, runDifferential } from '../../src/conformance/index.js';
import { captokenAdapter, example, parserFixture, SEED } from './support.js';

describe('runDifferential', () => {
  it('finds no difference between captoken and itself', async () => {
    const report = await runDifferential(captokenAdapter(), captokenAdapter(), { seed: SEED, runs: 300 });
    expect(report.differences).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.outcomes).toEqual({ regressions: 0, improvements: 0, bothWrong: 0, allowed: 0 });
    // Every class is run, whatever the profile: improvements in captoken's policies show too.
    expect(report.classes.every((c) => c.cases > 0)).toBe(true);
  });

  it('names baseline, candidate and expected (the spec) apart; a stricter candidate only improves', async () => {
    const lenient = await createModuleAdapter(example('regressed/lenient-buffer.mjs'));
    const report = await runDifferential(captokenAdapter(), lenient, { seed: SEED, runs: 400, profile: 'rfc' });
    expect(report.passed).toBe(true);
    expect(report.outcomes.regressions).toBe(0);
    expect(report.outcomes.improvements).toBeGreaterThan(0);
    const d = report.differences.find((x) => x.outcome === 'improvement' && x.kind === 'property')!;
    expect(d.expected).toBe('reject');
    expect(d.candidate.ok).toBe(false);
    expect(d.baseline.ok).toBe(true);
    expect(d.baselineWrong).toBe('accepted an invalid token');
    expect(d.candidateWrong).toBeUndefined();
    expect(d.gating).toBe(false);
    expect(d.difference).toBe('the candidate rejects what the baseline accepts');
  });

  it('a candidate that newly accepts invalid tokens: regressions that fail only under rfc', async () => {
    const lenient = await createModuleAdapter(example('regressed/lenient-buffer.mjs'));
    const accept = await runDifferential(lenient, captokenAdapter(), { seed: SEED, runs: 400 });
    expect(accept.outcomes.regressions).toBeGreaterThan(0);
    expect(accept.passed).toBe(true);
    expect(accept.differences.filter((d) => d.gating)).toEqual([]);
    const rfc = await runDifferential(lenient, captokenAdapter(), { seed: SEED, runs: 400, profile: 'rfc' });
    expect(rfc.passed).toBe(false);
    const gating = rfc.differences.filter((d) => d.gating);
    expect(gating.length).toBeGreaterThan(0);
    expect(gating.every((d) => d.outcome === 'regression' && d.level === 'rfc')).toBe(true);
    expect(rfc.classes.find((c) => c.id === 'char-plus')!.status).toBe('fail');
  });

  it('a candidate that newly refuses valid tokens: accept regressions, shrunk, with the diagnosis', async () => {
    const atob = await createModuleAdapter(example('regressed/atob.mjs'));
    const report = await runDifferential(atob, captokenAdapter(), { seed: SEED, runs: 300 });
    expect(report.passed).toBe(false);
    const d = report.differences.find((x) => x.kind === 'property' && x.class === 'valid' && x.shrunk === true)!;
    expect(d.outcome).toBe('regression');
    expect(d.token).toMatch(/[-_]/);
    expect(d.candidateWrong).toBe('rejected a valid token');
    expect(report.diagnosis[0]!.feature).toBe('url-any');
    expect(report.diagnosis[0]!.evidence.join('\n')).toMatch(/regressions/);
  });

  it('duplicates kept last by one side and rejected by the other are allowed (both conform), not regressions', async () => {
    const freedoms = await createModuleAdapter(parserFixture('rfc-freedoms.mjs'));
    const report = await runDifferential(freedoms, captokenAdapter(), { seed: SEED, runs: 400, profile: 'rfc' });
    const dup = report.classes.find((c) => c.id === 'duplicate-member')!;
    expect(dup.outcomes!.allowed).toBeGreaterThan(0);
    expect(dup.outcomes!.regressions).toBe(0);
    expect(report.passed).toBe(true);
    // Under hardened, failing on hardened: captoken's policy makes them regressions.
    const hardened = await runDifferential(freedoms, captokenAdapter(), { seed: SEED, runs: 400, profile: 'hardened', failOn: 'hardened' });
    expect(hardened.passed).toBe(false);
    expect(hardened.classes.find((c) => c.id === 'duplicate-member-accepted')!.status).toBe('fail');
  });

  it('reports a decoded difference with its path, baseline and candidate named', async () => {
    const upper = adapterFromFunction('upper', (token) => {
      const [h, p] = token.split('.') as [string, string];
      const json = (s: string): unknown => JSON.parse(Buffer.from(s, 'base64url').toString('utf8').toUpperCase());
      return { header: json(h), payload: json(p) };
    });
    const report = await runDifferential(upper, captokenAdapter(), { seed: SEED, runs: 50 });
    expect(report.differences.some((d) => /^the decoded values differ: header[.[]/.test(d.difference) && /only the baseline has it|baseline .*, candidate /.test(d.difference))).toBe(true);
  });
});
