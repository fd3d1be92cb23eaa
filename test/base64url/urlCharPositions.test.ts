// Where '-' and '_' can appear in the base64url of a UTF-8 JSON object (a token header or payload),
// proved exhaustively over bytes. This is why the incident properties put '-'/'_' at the very first
// and last position only in the signature, and "as close to the edges as possible" elsewhere.
//
// Encoding of one 3-byte group b0 b1 b2 as c0 c1 c2 c3:
//   c0 = b0 >> 2   c1 = (b0 & 3) << 4 | b1 >> 4   c2 = (b1 & 15) << 2 | b2 >> 6   c3 = b2 & 63
// and '-' = 62, '_' = 63.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonClaims } from '../../src/arbitraries/index.js';
import { encodeBase64url } from '../../src/base64url/index.js';
import { decodeUtf8 } from '../../src/utf8.js';
import { fcParams, seeded } from '../support/fc.js';

const isUrl = (c: string | undefined): boolean => c === '-' || c === '_';
const ALL_BYTES = Array.from({ length: 256 }, (_, b) => b);
/** JSON whitespace (RFC 8259 §2). */
const JSON_WS = [0x20, 0x09, 0x0a, 0x0d];
const OPEN = 0x7b; // '{'
const CLOSE = 0x7d; // '}'
const QUOTE = 0x22; // '"'

describe("'-'/'_' at a position that is 0 mod 4 needs a byte >= 0xF8, which UTF-8 never contains", () => {
  it('the first character of a group is url-only iff the first byte is 0xF8..0xFF (all 256 bytes)', () => {
    const urlLeads = ALL_BYTES.filter((b) => isUrl(encodeBase64url(Uint8Array.of(b, 0, 0))[0]));
    expect(urlLeads).toEqual([0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff]);
  });

  it('no valid UTF-8 contains 0xF8..0xFF (RFC 3629 §1), whatever surrounds it', () => {
    const contexts = [[], [0x41], [0x80], [0x80, 0x80], [0x80, 0x80, 0x80], [0x80, 0x80, 0x80, 0x80]];
    for (let b = 0xf8; b <= 0xff; b++) {
      for (const after of contexts) {
        for (const before of [[], [0x41], [0xf0, 0x90, 0x80]]) {
          expect(decodeUtf8(Uint8Array.from([...before, b, ...after]))).toBeUndefined();
        }
      }
    }
  });
});

describe('the first position of a JSON-object segment is never \'-\' or \'_\'; the earliest is index 3', () => {
  // A JSON object text starts with JSON whitespace or '{' (a BOM is rejected); its second byte is
  // whitespace, '{' (after whitespace), '"' (a member name) or '}' (empty object).
  const firsts = [...JSON_WS, OPEN];
  const seconds = [...JSON_WS, OPEN, QUOTE, CLOSE];

  it('characters 0, 1, 2 are never url characters, for every possible first two bytes and all 256 third bytes', () => {
    const found: string[] = [];
    for (const b0 of firsts) {
      for (const b1 of seconds) {
        for (const b2 of ALL_BYTES) {
          const s = encodeBase64url(Uint8Array.of(b0, b1, b2));
          if (isUrl(s[0]) || isUrl(s[1]) || isUrl(s[2])) found.push(s);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("index 3 is reachable: a first member name starting with '?', '>', '~' or DEL", () => {
    for (const [name, char] of [
      ['?', '_'],
      ['>', '-'],
      ['~', '-'],
      ['\x7f', '_'],
    ] as const) {
      const s = encodeBase64url(new TextEncoder().encode(JSON.stringify({ [`${name}k`]: 1 })));
      expect(s[3]).toBe(char);
    }
  });
});

describe("the last position of a JSON-object segment is never '-' or '_'", () => {
  it('with length 1 or 2 mod 3 the last character has zero low bits: never a url character (all 1- and 2-byte tails)', () => {
    const found: string[] = [];
    for (const b0 of ALL_BYTES) {
      const one = encodeBase64url(Uint8Array.of(b0));
      if (isUrl(one.at(-1))) found.push(one);
      for (const b1 of ALL_BYTES) {
        const two = encodeBase64url(Uint8Array.of(b0, b1));
        if (isUrl(two.at(-1))) found.push(two);
      }
    }
    expect(found).toEqual([]);
  });

  it('with length 0 mod 3 the last character is (last byte & 63): url only for 3E 3F 7E 7F BE BF FE FF', () => {
    const urlLasts = ALL_BYTES.filter((b) => isUrl(encodeBase64url(Uint8Array.of(0, 0, b)).at(-1)));
    expect(urlLasts).toEqual([0x3e, 0x3f, 0x7e, 0x7f, 0xbe, 0xbf, 0xfe, 0xff]);
    // A JSON object text ends with '}' and then only JSON whitespace, none of which is in that list.
    for (const last of [CLOSE, ...JSON_WS]) expect(urlLasts).not.toContain(last);
  });

  it(seeded('JSON object texts end with "}" or whitespace (checked on generated claims and padded texts)'), () => {
    fc.assert(
      fc.property(jsonClaims(), fc.constantFrom('', ' ', '\r\n', '\t'), (claims, space) => {
        const bytes = new TextEncoder().encode(JSON.stringify(claims) + space);
        expect([CLOSE, ...JSON_WS]).toContain(bytes.at(-1));
        expect(isUrl(encodeBase64url(bytes).at(-1))).toBe(false);
        expect(isUrl(encodeBase64url(bytes)[0])).toBe(false);
      }),
      fcParams(),
    );
  });
});

describe('the closest url character to the end of a JSON text that ends with "}" (as JSON.stringify writes it)', () => {
  // Grammar: the byte v before the final '}' ends a value or is whitespace: '"', a digit, 'e'
  // (true/false), 'l' (null), ']', '}', '{' (empty object) or JSON whitespace. All ASCII.
  const VALUE_END = [QUOTE, ...'0123456789el]}{'.split('').map((c) => c.charCodeAt(0)), ...JSON_WS];
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const CONTEXTS = [[], [0xc3], [0xe2], [0xe2, 0x82], [0xf0], [0xf0, 0x9f], [0xf0, 0x9f, 0x98]];
  const canEndBefore = (bytes: number[], next: number): boolean =>
    CONTEXTS.some((ctx) => decodeUtf8(Uint8Array.from([...ctx, ...bytes, next])) !== undefined);

  it('UTF-8 facts used below: a byte before an ASCII byte is < 0xC0; a byte two before one is < 0xE0', () => {
    // Exhaustive over the byte(s), with every kind of preceding context (none, or an unfinished lead).
    expect(ALL_BYTES.filter((b) => canEndBefore([b], QUOTE))).toEqual(range(0x00, 0xbf));
    const twoBefore = ALL_BYTES.filter((b1) => ALL_BYTES.some((b2) => canEndBefore([b1, b2], QUOTE)));
    expect(twoBefore).toEqual(range(0x00, 0xdf).filter((b) => b !== 0xc0 && b !== 0xc1));
  });

  /**
   * Encodes every candidate group at once (one aligned 3-byte group each, concatenated) and returns
   * the set of character positions within a group (0..3) where a url character occurs.
   */
  function urlPlaces(groups: number[][]): Set<number> {
    const s = encodeBase64url(Uint8Array.from(groups.flat()));
    const places = new Set<number>();
    for (let i = 0; i < s.length; i++) if (isUrl(s[i])) places.add(i % 4);
    return places;
  }
  const b2s = range(0x00, 0xbf); // before an ASCII value end (fact above)
  const b1s = range(0x00, 0xdf); // two before an ASCII value end (fact above)

  it("length 2 mod 3 (segment 3 mod 4): the last 3 characters are never url; the 4th from the end can be", () => {
    // Last group: (v, '}'), three characters.
    const tails = VALUE_END.map((v) => encodeBase64url(Uint8Array.of(v, CLOSE)));
    expect(tails.filter((t) => t.split('').some(isUrl))).toEqual([]);
    // n-4 is c3 of the group before: the byte before v, e.g. '?' closing a string value ("...?" + '"}').
    expect(encodeBase64url(new TextEncoder().encode('{"abc":"?"}')).at(-4)).toBe('_');
  });

  it('length 0 mod 3 (segment 0 mod 4): the last 4 characters are never url; the 5th from the end can be', () => {
    // Last group: (b2, v, '}'), all b2 that can precede an ASCII byte.
    const groups = b2s.flatMap((b2) => VALUE_END.map((v) => [b2, v, CLOSE]));
    expect(urlPlaces(groups)).toEqual(new Set());
    expect(encodeBase64url(new TextEncoder().encode('{"abc":"?a"}')).at(-5)).toBe('_');
  });

  it('length 1 mod 3 (segment 2 mod 4): the last 6 characters are never url; the 7th from the end can be', () => {
    // Last group: '}' alone ("fQ"); the group before: (b1, b2, v), every possible combination.
    expect(encodeBase64url(Uint8Array.of(CLOSE))).toBe('fQ');
    const groups = b1s.flatMap((b1) => b2s.flatMap((b2) => VALUE_END.map((v) => [b1, b2, v])));
    expect(groups.length).toBe(224 * 192 * VALUE_END.length);
    expect(urlPlaces(groups)).toEqual(new Set());
    expect(encodeBase64url(new TextEncoder().encode('{"abc":"?ab"}')).at(-7)).toBe('_');
  });
});

describe('signatures (arbitrary bytes) can have url characters at both ends', () => {
  it('first always possible; last only when the byte length is 0 mod 3', () => {
    expect(encodeBase64url(Uint8Array.of(0xfb, 0xef, 0xbe))).toBe('----');
    expect(encodeBase64url(Uint8Array.of(0xff, 0xff, 0xff))).toBe('____');
    expect(encodeBase64url(Uint8Array.of(0xff, 0xff)).at(-1)).toBe('8');
    expect(encodeBase64url(Uint8Array.of(0xff)).at(-1)).toBe('w');
  });
});
