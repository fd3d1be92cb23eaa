import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULT_CLASSES, invalidToken, type InvalidToken } from '../../src/arbitraries/index.js';
import { isCaptokenError } from '../../src/errors.js';
import { parseToken } from '../../src/parse.js';
import { fcParams, NUM_RUNS, seeded } from '../support/fc.js';

/** What parseToken reports for `token`, in the shape of InvalidToken's expectation. */
function reported(token: string): { code: string; offset: number | undefined; segment: string | undefined } | 'accepted' {
  try {
    parseToken(token);
    return 'accepted';
  } catch (error) {
    if (!isCaptokenError(error)) throw error;
    return { code: error.code, offset: error.offset, segment: error.segment };
  }
}

const expected = (t: InvalidToken) => ({ code: t.code, offset: t.offset, segment: t.segment });

describe('invalidToken', () => {
  it('FAULT_CLASSES lists each class once', () => {
    expect(new Set(FAULT_CLASSES).size).toBe(FAULT_CLASSES.length);
  });

  it(seeded('every generated token is rejected by parseToken with exactly the declared code, offset and segment'), () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(invalidToken(), (t) => {
        seen.set(t.fault, (seen.get(t.fault) ?? 0) + 1);
        expect(reported(t.token)).toEqual(expected(t));
      }),
      fcParams({ numRuns: Math.max(NUM_RUNS * 2, 400) }),
    );
    // With equal weights, each of the 20 classes comes up in a run of 400.
    expect([...seen.keys()].sort()).toEqual([...FAULT_CLASSES].sort());
  });

  for (const fault of FAULT_CLASSES) {
    it(seeded(`class ${fault}: declared code, offset and segment match parseToken`), () => {
      const segments = new Set<string | undefined>();
      fc.assert(
        fc.property(invalidToken([fault]), (t) => {
          expect(t.fault).toBe(fault);
          segments.add(t.segment);
          expect(reported(t.token)).toEqual(expected(t));
        }),
        fcParams({ numRuns: Math.max(Math.ceil(NUM_RUNS / 4), 50) }), // the segment coverage below needs ~50
      );
      // Faults that can sit in any segment were put in each of them.
      if (fault.startsWith('char-') || fault === 'trailing-bits' || fault === 'length-1-mod-4') {
        expect([...segments].sort()).toEqual(['header', 'payload', 'signature']);
      }
      if (['invalid-utf8', 'not-json', 'json-not-object', 'duplicate-member', 'forbidden-member'].includes(fault)) {
        expect([...segments].sort()).toEqual(['header', 'payload']);
      }
    });
  }

  it('invalidToken([]) is a usage error', () => {
    expect(() => invalidToken([])).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
