import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenParts } from '../../src/arbitraries/index.js';
import { encodeBase64url } from '../../src/base64url/index.js';
import { fcParams, NUM_RUNS, SEED, seeded } from '../support/fc.js';

describe('tokenParts', () => {
  it(seeded('header has a string alg; signature is non-empty bytes'), () => {
    fc.assert(
      fc.property(tokenParts(), ({ header, payload, signature }) => {
        expect(typeof header['alg']).toBe('string');
        expect(typeof payload).toBe('object');
        expect(signature).toBeInstanceOf(Uint8Array);
        expect(signature.length).toBeGreaterThan(0);
      }),
      fcParams(),
    );
  });

  it(seeded('typ and kid come often; signature segments are 0, 2 and 3 mod 4, first and last often url characters'), () => {
    const samples = fc.sample(tokenParts(), { seed: SEED, numRuns: NUM_RUNS * 2 });
    const share = (p: (t: (typeof samples)[number]) => boolean): number => samples.filter(p).length / samples.length;
    expect(share((t) => 'typ' in t.header)).toBeGreaterThan(0.3);
    expect(share((t) => 'kid' in t.header)).toBeGreaterThan(0.3);
    for (const m of [0, 2, 3]) expect(share((t) => encodeBase64url(t.signature).length % 4 === m), `mod ${m}`).toBeGreaterThan(0.15);
    expect(share((t) => /^[-_]/.test(encodeBase64url(t.signature)))).toBeGreaterThan(0.5);
    expect(share((t) => /[-_]$/.test(encodeBase64url(t.signature)))).toBeGreaterThan(0.15);
  });
});
