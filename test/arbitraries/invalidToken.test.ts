import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULT_CLASSES, invalidToken, type InvalidToken } from '../../src/arbitraries/index.js';
import { isCaptokenError } from '../../src/errors.js';
import { parseToken } from '../../src/parse.js';
import { fcParams, NUM_RUNS, seeded } from '../support/fc.js';
import { parseFirstWins } from '../conformance/fixtures/parsers/first-wins.mjs';

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
      if (['invalid-utf8', 'not-json', 'json-not-object', 'json-bom', 'duplicate-member', 'forbidden-member'].includes(fault)) {
        expect([...segments].sort()).toEqual(['header', 'payload']);
      }
    });
  }

  it('invalidToken([]) is a usage error; so is a segment list that leaves a class nowhere to go', () => {
    expect(() => invalidToken([])).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => invalidToken(['not-json'], { segments: ['signature'] })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => invalidToken(['char-plus'], { segments: [] })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it(seeded('every token has its valid twin (parseToken accepts it), except oversized garbage'), () => {
    fc.assert(
      fc.property(invalidToken(), (t) => {
        if (t.twin === undefined) {
          expect(t.fault).toBe('too-large');
          return;
        }
        expect(reported(t.twin)).toBe('accepted');
        expect(t.twin).not.toBe(t.token);
      }),
      fcParams({ numRuns: Math.max(NUM_RUNS * 2, 400) }),
    );
  });

  it(seeded('segments puts the faults where asked'), () => {
    fc.assert(
      fc.property(invalidToken(['char-plus', 'length-1-mod-4', 'trailing-bits'], { segments: ['signature'] }), (t) => {
        expect(t.segment).toBe('signature');
      }),
      fcParams(),
    );
  });

  it(seeded('duplicate members: keeping the first and keeping the last give different values; lastWins is the last'), () => {
    fc.assert(
      fc.property(invalidToken(['duplicate-member']), (t) => {
        const [h, p] = t.token.split('.') as [string, string];
        const text = Buffer.from(t.segment === 'header' ? h : p, 'base64url').toString('utf8');
        const last = JSON.parse(text) as unknown;
        expect(t.lastWins).toEqual(t.segment === 'header' ? { header: last, payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) } : { header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')), payload: last });
        // Keeping the first member instead (an independent reader) gives another value.
        expect(parseFirstWins(text)).not.toEqual(last);
      }),
      fcParams({ numRuns: 100 }),
    );
  });

  it(seeded('an unsecured token has alg "none" and an empty signature'), () => {
    for (const t of fc.sample(invalidToken(['empty-signature']), { seed: 3, numRuns: 50 })) {
      expect(t.token.endsWith('.')).toBe(true);
      expect(JSON.parse(Buffer.from(t.token.split('.')[0]!, 'base64url').toString('utf8'))).toMatchObject({ alg: 'none' });
    }
  });
});
