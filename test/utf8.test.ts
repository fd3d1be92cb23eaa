// decodeUtf8 (src/utf8.ts), the fatal UTF-8 decoder under parseToken's TOKEN_UTF8 and BOM behaviour,
// on every runtime. The oracle is Node's own validator (buffer.isUtf8, simdutf) with Buffer's decoder:
// an independent implementation of the same rule (RFC 3629: no overlongs, no surrogates, nothing
// above U+10FFFF), restated here on purpose.
import { Buffer, isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../src/utf8.js';
import { fcParams, NUM_RUNS, seeded } from './support/fc.js';

const utf8 = new TextEncoder();
const oracle = (bytes: Uint8Array): string | undefined => (isUtf8(bytes) ? Buffer.from(bytes).toString('utf8') : undefined);

describe('decodeUtf8', () => {
  const PIECES: number[][] = [
    [0xef, 0xbb, 0xbf], // BOM
    [0x41],
    [0x7b, 0x22],
    [0xc3, 0xa9], // é
    [0xe2, 0x82, 0xac], // €
    [0xf0, 0x9f, 0x98, 0x80], // 😀
    [0xf4, 0x8f, 0xbf, 0xbf], // U+10FFFF
    [0xc0, 0x80], // overlong NUL
    [0xc1, 0xbf],
    [0xe0, 0x80, 0xaf], // overlong '/'
    [0xf0, 0x80, 0x80, 0xaf],
    [0xed, 0xa0, 0x80], // surrogate U+D800 in UTF-8 (CESU)
    [0xed, 0xbf, 0xbf],
    [0xed, 0x9f, 0xbf], // U+D7FF, valid
    [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    [0xe2, 0x82], // truncated
    [0xf0, 0x9f],
    [0x80],
    [0xbf],
    [0xf8], [0xfe], [0xff],
    [0x00],
  ];
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 40 }),
    fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((ps) => Uint8Array.from(ps.flat())),
    fc.string({ unit: 'binary', maxLength: 20 }).map((s) => utf8.encode(s)),
  );

  it(seeded('equals an independent strict decoder (isUtf8 + Buffer) on arbitrary and adversarial bytes'), () => {
    fc.assert(
      fc.property(bytes, (b) => {
        expect(decodeUtf8(b)).toBe(oracle(b));
      }),
      fcParams({ numRuns: NUM_RUNS * 2 }),
    );
  });

  it('keeps a leading BOM (so JSON.parse rejects it) and rejects CESU-8 surrogates, overlongs, truncation', () => {
    expect(decodeUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d))).toBe('\ufeff{}');
    for (const bad of [[0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
      expect(decodeUtf8(Uint8Array.from(bad))).toBeUndefined();
    }
  });

  it('decodes a view into a larger buffer by its own bounds only', () => {
    const backing = utf8.encode('xx{"a":1}yy');
    expect(decodeUtf8(backing.subarray(2, 9))).toBe('{"a":1}');
  });
});
