import fc from 'fast-check';
import type { JsonObject, JsonValue } from '../json.js';

/** Member names captoken rejects at any depth; never generated here. */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Characters that matter for base64url: ASCII '?' (0x3F), '>' (0x3E), '~' (0x7E) and DEL encode to
 * '-'/'_' in the last place of a 4-character group; non-ASCII of 2, 3 and 4 UTF-8 bytes ('é' C3 A9,
 * 'ÿ' C3 BF, '€' E2 82 AC, U+FFFF EF BF BF, '😀' F0 9F 98 80) put bytes >= 0x80 / 0xE0 in the other places.
 */
const SPECIAL_CHARS = ['?', '>', '~', '\x7f', 'é', 'ÿ', '€', '\uffff', '😀', '\u{10ffff}', '"', '\\', '\n', '\u2028'];

const claimChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_CHARS) },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Strings with url-relevant ASCII and 2-, 3- and 4-byte UTF-8 (all well-formed UTF-16). */
export const claimString: fc.Arbitrary<string> = fc.string({ unit: claimChar, maxLength: 24 });

/** Member names: the same characters, never a name captoken forbids. */
export const claimName: fc.Arbitrary<string> = fc
  .string({ unit: claimChar, maxLength: 12 })
  .filter((name) => !FORBIDDEN_NAMES.has(name));

/** Finite numbers that JSON writes and reads back unchanged (-0 becomes 0 in JSON, so it is mapped). */
const claimNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.maxSafeInteger(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(
    (x) => (Object.is(x, -0) ? 0 : x),
    (x) => {
      if (typeof x !== 'number') throw new TypeError('not a number');
      return x;
    },
  ),
);

const { value: claimValue } = fc.letrec<{ value: JsonValue; array: JsonValue[]; object: JsonObject }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    { weight: 4, arbitrary: claimString },
    { weight: 3, arbitrary: claimNumber },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: tie('array') },
    { weight: 1, arbitrary: tie('object') },
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(claimName, tie('value'), { maxKeys: 4, noNullPrototype: true }),
}));

/**
 * Claim sets (JSON objects) that survive `JSON.parse(JSON.stringify(x))` unchanged: strings with
 * '?', '>', '~' and 2-, 3- and 4-byte UTF-8, finite numbers (never -0), booleans, null, and nested
 * arrays and objects. Member names are never `__proto__`, `constructor` or `prototype`; objects have
 * Object.prototype.
 *
 * @example
 * fc.assert(fc.property(jsonClaims(), (claims) => {
 *   expect(JSON.parse(JSON.stringify(claims))).toEqual(claims);
 * }));
 *
 * @throws never
 */
export function jsonClaims(): fc.Arbitrary<JsonObject> {
  return fc.dictionary(claimName, claimValue, { maxKeys: 6, noNullPrototype: true });
}
