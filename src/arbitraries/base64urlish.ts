import fc from 'fast-check';
import { BASE64URL_ALPHABET as ALPHABET } from '../base64url/alphabet.js';
import { canonicalBase64url } from './canonicalBase64url.js';
import { anyCodePoint } from './jsonClaims.js';
import type { ByteLengthConstraints } from './urlCharBytes.js';

/** JSON, JavaScript and Unicode whitespace that lenient decoders skip. */
const WHITESPACE = [' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2028', '\u2029', '\ufeff'];

const alphabetChar = fc.constantFrom(...ALPHABET.split(''));
const standardChar = fc.constantFrom('+', '/');
const whitespaceChar = fc.constantFrom(...WHITESPACE);
const controlChar = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f })).map(
  (c) => String.fromCharCode(c),
  (s) => {
    if (typeof s !== 'string' || s.length !== 1) throw new TypeError('not one control character');
    return s.charCodeAt(0);
  },
);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map(
  (c) => String.fromCharCode(c),
  (s) => {
    if (typeof s !== 'string' || s.length !== 1) throw new TypeError('not one code unit');
    return s.charCodeAt(0);
  },
);
/**
 * Any code point (astral ones are two code units), plus characters lenient decoders confuse.
 * anyCodePoint draws what fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) draws, without
 * the 1.1M-entry reverse table that unit builds when the module loads (about 0.9 s of start-up).
 */
const otherChar = fc.oneof(
  anyCodePoint,
  fc.constantFrom('.', '%', '~', '!', '\u00ff', '\u0100', '\u012b', '\uff0b', '\ufffd', '\u{1f600}'),
);

/** Anything that is not in the base64url alphabet. */
const faultChar = fc.oneof(
  { weight: 3, arbitrary: standardChar },
  { weight: 3, arbitrary: fc.constant('=') },
  { weight: 2, arbitrary: whitespaceChar },
  { weight: 1, arbitrary: controlChar },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: otherChar },
);

/** Character mix for free-form strings: mostly the alphabet, often its look-alikes. */
const mixedChar = fc.oneof({ weight: 6, arbitrary: alphabetChar }, { weight: 4, arbitrary: faultChar });

type Fault =
  | { kind: 'replace'; at: number; char: string }
  | { kind: 'insert'; at: number; char: string }
  | { kind: 'delete'; at: number }
  | { kind: 'pad'; count: number }
  | { kind: 'append'; char: string }
  | { kind: 'lengthOneModFour'; char: string }
  | { kind: 'tail'; bits: number };

const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), char: faultChar }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), char: faultChar }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('pad' as const), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('append' as const), char: alphabetChar }),
  fc.record({ kind: fc.constant('lengthOneModFour' as const), char: alphabetChar }),
  fc.record({ kind: fc.constant('tail' as const), bits: fc.integer({ min: 1, max: 15 }) }),
);

function applyFault(s: string, f: Fault): string {
  switch (f.kind) {
    case 'replace': {
      if (s.length === 0) return f.char;
      const i = f.at % s.length;
      return s.slice(0, i) + f.char + s.slice(i + 1);
    }
    case 'insert': {
      const i = f.at % (s.length + 1);
      return s.slice(0, i) + f.char + s.slice(i);
    }
    case 'delete': {
      if (s.length === 0) return s;
      const i = f.at % s.length;
      return s.slice(0, i) + s.slice(i + 1);
    }
    case 'pad':
      return s + '='.repeat(f.count);
    case 'append':
      return s + f.char;
    case 'lengthOneModFour':
      // Append 1, 2 or 3 alphabet characters so that the length is 1 mod 4 (a no-op if it already is).
      return s + f.char.repeat((5 - (s.length % 4)) % 4);
    case 'tail': {
      // Set some of the unused low bits of the last character (a no-op when there are none).
      const rest = s.length % 4;
      if (rest < 2 || s.length === 0) return s;
      const value = ALPHABET.indexOf(s.charAt(s.length - 1));
      if (value === -1) return s;
      const mask = rest === 2 ? 0x0f : 0x03;
      const bits = f.bits & mask || 1;
      return s.slice(0, -1) + ALPHABET.charAt((value & ~mask) | bits);
    }
  }
}

/**
 * Strings for a base64url decoder oracle: near-canonical strings (a canonical string with 0, 1 or 2
 * injected faults: a character replaced or inserted, one deleted, '=' padding, a length of 1 mod 4,
 * non-zero trailing bits) and free mixes of the base64url alphabet, '+' '/', '=', whitespace
 * (space, \t, \n, \r, \f, \v, U+00A0, U+2028, …), control characters, arbitrary Unicode and lone
 * surrogates. Every code of the codec (INVALID_CHAR, PADDING, LENGTH, NONCANONICAL) comes up often.
 *
 * The bounds apply to the canonical strings' decoded byte length, before faults are injected.
 *
 * @example
 * fc.assert(fc.property(base64urlish(), (s) => {
 *   expect(accepts(decodeBase64url, s)).toBe(isCanonicalBase64url(s));
 * }));
 *
 * @throws {RangeError} when the bounds are invalid, as `urlCharBytes`.
 */
export function base64urlish(constraints: ByteLengthConstraints = {}): fc.Arbitrary<string> {
  const nearCanonical = fc
    .tuple(canonicalBase64url(constraints), fc.array(fault, { maxLength: 2 }))
    .map(([s, faults]) => faults.reduce(applyFault, s));
  const mixed = fc.string({ unit: mixedChar, maxLength: Math.ceil(((constraints.maxLength ?? 48) * 4) / 3) + 2 });
  return fc.oneof({ weight: 7, arbitrary: nearCanonical }, { weight: 3, arbitrary: mixed });
}
