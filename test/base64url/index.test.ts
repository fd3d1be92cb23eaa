// The public codec: RFC vectors, the round trip, and an oracle that says, for any string, whether it is
// canonical unpadded base64url and, if not, which fault a strict decoder must report and where.
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlish, canonicalBase64url, urlCharBytes } from '../../src/arbitraries/index.js';
import { decodeBase64url, encodeBase64url } from '../../src/base64url/index.js';
import { isCaptokenError } from '../../src/errors.js';
import { fcParams, NUM_RUNS, seeded } from '../support/fc.js';

// ---------------------------------------------------------------------------------------------------
// The oracle. Written from RFC 4648 §5 and §3.5 / RFC 7515 §2, deliberately unlike src: one regex for
// the whole canonical language, and a scan with a regex class for the faults.

/**
 * Canonical unpadded base64url: groups of 4, then optionally 2 characters whose second encodes 4 bits
 * followed by 4 zero bits (A Q g w), or 3 characters whose third encodes 4 bits then 2 zero bits.
 */
const CANONICAL = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-][AQgw]|[A-Za-z0-9_-]{2}[AEIMQUYcgkosw048])?$/;
const NOT_ALPHABET = /[^A-Za-z0-9_-]/;

type Verdict = { ok: true } | { ok: false; code: string; offset: number | undefined };

function oracle(s: string): Verdict {
  if (CANONICAL.test(s)) return { ok: true };
  const bad = s.search(NOT_ALPHABET); // the first UTF-16 code unit outside the alphabet
  if (bad !== -1) return { ok: false, code: s[bad] === '=' ? 'BASE64URL_PADDING' : 'BASE64URL_INVALID_CHAR', offset: bad };
  if (s.length % 4 === 1) return { ok: false, code: 'BASE64URL_LENGTH', offset: undefined };
  // All characters valid, length fine, and still not canonical: only the trailing bits are left.
  return { ok: false, code: 'BASE64URL_NONCANONICAL', offset: s.length - 1 };
}

function decodeVerdict(s: string): Verdict {
  try {
    decodeBase64url(s);
    return { ok: true };
  } catch (error) {
    if (!isCaptokenError(error)) throw error;
    return { ok: false, code: error.code, offset: error.offset };
  }
}

describe('oracle self-check', () => {
  it('agrees with the RFC on small hand-picked cases', () => {
    expect(oracle('')).toEqual({ ok: true });
    expect(oracle('QQ')).toEqual({ ok: true });
    expect(oracle('QR')).toEqual({ ok: false, code: 'BASE64URL_NONCANONICAL', offset: 1 });
    expect(oracle('QUE')).toEqual({ ok: true });
    expect(oracle('QUF')).toEqual({ ok: false, code: 'BASE64URL_NONCANONICAL', offset: 2 });
    expect(oracle('QUFB')).toEqual({ ok: true });
    expect(oracle('QUFBQ')).toEqual({ ok: false, code: 'BASE64URL_LENGTH', offset: undefined });
    expect(oracle('QQ==')).toEqual({ ok: false, code: 'BASE64URL_PADDING', offset: 2 });
    expect(oracle('Q+Q')).toEqual({ ok: false, code: 'BASE64URL_INVALID_CHAR', offset: 1 });
    expect(oracle('QUFBQ=\u00e9')).toEqual({ ok: false, code: 'BASE64URL_PADDING', offset: 5 });
  });

  it('the canonical tails are exactly the characters whose unused bits are zero', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const zeroLow4 = alphabet.split('').filter((_, v) => v % 16 === 0).join('');
    const zeroLow2 = alphabet.split('').filter((_, v) => v % 4 === 0).join('');
    expect(zeroLow4).toBe('AQgw');
    expect(zeroLow2).toBe('AEIMQUYcgkosw048');
  });
});

describe('RFC 4648 §10 test vectors, unpadded', () => {
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ];
  for (const [text, encoded] of vectors) {
    it(`"${text}" <-> "${encoded}"`, () => {
      const bytes = new TextEncoder().encode(text);
      expect(encodeBase64url(bytes)).toBe(encoded);
      expect(decodeBase64url(encoded)).toEqual(bytes);
    });
  }

  it('the padded spellings of the same vectors are rejected at the first "="', () => {
    expect(() => decodeBase64url('Zg==')).toThrow(expect.objectContaining({ code: 'BASE64URL_PADDING', offset: 2 }));
    expect(() => decodeBase64url('Zm8=')).toThrow(expect.objectContaining({ code: 'BASE64URL_PADDING', offset: 3 }));
  });

  it('the incident bytes: 0xFB 0xFF is "-_8", and "+/8" is rejected', () => {
    expect(encodeBase64url(Uint8Array.from([0xfb, 0xff]))).toBe('-_8');
    expect(decodeBase64url('-_8')).toEqual(Uint8Array.from([0xfb, 0xff]));
    expect(decodeBase64url('--__')).toEqual(Uint8Array.from([0xfb, 0xef, 0xff]));
    expect(() => decodeBase64url('+/8')).toThrow(expect.objectContaining({ code: 'BASE64URL_INVALID_CHAR', offset: 0 }));
  });
});

describe('round trip', () => {
  const bytes = fc.oneof(fc.uint8Array({ maxLength: 96 }), urlCharBytes());

  it(seeded('decode(encode(b)) = b; the encoding is base64url without padding and equals Buffer base64url'), () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const s = encodeBase64url(b);
        expect(s).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(s).toBe(Buffer.from(b).toString('base64url'));
        expect(s.length).toBe(Math.ceil((b.length * 4) / 3));
        expect(decodeBase64url(s)).toEqual(b);
      }),
      fcParams(),
    );
  });

  it(seeded('encode(decode(s)) = s for canonical strings (one spelling per byte string)'), () => {
    fc.assert(
      fc.property(canonicalBase64url(), (s) => {
        expect(encodeBase64url(decodeBase64url(s))).toBe(s);
      }),
      fcParams(),
    );
  });

  it('works on a subarray view (byteOffset respected)', () => {
    const buffer = Uint8Array.from([1, 0xfb, 0xff, 2]);
    expect(encodeBase64url(buffer.subarray(1, 3))).toBe('-_8');
  });
});

describe('oracle: decodeBase64url accepts exactly the canonical strings', () => {
  it(seeded('on base64urlish strings: same verdict, code and offset as the oracle'), () => {
    const codes = new Map<string, number>();
    const runs = Math.max(NUM_RUNS * 2, 400); // enough for the coverage check below
    fc.assert(
      fc.property(base64urlish(), (s) => {
        const want = oracle(s);
        codes.set(want.ok ? 'accepted' : want.code, (codes.get(want.ok ? 'accepted' : want.code) ?? 0) + 1);
        expect(decodeVerdict(s)).toEqual(want);
      }),
      fcParams({ numRuns: runs }),
    );
    // The input mix exercises acceptance and every codec fault, each in at least 5% of runs.
    for (const key of ['accepted', 'BASE64URL_INVALID_CHAR', 'BASE64URL_PADDING', 'BASE64URL_LENGTH', 'BASE64URL_NONCANONICAL']) {
      expect(codes.get(key) ?? 0, key).toBeGreaterThanOrEqual(runs / 20);
    }
  });

  it(seeded('on fully arbitrary strings (any code point)'), () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        expect(decodeVerdict(s)).toEqual(oracle(s));
      }),
      fcParams(),
    );
  });

  it(seeded('on strings of alphabet characters only (length and trailing-bit faults)'), () => {
    const alphabetString = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')),
      maxLength: 13,
    });
    fc.assert(
      fc.property(alphabetString, (s) => {
        expect(decodeVerdict(s)).toEqual(oracle(s));
      }),
      fcParams(),
    );
  });

  it('fault order: leftmost character fault, then length, then trailing bits', () => {
    // '=' before '+': padding wins; '+' before '=': the character wins.
    expect(decodeVerdict('QQ=+Q')).toEqual({ ok: false, code: 'BASE64URL_PADDING', offset: 2 });
    expect(decodeVerdict('QQ+=Q')).toEqual({ ok: false, code: 'BASE64URL_INVALID_CHAR', offset: 2 });
    // Length 5 with a bad character: the character wins; without, the length.
    expect(decodeVerdict('QUFB ')).toEqual({ ok: false, code: 'BASE64URL_INVALID_CHAR', offset: 4 });
    expect(decodeVerdict('QUFBR')).toEqual({ ok: false, code: 'BASE64URL_LENGTH', offset: undefined });
    // Non-canonical tail only when nothing else is wrong.
    expect(decodeVerdict('QR')).toEqual({ ok: false, code: 'BASE64URL_NONCANONICAL', offset: 1 });
    expect(decodeVerdict('Q R')).toEqual({ ok: false, code: 'BASE64URL_INVALID_CHAR', offset: 1 });
  });
});

describe('error codes, offsets and messages of the codec', () => {
  const cases: { input: string; code: string; offset: number | undefined; message: string }[] = [
    {
      input: 'eyJhbGciOiJIUzI1N+J9',
      code: 'BASE64URL_INVALID_CHAR',
      offset: 17,
      message: "standard base64 character '+' at 17; base64url uses '-' and '_'",
    },
    {
      input: 'eyJhbGciOiJIUzI1/iJ9',
      code: 'BASE64URL_INVALID_CHAR',
      offset: 16,
      message: "standard base64 character '/' at 16; base64url uses '-' and '_'",
    },
    {
      input: 'eyJhbGciOiJIUzI1NiJ9+',
      code: 'BASE64URL_INVALID_CHAR',
      offset: 20,
      message: "standard base64 character '+' at 20; base64url uses '-' and '_'",
    },
    { input: 'QQ==', code: 'BASE64URL_PADDING', offset: 2, message: "padding '=' at 2; base64url in tokens is unpadded (RFC 7515 §2)" },
    { input: 'QU FB', code: 'BASE64URL_INVALID_CHAR', offset: 2, message: 'invalid base64url character U+0020 at 2' },
    { input: 'QU\nFB', code: 'BASE64URL_INVALID_CHAR', offset: 2, message: 'invalid base64url character U+000A at 2' },
    { input: 'QU.FB', code: 'BASE64URL_INVALID_CHAR', offset: 2, message: "invalid base64url character '.' (U+002E) at 2" },
    { input: 'QU\u00e9B', code: 'BASE64URL_INVALID_CHAR', offset: 2, message: 'invalid base64url character U+00E9 at 2' },
    { input: 'QU\ud800B', code: 'BASE64URL_INVALID_CHAR', offset: 2, message: 'invalid base64url character U+D800 at 2' },
    { input: 'QU\u{1f600}B', code: 'BASE64URL_INVALID_CHAR', offset: 2, message: 'invalid base64url character U+1F600 at 2' },
    {
      input: 'QUFBQ',
      code: 'BASE64URL_LENGTH',
      offset: undefined,
      message: 'invalid base64url length 5: a length of one more than a multiple of 4 cannot be decoded',
    },
    {
      input: 'QR',
      code: 'BASE64URL_NONCANONICAL',
      offset: 1,
      message: "non-canonical base64url: unused bits of the last character 'R' (U+0052) at 1 are not zero",
    },
    {
      input: 'QUF',
      code: 'BASE64URL_NONCANONICAL',
      offset: 2,
      message: "non-canonical base64url: unused bits of the last character 'F' (U+0046) at 2 are not zero",
    },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.input)} -> ${c.code}`, () => {
      let caught: unknown;
      try {
        decodeBase64url(c.input);
      } catch (error) {
        caught = error;
      }
      expect(isCaptokenError(caught)).toBe(true);
      expect(caught).toMatchObject({ name: 'CaptokenError', code: c.code, message: c.message });
      expect((caught as { offset?: number }).offset).toBe(c.offset);
      expect((caught as { segment?: string }).segment).toBeUndefined();
    });
  }

  it(seeded('messages show at most the offending character, never the input'), () => {
    fc.assert(
      fc.property(canonicalBase64url({ minLength: 30, maxLength: 90 }), fc.nat(), fc.constantFrom('+', '/', '=', ' ', '\u00e9'), (s, at, c) => {
        const i = at % s.length;
        const bad = s.slice(0, i) + c + s.slice(i + 1);
        try {
          decodeBase64url(bad);
          expect.unreachable('a non-alphabet character must be rejected');
        } catch (error) {
          if (!isCaptokenError(error)) throw error;
          expect(error.message).not.toContain(bad);
          // No 8-character run of the input appears in the message.
          for (let k = 0; k + 8 <= bad.length; k++) expect(error.message).not.toContain(bad.slice(k, k + 8));
        }
      }),
      fcParams(),
    );
  });
});
