import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KitCase, PropertySuite, VectorSuite } from '../../src/conformance/cases.js';
import { Engine } from '../../src/conformance/engine.js';
import type { Judge } from '../../src/conformance/judge.js';

/** A judge over plain tokens: a case fails when its token has the letter 'x'. */
function letterJudge(): Judge<{ token: string }> & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    calls: 0,
    judge: (c) => {
      seen.push(c.token);
      return Promise.resolve({ token: c.token });
    },
    failure: (v) => (v.token.includes('x') ? 'has-x' : undefined),
  };
}

const tokenCase = (token: string): KitCase => ({ token, cls: 'valid', expectation: { expected: 'accept', header: {}, payload: {} } });
const stringSuite: PropertySuite = { kind: 'property', name: 'valid', cls: 'valid', comment: 'strings', arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'x'), minLength: 1, maxLength: 12 }).map(tokenCase), numRuns: 200 };
const vectors: VectorSuite = { kind: 'vectors', name: 'vectors', skipped: 0, entries: ['ab', 'xa', 'bb'].map((t, i) => ({ id: `tcId:${i + 1}`, comment: t, flags: [], case: tokenCase(t) })) };

describe('Engine: one loop, the judge passed in', () => {
  it('judges every case, keeps every failure in order, observes passes and failures, reports progress', async () => {
    const observed: Array<[string, boolean]> = [];
    let progress = [0, 0];
    const engine = new Engine(letterJudge(), { seed: 1, observe: (_s, r, failed) => observed.push([r.id, failed]), onProgress: (d, t) => (progress = [d, t]) });
    const [v, p] = await engine.run([vectors, stringSuite]);
    expect(v!.failures.map((f) => f.id)).toEqual(['tcId:2']);
    expect(v!.vectorResults).toEqual([
      { id: 'tcId:1', comment: 'ab', cls: 'valid', passed: true },
      { id: 'tcId:2', comment: 'xa', cls: 'valid', passed: false },
      { id: 'tcId:3', comment: 'bb', cls: 'valid', passed: true },
    ]);
    expect(p!.total).toBe(200);
    expect(p!.failures.every((f) => f.case.token.includes('x'))).toBe(true);
    expect(p!.failures.map((f) => f.index)).toEqual([...p!.failures.map((f) => f.index)].sort((a, b) => a - b));
    expect(observed).toHaveLength(203);
    expect(observed.filter(([, failed]) => failed)).toHaveLength(1 + p!.failures.length);
    expect(progress).toEqual([203, 203]);
  });

  it('shrinks the first failure of a property to a minimal case of the same kind', async () => {
    const engine = new Engine(letterJudge(), { seed: 1 });
    const [p] = await engine.run([stringSuite]);
    expect(p!.shrunk).toMatchObject({ replayed: true, from: p!.failures[0]!.index });
    expect(p!.shrunk!.case.token).toContain('x');
    expect(p!.shrunk!.case.token.length).toBeLessThan(p!.failures[0]!.case.token.length);
    expect(p!.shrunk!.numShrinks).toBeGreaterThan(0);
  });

  it('shrink(): keeps a chosen cause while shrinking (here: two x)', async () => {
    const engine = new Engine(letterJudge(), { seed: 1 });
    const [p] = await engine.run([stringSuite]);
    const twoX = p!.failures.find((f) => f.case.token.split('x').length > 2)!;
    const shrunk = await engine.shrink(stringSuite, twoX.index, (c) => c.token.split('x').length > 2);
    expect(shrunk!.case.token.split('x').length).toBeGreaterThan(2);
    expect(shrunk!.case.token.length).toBeLessThanOrEqual(3);
  });

  it('select: the sharding seam judges only the chosen cases (indices stay those of the whole run)', async () => {
    const judge = letterJudge();
    const engine = new Engine(judge, { seed: 1, select: (_s, i) => i % 2 === 0 });
    const [v] = await engine.run([vectors]);
    expect(judge.seen).toEqual(['ab', 'bb']);
    expect(v!.vectorResults!.map((r) => r.id)).toEqual(['tcId:1', 'tcId:3']);
  });

  it('a judge that throws (an AdapterError) stops the run, also while shrinking', async () => {
    let n = 0;
    const judge: Judge<{ token: string }> = {
      calls: 0,
      judge: (c) => {
        if (++n > 201) return Promise.reject(new Error('adapter died'));
        return Promise.resolve({ token: c.token });
      },
      failure: (v) => (v.token.includes('x') ? 'x' : undefined),
    };
    await expect(new Engine(judge, { seed: 1 }).run([stringSuite])).rejects.toThrow('adapter died');
  });
});
