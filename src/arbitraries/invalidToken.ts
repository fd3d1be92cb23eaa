import fc from 'fast-check';
import { BASE64URL_ALPHABET as ALPHABET } from '../base64url/alphabet.js';
import { encodeBase64url } from '../base64url/index.js';
import { configError, type CaptokenErrorCode, type TokenSegment } from '../errors.js';
import { FORBIDDEN_MEMBER_NAMES, type JsonObject } from '../json.js';
import { DEFAULT_MAX_LENGTH } from '../limits.js';
import { claimString, jsonClaims } from './jsonClaims.js';
import { tokenParts, type TokenParts, type TokenPartsOptions } from './tokenParts.js';

/**
 * Every way `invalidToken()` breaks a token, one per fault the parser reports. Each comes with the
 * code (and offset and segment, where the parser gives one) that a strict parser must report.
 */
export const FAULT_CLASSES = Object.freeze([
  'char-plus',
  'char-slash',
  'char-padding',
  'char-whitespace',
  'char-control',
  'char-punctuation',
  'char-non-ascii',
  'char-lone-surrogate',
  'trailing-bits',
  'length-1-mod-4',
  'two-segments',
  'four-segments',
  'empty-header',
  'empty-payload',
  'empty-signature',
  'invalid-utf8',
  'not-json',
  'json-not-object',
  'json-bom',
  'duplicate-member',
  'forbidden-member',
  'too-large',
] as const);

export type FaultClass = (typeof FAULT_CLASSES)[number];

export interface InvalidToken {
  token: string;
  fault: FaultClass;
  code: CaptokenErrorCode;
  /** Index into `token` of the fault, where the parser reports one. */
  offset?: number;
  segment?: TokenSegment;
  /**
   * The valid token this one was made from, without the fault: a parser that rejects `token` must
   * accept it, or its rejection says nothing about the fault. Absent when there is no such token
   * (an oversized token of garbage).
   */
  twin?: string;
  /**
   * `duplicate-member` only: the header and payload a parser that keeps the lexically last member
   * returns (RFC 7515 §4, RFC 7519 §4 allow exactly that, or rejecting). They differ by value from
   * what keeping the first member gives.
   */
  lastWins?: { header: JsonObject; payload: JsonObject };
}

/** What `invalidToken()` draws: the valid parts behind each fault (as `tokenParts()`), and where faults go. */
export interface InvalidTokenOptions extends TokenPartsOptions {
  /**
   * The segments that faults which can sit in several segments (characters, trailing bits, length,
   * and the JSON faults) are put in. Default: all three (the JSON faults: header and payload).
   */
  segments?: readonly TokenSegment[];
}

const utf8 = new TextEncoder();

// ---------------------------------------------------------------------------------------------------
// Building blocks

type JsonSegment = 'header' | 'payload';

interface Encoded {
  header: string;
  payload: string;
  signature: string;
}

const encodeText = (text: string): string => encodeBase64url(utf8.encode(text));

function encodeParts(parts: TokenParts, texts: Partial<Record<JsonSegment, string>> = {}): Encoded {
  return {
    header: encodeText(texts.header ?? JSON.stringify(parts.header)),
    payload: encodeText(texts.payload ?? JSON.stringify(parts.payload)),
    signature: encodeBase64url(parts.signature),
  };
}

function join(e: Encoded): string {
  return `${e.header}.${e.payload}.${e.signature}`;
}

/** Index in the token where each segment starts. */
function starts(e: Encoded): Record<TokenSegment, number> {
  return { header: 0, payload: e.header.length + 1, signature: e.header.length + e.payload.length + 2 };
}

function result(token: string, fault: FaultClass, code: CaptokenErrorCode, twin: string | undefined, offset?: number, segment?: TokenSegment): InvalidToken {
  const out: InvalidToken = { token, fault, code };
  if (offset !== undefined) out.offset = offset;
  if (segment !== undefined) out.segment = segment;
  if (twin !== undefined) out.twin = twin;
  return out;
}

/** The valid token the parts encode to: the twin of every fault made from them. */
const twinOf = (parts: TokenParts): string => join(encodeParts(parts));
/** A position in a segment: the first, the last, or anywhere (taken modulo the length). */
const positionArb = fc.oneof(fc.constant('first' as const), fc.constant('last' as const), fc.nat());

function pick(length: number, where: 'first' | 'last' | number): number {
  if (where === 'first') return 0;
  if (where === 'last') return length - 1;
  return where % length;
}

const charOf = (code: number): string => String.fromCharCode(code);
const unmapChar = (s: unknown): number => {
  if (typeof s !== 'string' || s.length !== 1) throw new TypeError('not one code unit');
  return s.charCodeAt(0);
};

// ---------------------------------------------------------------------------------------------------
// One character replaced by something outside the alphabet

type CharFault = 'char-plus' | 'char-slash' | 'char-padding' | 'char-whitespace' | 'char-control' | 'char-punctuation' | 'char-non-ascii' | 'char-lone-surrogate';

const REPLACEMENTS: Record<CharFault, fc.Arbitrary<string>> = {
  'char-plus': fc.constant('+'),
  'char-slash': fc.constant('/'),
  'char-padding': fc.constant('='),
  'char-whitespace': fc.constantFrom(' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2028', '\ufeff'),
  'char-control': fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.constant(0x7f), fc.integer({ min: 0x80, max: 0x9f })).map(charOf, unmapChar),
  // Printable ASCII outside the alphabet, other than '+', '/', '=' (their own classes) and '.' (the separator).
  'char-punctuation': fc.constantFrom(...'!"#$%&\'()*,:;<>?@[\\]^`{|}~'.split('')),
  // U+012B and U+012F truncate to '+' and '/' in a Latin-1 reading; U+FF0D is a full-width '-'.
  'char-non-ascii': fc.constantFrom('é', 'ÿ', '\u0100', '\u012b', '\u012f', '\u2212', '\uff0d', '\uff3f', '€', '😀'),
  'char-lone-surrogate': fc.integer({ min: 0xd800, max: 0xdfff }).map(charOf, unmapChar),
};

/** What every fault builder draws from: the valid parts, and the segments faults may be put in. */
interface Context {
  parts: fc.Arbitrary<TokenParts>;
  segment: () => fc.Arbitrary<TokenSegment>;
  jsonSegment: () => fc.Arbitrary<JsonSegment>;
}

function replacedChar(ctx: Context, fault: CharFault): fc.Arbitrary<InvalidToken> {
  return fc.tuple(ctx.parts, ctx.segment(), positionArb, REPLACEMENTS[fault]).map(([parts, segment, where, char]) => {
    const e = encodeParts(parts);
    const s = e[segment];
    const i = pick(s.length, where);
    const token = join({ ...e, [segment]: s.slice(0, i) + char + s.slice(i + 1) });
    const code: CaptokenErrorCode = char === '=' ? 'BASE64URL_PADDING' : 'BASE64URL_INVALID_CHAR';
    return result(token, fault, code, join(e), starts(e)[segment] + i, segment);
  });
}

// ---------------------------------------------------------------------------------------------------
// Base64url structure faults of one segment

/** Adds JSON whitespace after the object, or a byte to the signature, so the length is not 0 mod 3. */
function withUnusedBits(parts: TokenParts, segment: TokenSegment, space: string): Encoded {
  if (segment === 'signature') {
    const sig = parts.signature.length % 3 === 0 ? Uint8Array.from([...parts.signature, 0]) : parts.signature;
    return encodeParts({ ...parts, signature: sig });
  }
  const text = JSON.stringify(parts[segment]);
  return encodeParts(parts, { [segment]: utf8.encode(text).length % 3 === 0 ? text + space : text });
}

function trailingBits(ctx: Context): fc.Arbitrary<InvalidToken> {
  return fc.tuple(ctx.parts, ctx.segment(), fc.constantFrom(' ', '\n', '\t', '\r'), fc.integer({ min: 1, max: 15 })).map(([parts, segment, space, bits]) => {
    // The twin is the same bytes spelled canonically (unused bits zero).
    const e = withUnusedBits(parts, segment, space);
    const s = e[segment];
    const mask = s.length % 4 === 2 ? 0x0f : 0x03;
    const value = ALPHABET.indexOf(s.charAt(s.length - 1));
    const flipped = ALPHABET.charAt((value & ~mask) | (bits & mask || 1));
    const token = join({ ...e, [segment]: s.slice(0, -1) + flipped });
    return result(token, 'trailing-bits', 'BASE64URL_NONCANONICAL', join(e), starts(e)[segment] + s.length - 1, segment);
  });
}

function lengthOneModFour(ctx: Context): fc.Arbitrary<InvalidToken> {
  return fc
    .tuple(ctx.parts, ctx.segment(), fc.string({ unit: fc.constantFrom(...ALPHABET.split('')), minLength: 3, maxLength: 3 }))
    .map(([parts, segment, extra]) => {
      const e = encodeParts(parts);
      const s = e[segment];
      // Lengths of canonical segments are 0, 2 or 3 mod 4; append 1, 3 or 2 characters.
      const add = (5 - (s.length % 4)) % 4;
      const token = join({ ...e, [segment]: s + extra.slice(0, add) });
      return result(token, 'length-1-mod-4', 'BASE64URL_LENGTH', join(e), undefined, segment);
    });
}

// ---------------------------------------------------------------------------------------------------
// Compact structure faults

const twoSegments = (ctx: Context): fc.Arbitrary<InvalidToken> =>
  ctx.parts.map((parts) => {
    const e = encodeParts(parts);
    return result(`${e.header}.${e.payload}`, 'two-segments', 'TOKEN_MALFORMED', join(e));
  });

const fourSegments = (ctx: Context): fc.Arbitrary<InvalidToken> =>
  fc.tuple(ctx.parts, fc.uint8Array({ maxLength: 12 })).map(([parts, extra]) => {
    const e = encodeParts(parts);
    const token = `${join(e)}.${encodeBase64url(extra)}`;
    // The parser points at the third '.', which starts the fourth segment.
    return result(token, 'four-segments', 'TOKEN_MALFORMED', join(e), join(e).length);
  });

const emptyHeader = (ctx: Context): fc.Arbitrary<InvalidToken> =>
  ctx.parts.map((parts) => {
    const e = encodeParts(parts);
    return result(`.${e.payload}.${e.signature}`, 'empty-header', 'TOKEN_MALFORMED', join(e), 0, 'header');
  });

const emptyPayload = (ctx: Context): fc.Arbitrary<InvalidToken> =>
  ctx.parts.map((parts) => {
    const e = encodeParts(parts);
    // Structurally allowed (detached-payload JWS); the empty text is not a JSON object.
    return result(`${e.header}..${e.signature}`, 'empty-payload', 'TOKEN_JSON', join(e), e.header.length + 1, 'payload');
  });

/** An unsecured JWT (RFC 7519 §6): `alg` "none" and an empty signature. Its twin is the signed token. */
const emptySignature = (ctx: Context): fc.Arbitrary<InvalidToken> =>
  ctx.parts.map((parts) => {
    const e = encodeParts({ ...parts, header: { ...parts.header, alg: 'none' } });
    const token = `${e.header}.${e.payload}.`;
    return result(token, 'empty-signature', 'TOKEN_MALFORMED', twinOf(parts), token.length, 'signature');
  });

// ---------------------------------------------------------------------------------------------------
// Faults inside the header or payload bytes

/** Byte sequences no UTF-8 decoder may accept, whatever ASCII or lead byte follows them. */
const INVALID_UTF8: readonly (readonly number[])[] = [
  [0xff], // never in UTF-8
  [0xfe],
  [0xf8, 0x88, 0x80, 0x80, 0x80], // old 5-byte form
  [0x80], // continuation without a lead
  [0xbf],
  [0xc0, 0xaf], // overlong '/'
  [0xc1, 0xbf], // overlong DEL
  [0xe0, 0x80, 0xaf], // overlong
  [0xf0, 0x80, 0x80, 0xaf], // overlong
  [0xed, 0xa0, 0x80], // UTF-8 of the surrogate U+D800
  [0xed, 0xbf, 0xbf], // UTF-8 of the surrogate U+DFFF
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
  [0xc3], // truncated 'é'
  [0xe2, 0x82], // truncated '€'
  [0xf0, 0x9f, 0x98], // truncated '😀'
];

const invalidUtf8 = (ctx: Context): fc.Arbitrary<InvalidToken> =>
  fc.tuple(ctx.parts, ctx.jsonSegment(), fc.constantFrom(...INVALID_UTF8), fc.nat()).map(([parts, segment, bad, at]) => {
    const bytes = utf8.encode(JSON.stringify(parts[segment]));
    // Insert at a character boundary (never before a continuation byte), so nothing completes `bad`.
    const boundaries: number[] = [];
    for (let i = 0; i <= bytes.length; i++) if (i === bytes.length || (bytes[i]! & 0xc0) !== 0x80) boundaries.push(i);
    const i = boundaries[at % boundaries.length]!;
    const broken = Uint8Array.from([...bytes.subarray(0, i), ...bad, ...bytes.subarray(i)]);
    const e = { ...encodeParts(parts), [segment]: encodeBase64url(broken) };
    return result(join(e), 'invalid-utf8', 'TOKEN_UTF8', twinOf(parts), starts(e)[segment], segment);
  });

/** Well-formed UTF-8 that is not JSON, made from the object's own JSON text. */
const notJsonText = fc.constantFrom<(text: string) => string>(
  (text) => text.slice(0, -1), // unclosed object
  (text) => `${text.slice(0, -1)},}`, // trailing comma
  (text) => `${text}}`, // trailing garbage
  (text) => text.replace(/^\{/, "{'q':1,").replace(",}", '}'), // single-quoted name
  () => '{"a":NaN}',
  () => '{"a":1e}',
  () => '{"a":"\u0001"}', // raw control character in a string
  () => '{"a":"\\x41"}', // invalid escape
);

const notJson = (ctx: Context): fc.Arbitrary<InvalidToken> =>
  fc.tuple(ctx.parts, ctx.jsonSegment(), notJsonText).map(([parts, segment, mutate]) => {
    const e = encodeParts(parts, { [segment]: mutate(JSON.stringify(parts[segment])) });
    return result(join(e), 'not-json', 'TOKEN_JSON', twinOf(parts), starts(e)[segment], segment);
  });

/**
 * A UTF-8 byte order mark before the JSON text. RFC 8259 §8.1 lets a parser ignore it (MAY) or
 * treat it as an error; JSON.parse does not skip it, and captoken, which wants one spelling per
 * token, rejects it.
 */
const jsonBom = (ctx: Context): fc.Arbitrary<InvalidToken> =>
  fc.tuple(ctx.parts, ctx.jsonSegment()).map(([parts, segment]) => {
    const e = encodeParts(parts, { [segment]: `\ufeff${JSON.stringify(parts[segment])}` });
    return result(join(e), 'json-bom', 'TOKEN_JSON', twinOf(parts), starts(e)[segment], segment);
  });

const notObjectValue = fc.oneof(
  jsonClaims().map((o) => Object.values(o)),
  claimString,
  fc.integer(),
  fc.constantFrom(true, false, null),
);

const jsonNotObject = (ctx: Context): fc.Arbitrary<InvalidToken> =>
  fc.tuple(ctx.parts, ctx.jsonSegment(), notObjectValue, fc.constantFrom('', ' ', '\r\n')).map(([parts, segment, value, space]) => {
    const e = encodeParts(parts, { [segment]: space + JSON.stringify(value) + space });
    return result(join(e), 'json-not-object', 'TOKEN_JSON', twinOf(parts), starts(e)[segment], segment);
  });

/** A member name spelled with every character as a \uXXXX escape: the same name to JSON.parse. */
function escapedName(name: string): string {
  let out = '"';
  for (let i = 0; i < name.length; i++) out += `\\u${name.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return `${out}"`;
}

/** `"name"` in JSON, plainly or fully escaped. */
function spell(name: string, escaped: boolean): string {
  return escaped ? escapedName(name) : JSON.stringify(name);
}

/** A member name not already used at the top level of `object`. */
function freshName(object: JsonObject, base: string): string {
  let name = base;
  for (let i = 0; Object.hasOwn(object, name); i++) name = `${base}${i}`;
  return name;
}

/** Inserts member text right after the opening brace of JSON.stringify(object). */
function withMember(object: JsonObject, member: string): string {
  const text = JSON.stringify(object);
  return `{${member}${text === '{}' ? '' : ','}${text.slice(1)}`;
}

const duplicateMember = (ctx: Context): fc.Arbitrary<InvalidToken> =>
  fc
    .tuple(ctx.parts, ctx.jsonSegment(), fc.constantFrom('top', 'nested-object', 'nested-array'), fc.boolean(), fc.nat(), claimString)
    .map(([parts, segment, where, escaped, index, value]) => {
      const object = parts[segment];
      const names = Object.keys(object);
      let member: string;
      if (where === 'top' && names.length > 0) {
        // Repeat an existing name (possibly in another spelling) with another value: keeping the
        // first member and keeping the last one then give different values.
        const name = names[index % names.length]!;
        const other = JSON.stringify(object[name]) === JSON.stringify(value) ? `${value}~` : value;
        member = `${spell(name, escaped)}:${JSON.stringify(other)}`;
      } else {
        const inner = `{"k":1,${spell('k', escaped)}:${JSON.stringify(value)}}`;
        const holder = JSON.stringify(freshName(object, 'nested'));
        member = where === 'nested-array' ? `${holder}:[0,${inner}]` : `${holder}:${inner}`;
      }
      const text = withMember(object, member);
      const e = encodeParts(parts, { [segment]: text });
      const out = result(join(e), 'duplicate-member', 'TOKEN_DUPLICATE_MEMBER', twinOf(parts), starts(e)[segment], segment);
      // JSON.parse keeps the lexically last member (ECMAScript JSON.parse, the rule RFC 7515 §4 cites).
      const decoded = JSON.parse(text) as JsonObject;
      out.lastWins = segment === 'header' ? { header: decoded, payload: parts.payload } : { header: parts.header, payload: decoded };
      return out;
    });

const forbiddenMember = (ctx: Context): fc.Arbitrary<InvalidToken> =>
  fc
    .tuple(
      ctx.parts,
      ctx.jsonSegment(),
      fc.constantFrom(...FORBIDDEN_MEMBER_NAMES),
      fc.constantFrom('plain', 'escaped', 'first-escaped'),
      fc.constantFrom('top', 'nested-object', 'nested-array'),
      fc.constantFrom('{"polluted":true}', '1', 'null', '{}', '[]'),
    )
    .map(([parts, segment, name, spelling, where, value]) => {
      const object = parts[segment];
      const spelled =
        spelling === 'plain'
          ? JSON.stringify(name)
          : spelling === 'escaped'
            ? escapedName(name)
            : `"\\u${name.charCodeAt(0).toString(16).padStart(4, '0')}${name.slice(1)}"`; // "\u005f_proto__"
      const inner = `${spelled}:${value}`;
      const holder = JSON.stringify(freshName(object, 'nested'));
      const member = where === 'top' ? inner : where === 'nested-object' ? `${holder}:{"a":1,${inner}}` : `${holder}:[{${inner}}]`;
      const e = encodeParts(parts, { [segment]: withMember(object, member) });
      return result(join(e), 'forbidden-member', 'TOKEN_FORBIDDEN_MEMBER', twinOf(parts), starts(e)[segment], segment);
    });

const tooLarge = (ctx: Context): fc.Arbitrary<InvalidToken> =>
  fc.tuple(ctx.parts, fc.integer({ min: 1, max: 2048 }), fc.boolean()).map(([parts, over, garbage]) => {
    const target = DEFAULT_MAX_LENGTH + over;
    if (garbage) {
      // Faults everywhere: the size check must come first. There is no twin without the fault.
      return result('+/=. \u0000'.repeat(Math.ceil(target / 6)).slice(0, target), 'too-large', 'TOKEN_TOO_LARGE', undefined);
    }
    // A token that would otherwise parse, padded with a claim until it is over the limit.
    const base = join(encodeParts(parts)).length;
    let padding = Math.max(0, Math.ceil(((target - base) * 3) / 4));
    let token: string;
    do {
      token = join(encodeParts({ ...parts, payload: { ...parts.payload, padding: 'x'.repeat(padding) } }));
      padding += 3;
    } while (token.length <= DEFAULT_MAX_LENGTH);
    return result(token, 'too-large', 'TOKEN_TOO_LARGE', twinOf(parts));
  });

const BUILDERS: Record<FaultClass, (ctx: Context) => fc.Arbitrary<InvalidToken>> = {
  'char-plus': (ctx) => replacedChar(ctx, 'char-plus'),
  'char-slash': (ctx) => replacedChar(ctx, 'char-slash'),
  'char-padding': (ctx) => replacedChar(ctx, 'char-padding'),
  'char-whitespace': (ctx) => replacedChar(ctx, 'char-whitespace'),
  'char-control': (ctx) => replacedChar(ctx, 'char-control'),
  'char-punctuation': (ctx) => replacedChar(ctx, 'char-punctuation'),
  'char-non-ascii': (ctx) => replacedChar(ctx, 'char-non-ascii'),
  'char-lone-surrogate': (ctx) => replacedChar(ctx, 'char-lone-surrogate'),
  'trailing-bits': trailingBits,
  'length-1-mod-4': lengthOneModFour,
  'two-segments': twoSegments,
  'four-segments': fourSegments,
  'empty-header': emptyHeader,
  'empty-payload': emptyPayload,
  'empty-signature': emptySignature,
  'invalid-utf8': invalidUtf8,
  'not-json': notJson,
  'json-not-object': jsonNotObject,
  'json-bom': jsonBom,
  'duplicate-member': duplicateMember,
  'forbidden-member': forbiddenMember,
  'too-large': tooLarge,
};

/**
 * Tokens with exactly one fault, and what a strict parser must report: `code`, and `offset` (into the
 * whole token) and `segment` where `parseToken` gives them; with the valid `twin` the fault was put
 * into. Every class of `FAULT_CLASSES` is drawn with equal weight, or only the classes asked for. The
 * valid parts follow `tokenParts(options)`; `options.segments` limits where faults go.
 *
 * @example
 * fc.assert(fc.property(invalidToken(), ({ token, code, offset, segment }) => {
 *   expect(() => parseToken(token)).toThrow(expect.objectContaining({ code, offset, segment }));
 * }));
 *
 * @throws {CaptokenError} `CONFIG_INVALID` when `classes` is not a non-empty array of FAULT_CLASSES
 * names, or `options.segments` leaves a requested class no segment to go in, or for invalid
 * `tokenParts()` options. The generated tokens make `parseToken` throw `BASE64URL_*`,
 * `TOKEN_MALFORMED`, `TOKEN_TOO_LARGE`, `TOKEN_UTF8`, `TOKEN_JSON`, `TOKEN_DUPLICATE_MEMBER` or
 * `TOKEN_FORBIDDEN_MEMBER` (the `code` of each value).
 */
export function invalidToken(classes: readonly FaultClass[] = FAULT_CLASSES, options: InvalidTokenOptions = {}): fc.Arbitrary<InvalidToken> {
  const given: unknown = classes;
  if (!Array.isArray(given) || given.length === 0 || !given.every((c) => typeof c === 'string' && Object.hasOwn(BUILDERS, c))) {
    throw configError('invalidToken: classes must be a non-empty array of FAULT_CLASSES names');
  }
  const { segments = ['header', 'payload', 'signature'], ...partsOptions } = options;
  const jsonSegments = segments.filter((s): s is JsonSegment => s === 'header' || s === 'payload');
  const ctx: Context = {
    parts: tokenParts(partsOptions),
    segment: () => {
      if (segments.length === 0) throw configError('invalidToken: no segment to put the fault in');
      return fc.constantFrom(...segments);
    },
    jsonSegment: () => {
      if (jsonSegments.length === 0) throw configError('invalidToken: JSON faults need the header or the payload among the segments');
      return fc.constantFrom(...jsonSegments);
    },
  };
  return fc.oneof(...classes.map((c) => BUILDERS[c](ctx)));
}
