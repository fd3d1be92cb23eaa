// The Node fast path (Buffer) against the pure decoder that makes every rejection: identical bytes or
// identical errors, on any input, and the same encoding.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlish, canonicalBase64url, urlCharBytes } from '../../src/arbitraries/index.js';
import { decodeNode, encodeNode } from '../../src/base64url/node.js';
import { decodePure, encodePure } from '../../src/base64url/pure.js';
import { isCaptokenError, type TokenSegment } from '../../src/errors.js';
import { fcParams, NUM_RUNS, seeded } from '../support/fc.js';

type Outcome =
  | { bytes: number[]; plain: boolean; owns: boolean }
  | { code: string; offset: number | undefined; segment: string | undefined; message: string };

function outcome(decode: (s: string, base?: number, segment?: TokenSegment) => Uint8Array, s: string, base?: number, segment?: TokenSegment): Outcome {
  try {
    const bytes = decode(s, base, segment);
    return {
      bytes: [...bytes],
      // A plain Uint8Array (not a Buffer) that owns exactly its bytes (not a view into a pool).
      plain: Object.getPrototypeOf(bytes) === Uint8Array.prototype,
      owns: bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length,
    };
  } catch (error) {
    if (!isCaptokenError(error)) throw error;
    return { code: error.code, offset: error.offset, segment: error.segment, message: error.message };
  }
}

/** Inputs where Buffer.from(s, 'base64url') is lenient in a way the checks must catch. */
const NODE_TRAPS = [
  'QQ=A', // Buffer stops at '='
  'QUFB QUFB', // Buffer skips whitespace
  'QU\u012bB', // U+012B: Buffer keeps the low byte, 0x2B '+'
  'QU\u012fB', // U+012F -> '/'
  'QU\u0141B', // U+0141 -> 'A'
  'QU\u00c1B', // U+00C1 (Latin-1) -> 0xC1
  'QUFB\u0000',
  '+/+/',
  'QR', // non-zero trailing bits: Buffer decodes it like 'QQ'
  'QUF',
  'QUFBQ',
  'Q\ud800Q',
  '\u{1f600}AA',
];

describe('decodeNode and decodePure agree', () => {
  it('on the inputs where Buffer is lenient', () => {
    for (const s of NODE_TRAPS) {
      const pure = outcome(decodePure, s);
      expect('code' in pure, JSON.stringify(s)).toBe(true);
      expect(outcome(decodeNode, s), JSON.stringify(s)).toEqual(pure);
    }
  });

  it(seeded('on base64urlish strings, with and without a segment base'), () => {
    fc.assert(
      fc.property(
        base64urlish(),
        fc.nat({ max: 1000 }),
        fc.constantFrom<TokenSegment | undefined>(undefined, 'header', 'payload', 'signature'),
        (s, base, segment) => {
          expect(outcome(decodeNode, s)).toEqual(outcome(decodePure, s));
          expect(outcome(decodeNode, s, base, segment)).toEqual(outcome(decodePure, s, base, segment));
        },
      ),
      fcParams({ numRuns: NUM_RUNS * 2 }),
    );
  });

  it(seeded('on arbitrary strings (any code point; lone surrogates and Latin-1 inserted)'), () => {
    const unit = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0x80, max: 0x2ff }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom(...'AQgw-_='.split('')),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (s) => {
        expect(outcome(decodeNode, s)).toEqual(outcome(decodePure, s));
      }),
      fcParams(),
    );
  });

  it(seeded('both return a plain, exact Uint8Array for canonical input (never a pooled Buffer)'), () => {
    fc.assert(
      fc.property(canonicalBase64url(), (s) => {
        const node = outcome(decodeNode, s);
        expect(node).toMatchObject({ plain: true, owns: true });
        expect(node).toEqual(outcome(decodePure, s));
      }),
      fcParams(),
    );
  });
});

describe('encodeNode and encodePure agree', () => {
  it(seeded('on byte arrays, including subarray views'), () => {
    fc.assert(
      fc.property(fc.oneof(urlCharBytes(), fc.uint8Array({ maxLength: 64 })), fc.nat({ max: 3 }), (bytes, cut) => {
        const view = bytes.subarray(Math.min(cut, bytes.length));
        expect(encodeNode(view)).toBe(encodePure(view));
      }),
      fcParams(),
    );
  });

  it(seeded('on large arrays (encodePure flushes its buffer every 8192 characters)'), () => {
    fc.assert(
      fc.property(urlCharBytes({ minLength: 6000, maxLength: 20000 }), (bytes) => {
        expect(encodeNode(bytes)).toBe(encodePure(bytes));
      }),
      fcParams({ numRuns: 10 }),
    );
  });
});
