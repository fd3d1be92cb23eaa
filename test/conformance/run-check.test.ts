// The pre-deploy check, as the "Done means" states it: a candidate that is only stricter
// passes; one that newly refuses valid tokens fails; one that newly accepts invalid tokens fails only
// under --profile rfc.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/conformance/index.js';
import { example, parserFixture, ROOT, SEED } from './support.js';

const CAPTOKEN = { module: `${ROOT}/test/cli/fixtures/captoken-src.ts` };
const regressed = (name: string) => ({ module: example(`regressed/${name}.mjs`) });
const parser = (name: string) => ({ module: parserFixture(`${name}.mjs`) });

describe('runCheck', () => {
  it.each(['accept', 'rfc'] as const)('passes a candidate that is only stricter than its baseline (profile %s)', async (profile) => {
    for (const baseline of [parser('rfc-freedoms'), regressed('lenient-buffer')]) {
      const report = await runCheck(CAPTOKEN, baseline, { seed: SEED, runs: 300, profile });
      expect(report.passed, baseline.module).toBe(true);
      expect(report.differential!.outcomes.regressions).toBe(0);
      expect(report.differential!.outcomes.improvements).toBeGreaterThan(0);
    }
  });

  it('fails a candidate that newly refuses valid tokens', async () => {
    const report = await runCheck(regressed('replace-first'), CAPTOKEN, { seed: SEED, runs: 300 });
    expect(report.passed).toBe(false);
    expect(report.conformance.passed).toBe(false);
    expect(report.differential!.passed).toBe(false);
    expect(report.differential!.classes.find((c) => c.id === 'valid')!.status).toBe('fail');
  });

  it('fails a candidate that newly accepts invalid tokens only under --profile rfc', async () => {
    const accept = await runCheck(regressed('lenient-buffer'), CAPTOKEN, { seed: SEED, runs: 300 });
    expect(accept.passed).toBe(true);
    expect(accept.differential!.outcomes.regressions).toBeGreaterThan(0);
    const rfc = await runCheck(regressed('lenient-buffer'), CAPTOKEN, { seed: SEED, runs: 300, profile: 'rfc' });
    expect(rfc.passed).toBe(false);
    expect(rfc.differential!.passed).toBe(false);
  });

  it('one seed for both runs; without a baseline, conformance only; the phases are announced', async () => {
    const phases: string[] = [];
    const report = await runCheck(CAPTOKEN, undefined, { seed: 7, runs: 50, onPhase: (p) => phases.push(p) });
    expect(report).toMatchObject({ kind: 'check', passed: true, baseline: null, differential: null, seed: 7, profile: 'accept' });
    expect(report.conformance.seed).toBe(7);
    expect(phases).toEqual(['conformance']);
    const both = await runCheck(CAPTOKEN, CAPTOKEN, { seed: 8, runs: 50, onPhase: (p) => phases.push(p) });
    expect(both.differential!.seed).toBe(8);
    expect(phases).toEqual(['conformance', 'conformance', 'differential']);
  });
});
