import { describe, expect, it } from 'vitest';
import { adapterFromFunction, createModuleAdapter, isAdapterError, loadVectors, runConformance } from '../../src/conformance/index.js';
import { splitRuns } from '../../src/conformance/run-conformance.js';
import { captokenAdapter, example, SEED } from './support.js';

const vectorTests = loadVectors().testGroups.flatMap((g) => g.tests);

describe('runConformance', () => {
  it.each(['accept', 'strict'] as const)("captoken's own parser passes profile %s (in process)", async (profile) => {
    let progress = 0;
    let lastTotal = 0;
    const report = await runConformance(captokenAdapter(), {
      profile,
      seed: SEED,
      onProgress: (done, total) => {
        progress = done;
        lastTotal = total;
      },
    });
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
    const expectedVectors = profile === 'accept' ? vectorTests.filter((t) => t.result === 'valid').length : vectorTests.length;
    expect(report.vectors).toEqual({ total: expectedVectors, passed: expectedVectors, failed: 0 });
    const generated = report.properties.reduce((n, p) => n + p.numRuns, 0);
    // 1000 valid tokens checked in two spellings; strict adds 1000 invalid ones over 20 fault classes.
    expect(generated).toBe(profile === 'accept' ? 2000 : 3000);
    expect(report.cases).toBe(expectedVectors + generated);
    expect(progress).toBe(lastTotal);
    expect(lastTotal).toBe(report.cases);
    expect(report.seed).toBe(SEED);
    if (profile === 'strict') expect(report.properties.filter((p) => p.name.startsWith('invalid:'))).toHaveLength(20);
  });

  it('through the module adapter too (examples/adapters/captoken-module.mjs needs dist/; a TS fixture does not)', async () => {
    const adapter = await createModuleAdapter(new URL('./fixtures/typed-adapter.ts', import.meta.url).pathname);
    const report = await runConformance(adapter, { profile: 'strict', seed: SEED, runs: 200 });
    expect(report.passed).toBe(true);
  });

  it('is deterministic for a seed: the same failures, paths and shrunk tokens', async () => {
    const adapter = await createModuleAdapter(example('regressed/replace-first.mjs'));
    const a = await runConformance(adapter, { seed: 99, runs: 300 });
    const b = await runConformance(adapter, { seed: 99, runs: 300 });
    const strip = (r: typeof a) => r.failures.map(({ id, token, path }) => ({ id, token, path }));
    expect(strip(a)).toEqual(strip(b));
  });

  it('keeps every failure when everything fails (no cap)', async () => {
    const report = await runConformance(adapterFromFunction('rejects all', () => { throw new Error('no'); }), { seed: SEED, profile: 'strict', runs: 50 });
    const valid = vectorTests.filter((t) => t.result === 'valid').length;
    expect(report.vectors.failed).toBe(valid);
    expect(report.failures.filter((f) => f.kind === 'vector')).toHaveLength(valid);
    // Every failing generated case is listed too: per property, the shrunk counterexample first, then
    // each failing case as drawn, with its run index as path (at most one is left out: a drawn token
    // identical to the counterexample).
    const failedProperties = report.properties.filter((p) => p.failed);
    expect(failedProperties.map((p) => p.name)).toEqual(['valid', 'valid-ascii-json']);
    for (const p of failedProperties) {
      expect(p.failedRuns).toBe(p.numRuns);
      const entries = report.failures.filter((f) => f.kind === 'property' && f.id === p.name);
      const [shrunk, ...drawn] = entries;
      expect(shrunk!.path).toBe(p.path);
      expect(drawn.every((f) => f.numShrinks === 0 && f.comment.includes('as drawn'))).toBe(true);
      const paths = drawn.map((f) => Number(f.path));
      expect(new Set(paths).size).toBe(paths.length);
      expect(paths.every((i) => Number.isInteger(i) && i >= 0 && i < p.numRuns)).toBe(true);
      expect(drawn.length).toBeGreaterThanOrEqual(p.numRuns - 1);
    }
    expect(report.failures.every((f) => !f.answer.ok && f.answer.error === 'no')).toBe(true);
  });

  it('reports a decoded value that differs with the path of the difference', async () => {
    const adapter = adapterFromFunction('drops a claim', (token) => {
      const [, p] = token.split('.');
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>;
      delete payload['sub'];
      return { header: JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as unknown, payload };
    });
    const report = await runConformance(adapter, { seed: SEED, runs: 20 });
    const f = report.failures.find((x) => x.kind === 'vector');
    expect(f?.difference).toBe('payload.sub: missing (expected "alice")');
  });

  it('stops with the AdapterError when the adapter misbehaves', async () => {
    const adapter = adapterFromFunction('returns nothing', () => undefined);
    const error = await runConformance(adapter, { seed: SEED, runs: 10 }).catch((e: unknown) => e);
    expect(isAdapterError(error)).toBe(true);
    expect((error as { kind: string }).kind).toBe('protocol');
  });

  it('validates its options', async () => {
    await expect(runConformance(captokenAdapter(), { profile: 'lax' as 'strict' })).rejects.toThrow(/profile/);
    await expect(runConformance(captokenAdapter(), { runs: -1 })).rejects.toThrow(/runs/);
  });

  it('splits runs evenly over properties', () => {
    expect(splitRuns(1000, 20)).toEqual(Array(20).fill(50));
    expect(splitRuns(5, 2)).toEqual([3, 2]);
  });
});
