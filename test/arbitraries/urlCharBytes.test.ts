import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { urlCharBytes } from '../../src/arbitraries/index.js';
import { encodeBase64url } from '../../src/base64url/index.js';
import { fcParams, NUM_RUNS, SEED, seeded } from '../support/fc.js';

const isUrl = (c: string | undefined): boolean => c === '-' || c === '_';
const urlCount = (s: string): number => s.split('').filter(isUrl).length;

describe('urlCharBytes', () => {
  it(seeded('respects the length bounds'), () => {
    const bounds = fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 40 })).map(([a, b]) => ({ minLength: Math.min(a, b), maxLength: Math.max(a, b) }));
    fc.assert(
      fc.property(bounds, fc.nat(), (c, seed) => {
        for (const bytes of fc.sample(urlCharBytes(c), { seed, numRuns: 5 })) {
          expect(bytes).toBeInstanceOf(Uint8Array);
          expect(bytes.length).toBeGreaterThanOrEqual(c.minLength);
          expect(bytes.length).toBeLessThanOrEqual(c.maxLength);
        }
      }),
      fcParams({ numRuns: 50 }),
    );
    expect(() => urlCharBytes({ minLength: 3, maxLength: 2 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it(seeded('puts url characters first, last (when possible) and repeatedly, in every length class'), () => {
    const samples = fc.sample(urlCharBytes(), { seed: SEED, numRuns: NUM_RUNS * 5 });
    const count = (p: (b: Uint8Array, s: string) => boolean): number => samples.filter((b) => p(b, encodeBase64url(b))).length;
    const n = samples.length;
    const lastPossible = samples.filter((b) => b.length > 0 && b.length % 3 === 0).length;
    const stats = {
      firstIsUrl: count((_, s) => isUrl(s[0])) / n,
      lastIsUrlWhenPossible: count((b, s) => b.length % 3 === 0 && b.length > 0 && isUrl(s.at(-1))) / lastPossible,
      twoOrMore: count((_, s) => urlCount(s) >= 2) / n,
      urlShare: samples.reduce((a, b) => a + urlCount(encodeBase64url(b)), 0) / samples.reduce((a, b) => a + encodeBase64url(b).length, 0),
      mod3: [0, 1, 2].map((r) => count((b) => b.length % 3 === r) / n),
    };
    console.info('urlCharBytes over', n, 'samples:', stats);
    expect(stats.firstIsUrl).toBeGreaterThan(0.6);
    expect(stats.lastIsUrlWhenPossible).toBeGreaterThan(0.6);
    expect(stats.twoOrMore).toBeGreaterThan(0.8);
    expect(stats.urlShare).toBeGreaterThan(0.2); // random bytes give 2/64 ≈ 0.03
    for (const share of stats.mod3) expect(share).toBeGreaterThan(0.2);
    // Random bytes still appear: not every character is '-' or '_'.
    expect(count((_, s) => s.length > 8 && urlCount(s) < s.length / 2)).toBeGreaterThan(n / 4);
  });

  it(seeded('values it did not generate can be shrunk (the unmapper inverts the construction)'), () => {
    fc.assert(
      fc.property(urlCharBytes({ minLength: 6 }), (bytes) => {
        expect(urlCharBytes({ minLength: 6 }).canShrinkWithoutContext(bytes)).toBe(true);
      }),
      fcParams(),
    );
    expect(urlCharBytes().canShrinkWithoutContext('not bytes')).toBe(false);
  });

  it('shrinks a failure to a small counterexample', () => {
    // "No '_' in the encoding" fails; shrinking goes down to a few groups (the first and last group are
    // fixed parts of the construction, so it cannot always reach the 1-byte minimum).
    const details = fc.check(fc.property(urlCharBytes(), (b) => !encodeBase64url(b).includes('_')), { seed: SEED });
    expect(details.failed).toBe(true);
    expect(details.numShrinks).toBeGreaterThan(0);
    expect(details.counterexample![0].length).toBeLessThanOrEqual(9);
  });
});
