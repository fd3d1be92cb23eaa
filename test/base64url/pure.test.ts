// The plain-TypeScript codec (every runtime; the reference for every rejection). Buffer's base64url
// serves as the oracle for the bytes of canonical input; the fault rules are restated here by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlFault, decodedLength, decodePure, encodePure, hasCanonicalTail } from '../../src/base64url/pure.js';
import { CaptokenError } from '../../src/errors.js';
import { fcParams, seeded } from '../support/fc.js';

describe('decodedLength', () => {
  it('is 3 bytes per 4 characters, plus 1 for a tail of 2 and 2 for a tail of 3', () => {
    expect([0, 2, 3, 4, 6, 7, 8, 10, 11].map(decodedLength)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it(seeded('is the length Buffer decodes canonical strings to'), () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(decodedLength(Buffer.from(bytes).toString('base64url').length)).toBe(bytes.length);
      }),
      fcParams(),
    );
  });
});

describe('hasCanonicalTail', () => {
  it('checks the unused low bits of the last character: 4 bits after 2 characters, 2 after 3', () => {
    expect(hasCanonicalTail('QQ')).toBe(true); // 'Q' = 16: low 4 bits zero
    expect(hasCanonicalTail('QR')).toBe(false); // 'R' = 17
    expect(hasCanonicalTail('QUE')).toBe(true); // 'E' = 4: low 2 bits zero
    expect(hasCanonicalTail('QUF')).toBe(false); // 'F' = 5
  });

  it('is true when there are no unused bits (length a multiple of 4, or 1 more)', () => {
    expect(hasCanonicalTail('')).toBe(true);
    expect(hasCanonicalTail('QUJD')).toBe(true);
    expect(hasCanonicalTail('QUJDB')).toBe(true);
  });
});

describe('base64urlFault', () => {
  const fault = (input: string, base?: number, segment?: 'header' | 'payload' | 'signature') => {
    const error = base64urlFault(input, base, segment);
    return error === undefined ? undefined : { code: error.code, offset: error.offset, segment: error.segment, message: error.message };
  };

  it('is undefined for canonical input, the empty string included', () => {
    for (const ok of ['', 'QQ', 'QUE', 'QUJD', '-_8', 'AAAA']) expect(fault(ok), ok).toBeUndefined();
  });

  it('reports the leftmost character fault, then the length, then the trailing bits', () => {
    expect(fault('QQ=')).toMatchObject({ code: 'BASE64URL_PADDING', offset: 2 });
    expect(fault('+/8')).toMatchObject({ code: 'BASE64URL_INVALID_CHAR', offset: 0 });
    expect(fault('AB C')).toMatchObject({ code: 'BASE64URL_INVALID_CHAR', offset: 2 });
    expect(fault('AAAAA')).toMatchObject({ code: 'BASE64URL_LENGTH', offset: undefined });
    expect(fault('QR')).toMatchObject({ code: 'BASE64URL_NONCANONICAL', offset: 1 });
    // a character fault wins over a length fault and a trailing-bit fault elsewhere
    expect(fault('AAAA+')).toMatchObject({ code: 'BASE64URL_INVALID_CHAR', offset: 4 });
    expect(fault('Q=R')).toMatchObject({ code: 'BASE64URL_PADDING', offset: 1 });
  });

  it('adds the base to every offset and names the segment', () => {
    expect(fault('QR', 40, 'payload')).toEqual({
      code: 'BASE64URL_NONCANONICAL',
      offset: 41,
      segment: 'payload',
      message: "non-canonical base64url: unused bits of the last character 'R' (U+0052) at 41 in the payload segment are not zero",
    });
    expect(fault('AAAAA', 10, 'signature')).toMatchObject({ code: 'BASE64URL_LENGTH', segment: 'signature', offset: undefined });
  });

  it('shows a faulty character as its code point, never the input around it', () => {
    expect(fault('AA\u0000A')?.message).toBe('invalid base64url character U+0000 at 2');
    expect(fault('AA\u00e9A')?.message).toBe('invalid base64url character U+00E9 at 2');
    expect(fault('AA\u{1F600}')?.message).toBe('invalid base64url character U+1F600 at 2');
    expect(fault('secret+')?.message).toBe("standard base64 character '+' at 6; base64url uses '-' and '_'");
  });
});

describe('decodePure', () => {
  it(seeded('decodes canonical input to the bytes Buffer gives'), () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64url');
        expect(decodePure(text)).toEqual(new Uint8Array(bytes));
      }),
      fcParams(),
    );
  });

  it('throws the fault base64urlFault finds, as a CaptokenError', () => {
    for (const bad of ['QQ=', 'QR', 'AAAAA', 'a+b']) {
      const expected = base64urlFault(bad, 7, 'header')!;
      let thrown: unknown;
      try {
        decodePure(bad, 7, 'header');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CaptokenError);
      const { code, offset, segment, message } = thrown as CaptokenError;
      expect({ code, offset, segment, message }).toEqual({ code: expected.code, offset: expected.offset, segment: 'header', message: expected.message });
    }
  });
});

describe('encodePure', () => {
  it(seeded('encodes as Buffer does, unpadded, for any length (past its 8192-character flush too)'), () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 7000 }), (bytes) => {
        expect(encodePure(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      }),
      fcParams({ numRuns: 50 }),
    );
  });

  it('respects a subarray view', () => {
    const whole = Uint8Array.of(0xff, 0xfb, 0xff, 0x00);
    expect(encodePure(whole.subarray(1, 3))).toBe('-_8');
  });
});
