import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalBase64url } from '../../src/arbitraries/index.js';
import { decodeBase64url, encodeBase64url } from '../../src/base64url/index.js';
import { fcParams, SEED, seeded } from '../support/fc.js';

const CANONICAL = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-][AQgw]|[A-Za-z0-9_-]{2}[AEIMQUYcgkosw048])?$/;

describe('canonicalBase64url', () => {
  it(seeded('every value is canonical unpadded base64url (the RFC language, and decode/encode is the identity)'), () => {
    fc.assert(
      fc.property(canonicalBase64url(), (s) => {
        expect(s).toMatch(CANONICAL);
        expect(s.length % 4).not.toBe(1);
        expect(encodeBase64url(decodeBase64url(s))).toBe(s);
        expect(Buffer.from(s, 'base64url').toString('base64url')).toBe(s);
      }),
      fcParams(),
    );
  });

  it(seeded('bounds are on the decoded byte length'), () => {
    fc.assert(
      fc.property(canonicalBase64url({ minLength: 4, maxLength: 10 }), (s) => {
        const n = decodeBase64url(s).length;
        expect(n).toBeGreaterThanOrEqual(4);
        expect(n).toBeLessThanOrEqual(10);
      }),
      fcParams(),
    );
  });

  it(seeded('strings shrink without context through decode (the unmapper)'), () => {
    fc.assert(
      fc.property(canonicalBase64url({ minLength: 6 }), (s) => {
        expect(canonicalBase64url({ minLength: 6 }).canShrinkWithoutContext(s)).toBe(true);
      }),
      fcParams(),
    );
    expect(canonicalBase64url().canShrinkWithoutContext('QR')).toBe(false); // not canonical
    expect(canonicalBase64url().canShrinkWithoutContext(42)).toBe(false);
  });

  it('shrinks a failure to a short string', () => {
    const details = fc.check(fc.property(canonicalBase64url(), (s) => !s.includes('-')), { seed: SEED });
    expect(details.failed).toBe(true);
    expect(details.counterexample![0].length).toBeLessThanOrEqual(8);
  });
});
