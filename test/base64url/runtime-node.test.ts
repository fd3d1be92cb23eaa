// The Node and web runtimes must be indistinguishable: same bytes, same text, same errors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlish, canonicalBase64url } from '../../src/arbitraries/index.js';
import { encodeBase64url } from '../../src/base64url/index.js';
import * as node from '../../src/base64url/runtime-node.js';
import * as web from '../../src/base64url/runtime-web.js';
import { fcParams, seeded } from '../support/fc.js';

function outcome(f: () => string | undefined): unknown {
  try {
    return { text: f() };
  } catch (error) {
    const e = error as { code?: unknown; offset?: unknown; segment?: unknown; message?: unknown };
    return { code: e.code, offset: e.offset, segment: e.segment, message: e.message };
  }
}

const utf8ish = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => new TextEncoder().encode(s)),
  fc.uint8Array({ maxLength: 40 }),
  fc.constantFrom(
    new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), // BOM before {}
    new Uint8Array([0xc0, 0xaf]), // overlong '/'
    new Uint8Array([0xed, 0xa0, 0x80]), // UTF-8-encoded surrogate
    new Uint8Array([0xe2, 0x82]), // truncated
    new Uint8Array([0xf4, 0x90, 0x80, 0x80]), // above U+10FFFF
  ),
);

describe('decodeBase64urlText: Node and web agree', () => {
  it(seeded('on canonical text of any bytes, valid UTF-8 or not'), () => {
    fc.assert(
      fc.property(utf8ish, fc.nat({ max: 50 }), (bytes, base) => {
        const input = encodeBase64url(bytes);
        expect(outcome(() => node.decodeBase64urlText(input, base, 'payload'))).toEqual(
          outcome(() => web.decodeBase64urlText(input, base, 'payload')),
        );
      }),
      fcParams(),
    );
  });

  it(seeded('on near-canonical and faulty strings (same code, offset, segment, message)'), () => {
    fc.assert(
      fc.property(fc.oneof(base64urlish(), canonicalBase64url(), fc.string({ unit: 'binary' })), (input) => {
        expect(outcome(() => node.decodeBase64urlText(input, 7, 'header'))).toEqual(
          outcome(() => web.decodeBase64urlText(input, 7, 'header')),
        );
      }),
      fcParams(),
    );
  });

  it('keeps a BOM in the text, so JSON.parse rejects it on both runtimes', () => {
    const input = encodeBase64url(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
    expect(node.decodeBase64urlText(input)).toBe('\uFEFF{}');
    expect(web.decodeBase64urlText(input)).toBe('\uFEFF{}');
  });

  it('never lets its scratch leak between calls (a long text, then a short one)', () => {
    const long = encodeBase64url(new TextEncoder().encode('x'.repeat(6000)));
    const short = encodeBase64url(new TextEncoder().encode('{}'));
    expect(node.decodeBase64urlText(long)).toBe('x'.repeat(6000));
    expect(node.decodeBase64urlText(short)).toBe('{}');
  });
});
