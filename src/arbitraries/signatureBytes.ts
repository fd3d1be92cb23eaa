import fc from 'fast-check';
import { decodeBase64url, encodeBase64url } from '../base64url/index.js';

/**
 * Byte lengths of real signatures: HS256 32, HS384 48, HS512 / ES256 / EdDSA 64, ES384 96, ES512 132,
 * RS / PS with 2048-, 3072- and 4096-bit keys 256, 384, 512. Their base64url lengths (43, 64, 86, 128,
 * 176, 342, 512, 683) are 3, 0, 2, 0, 0, 2, 0, 3 mod 4.
 */
const REAL_SIGNATURE_BYTES = [32, 48, 64, 96, 132, 256, 384, 512];

/** A '-' or '_' put on purpose into the encoded signature: first, last (where it can be), or anywhere. */
interface Placement {
  at: 'first' | 'last' | number;
  char: '-' | '_';
}

const placement: fc.Arbitrary<Placement> = fc.record({
  at: fc.oneof(fc.constant('first' as const), fc.constant('last' as const), fc.nat()),
  char: fc.constantFrom('-' as const, '_' as const),
});

/**
 * The length first, so that it shrinks toward one byte ("AA"); real sizes come up often, and free
 * sizes give every length class (0, 2 and 3 mod 4 encoded).
 */
const byteLength = fc.oneof(
  { withCrossShrink: true },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 72 }) },
  { weight: 2, arbitrary: fc.constantFrom(...REAL_SIGNATURE_BYTES) },
);

/** Random-looking content, four bytes per draw (big-endian words), shrinking to zeros ("AAAA"). */
const fillWords = fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 12 });

function build([length, fill, placements]: [number, number[], Placement[]]): Uint8Array {
  const bytes = new Uint8Array(length);
  // The fill repeats over the whole length.
  const n = fill.length * 4;
  if (n > 0) for (let i = 0; i < length; i++) bytes[i] = (fill[(i % n) >> 2]! >>> (24 - 8 * (i & 3))) & 0xff;
  if (placements.length === 0) return bytes;
  const chars = encodeBase64url(bytes).split('');
  // The last character carries unused (zero) bits unless the length is 0 mod 4: it cannot be '-' or '_'
  // then, so "last" is the last character whose six bits are all data.
  const lastData = chars.length % 4 === 0 ? chars.length - 1 : chars.length - 2;
  for (const p of placements) {
    const i = p.at === 'first' ? 0 : p.at === 'last' ? lastData : p.at % (lastData + 1);
    chars[i] = p.char;
  }
  return decodeBase64url(chars.join(''));
}

/**
 * Signature bytes for generated tokens: a length (real signature sizes and free ones), random-looking
 * content, and '-'/'_' placed on purpose at the first, the last reachable or any position of the
 * encoding. Everything shrinks toward a one-byte zero signature ("AA"): a minimal failing token keeps
 * a '-' or '_' in its signature only when that character is the cause.
 */
export function signatureBytes(): fc.Arbitrary<Uint8Array> {
  return fc.tuple(byteLength, fillWords, fc.array(placement, { maxLength: 4 })).map(build);
}
