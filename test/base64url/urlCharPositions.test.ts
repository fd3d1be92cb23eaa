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
import { decodeUtf8 } from '../../src/runtime/node.js';
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
    for (const b0 of firsts) {
      for (const b1 of seconds) {
        for (const b2 of ALL_BYTES) {
          const s = encodeBase64url(Uint8Array.of(b0, b1, b2));
          expect([isUrl(s[0]), isUrl(s[1]), isUrl(s[2])]).toEqual([false, false, false]);
        }
      }
    }
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
    for (const b0 of ALL_BYTES) {
      expect(isUrl(encodeBase64url(Uint8Array.of(b0)).at(-1))).toBe(false);
      for (const b1 of ALL_BYTES) expect(isUrl(encodeBase64url(Uint8Array.of(b0, b1)).at(-1))).toBe(false);
    }
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

describe('signatures (arbitrary bytes) can have url characters at both ends', () => {
  it('first always possible; last only when the byte length is 0 mod 3', () => {
    expect(encodeBase64url(Uint8Array.of(0xfb, 0xef, 0xbe))).toBe('----');
    expect(encodeBase64url(Uint8Array.of(0xff, 0xff, 0xff))).toBe('____');
    expect(encodeBase64url(Uint8Array.of(0xff, 0xff)).at(-1)).toBe('8');
    expect(encodeBase64url(Uint8Array.of(0xff)).at(-1)).toBe('w');
  });
});
