import fc from 'fast-check';
import { FORBIDDEN_MEMBER_NAMES, type JsonObject, type JsonValue } from '../json.js';

/** Member names captoken rejects at any depth; never generated here. */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(FORBIDDEN_MEMBER_NAMES);

/**
 * Characters that matter for base64url: ASCII '?' (0x3F), '>' (0x3E), '~' (0x7E) and DEL encode to
 * '-'/'_' in the last place of a 4-character group; non-ASCII of 2, 3 and 4 UTF-8 bytes ('é' C3 A9,
 * 'ÿ' C3 BF, '€' E2 82 AC, U+FFFF EF BF BF, '😀' F0 9F 98 80) put bytes >= 0x80 / 0xE0 in the other places.
 */
const SPECIAL_CHARS = ['?', '>', '~', '\x7f', 'é', 'ÿ', '€', '\uffff', '😀', '\u{10ffff}', '"', '\\', '\n', '\u2028'];

/**
 * Printable ASCII, U+0020..U+007E, one character per draw (what fc.string's 'grapheme-ascii' unit
 * draws), in an order that shrinks to plain letters: 'a' first, then letters, digits, punctuation.
 */
const PRINTABLE_ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const printableAscii: fc.Arbitrary<string> = fc.integer({ min: 0, max: PRINTABLE_ASCII.length - 1 }).map(
  (i) => PRINTABLE_ASCII.charAt(i),
  (c) => {
    const i = typeof c === 'string' && c.length === 1 ? PRINTABLE_ASCII.indexOf(c) : -1;
    if (i === -1) throw new TypeError('not printable ASCII');
    return i;
  },
);

const SURROGATES = 0xe000 - 0xd800;
/**
 * Any code point but a surrogate (U+0000..U+D7FF, U+E000..U+10FFFF), as one or two UTF-16 code units:
 * what fc.string's 'binary' unit draws (the same index, the same bias), without the million-entry
 * reverse table fast-check builds for that unit when it is first used.
 */
export const anyCodePoint: fc.Arbitrary<string> = fc.integer({ min: 0, max: 0x10ffff - SURROGATES }).map(
  (i) => String.fromCodePoint(i < 0xd800 ? i : i + SURROGATES),
  (c) => {
    if (typeof c !== 'string' || c.length === 0 || c.length > 2) throw new TypeError('not one code point');
    const cp = c.codePointAt(0)!;
    if (String.fromCodePoint(cp) !== c || (cp >= 0xd800 && cp < 0xe000)) throw new TypeError('not one scalar value');
    return cp < 0xd800 ? cp : cp - SURROGATES;
  },
);

/**
 * Printable ASCII first, so that a character that is not the cause of a failure shrinks to 'a' (a
 * '?' or '~' would put an incidental '-'/'_' into the encoding); the special characters come up as often.
 */
const claimChar = fc.oneof(
  { withCrossShrink: true },
  { weight: 4, arbitrary: printableAscii },
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_CHARS) },
  { weight: 2, arbitrary: anyCodePoint },
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

type Member = [string, JsonValue];
const memberName = (member: Member): string => member[0];

/**
 * A plain, empty object (Object.prototype) that V8 keeps as a hash table ("dictionary mode"): adding
 * members with random names then costs a hash insert each instead of a new hidden class, which made
 * building claim objects the most expensive step of generating tokens. Same object to every reader.
 */
export function newObject(): JsonObject {
  const object: JsonObject = { a: 0, b: 0 };
  delete object['a'];
  delete object['b'];
  return object;
}

/** Builds a plain object (Object.prototype) from members with distinct names, none of them forbidden. */
function toObject(members: Member[]): JsonObject {
  const object = newObject();
  for (let i = 0; i < members.length; i++) {
    const member = members[i]!;
    object[member[0]] = member[1];
  }
  return object;
}

/** The unmapper of toObject: lets fast-check shrink claim objects it did not build itself. */
function fromObject(value: unknown): Member[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new TypeError('not a plain object');
  }
  if (Object.getOwnPropertySymbols(value).length > 0) throw new TypeError('has symbol keys');
  const names = Object.getOwnPropertyNames(value);
  const members: Member[] = [];
  for (const name of names) {
    const descriptor = Object.getOwnPropertyDescriptor(value, name)!;
    if (!('value' in descriptor) || !descriptor.enumerable || !descriptor.writable || !descriptor.configurable) throw new TypeError('not a data member');
    members.push([name, descriptor.value as JsonValue]);
  }
  return members;
}

/**
 * Objects of up to `maxKeys` members `claimName: value`: what fc.dictionary(claimName, value,
 * { maxKeys, noNullPrototype: true }) draws (a unique-by-name array of pairs), built without its
 * generic object builder.
 */
function claimObject(value: fc.Arbitrary<JsonValue>, maxKeys: number, name: fc.Arbitrary<string> = claimName): fc.Arbitrary<JsonObject> {
  return fc.uniqueArray(fc.tuple(name, value), { maxLength: maxKeys, selector: memberName }).map(toObject, fromObject);
}

export const { value: claimValue } = fc.letrec<{ value: JsonValue; array: JsonValue[]; object: JsonObject }>((tie) => ({
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
  object: claimObject(tie('value'), 4),
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
  return claimObject(claimValue, 6);
}

/** A string, a number, a boolean or null: the values of private header parameters (no nesting). */
export const scalarClaimValue: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 4, arbitrary: claimString },
  { weight: 2, arbitrary: claimNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/**
 * Objects of up to `maxKeys` private members: names as `jsonClaims()` draws them, never one of
 * `excluded` (registered names whose type the RFCs fix), values from `value`.
 */
export function privateMembers(value: fc.Arbitrary<JsonValue>, maxKeys: number, excluded: ReadonlySet<string>): fc.Arbitrary<JsonObject> {
  return claimObject(value, maxKeys, claimName.filter((name) => !excluded.has(name)));
}
