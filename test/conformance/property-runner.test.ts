import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KitCase, PropertySuite } from '../../src/conformance/cases.js';
import { generate, propertyCases, shrinkRun, SourceCache } from '../../src/conformance/property-runner.js';

const kit = (token: string): KitCase => ({ token, cls: 'valid', expectation: { expected: 'accept', header: {}, payload: {} } });
const numbers = fc.integer({ min: 0, max: 1000 });

describe('property-runner', () => {
  it('generate: the same values for the same seed, in run order', () => {
    expect(generate(numbers, 3, 20)).toEqual(generate(numbers, 3, 20));
    expect(generate(numbers, 3, 20)).not.toEqual(generate(numbers, 4, 20));
  });

  it('SourceCache: a shared source is generated once per seed and run count; propertyCases maps it', () => {
    const cache = new SourceCache();
    const source = numbers as fc.Arbitrary<unknown>;
    const a = cache.values(source, 1, 10);
    expect(cache.values(source, 1, 10)).toBe(a);
    expect(cache.values(source, 2, 10)).not.toBe(a);
    const toCase = (v: unknown): KitCase => kit(String(v));
    const suite: PropertySuite = { kind: 'property', name: 'p', cls: 'valid', comment: '', arbitrary: source.map(toCase), numRuns: 10, shared: { source, toCase } };
    expect(propertyCases(suite, 2, cache).map((c) => c.token)).toEqual(generate(suite.arbitrary, 2, 10).map((c) => c.token));
  });

  it('shrinkRun: from a run index to a minimal case that still meets keep; undefined when replay does not', async () => {
    const suite: PropertySuite = { kind: 'property', name: 'p', cls: 'valid', comment: '', arbitrary: numbers.map((n) => kit(String(n))), numRuns: 50 };
    const values = generate(suite.arbitrary, 9, 50).map((c) => Number(c.token));
    const from = values.findIndex((v) => v >= 100);
    const judge = (c: KitCase): Promise<number> => Promise.resolve(Number(c.token));
    const shrunk = await shrinkRun(suite, 9, from, judge, (_c, v) => v >= 100);
    expect(shrunk).toMatchObject({ case: { token: '100' }, verdict: 100, replayed: true });
    expect(shrunk!.path.startsWith(`${from}`)).toBe(true);
    expect(await shrinkRun(suite, 9, from, judge, () => false)).toBeUndefined();
  });
});
