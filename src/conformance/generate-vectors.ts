// The deterministic generator of vectors/captoken-vectors.json. Every token is built from its parts
// (JSON text -> UTF-8 -> base64url); where a '-' or '_' must land at a given position, a fixed,
// ordered search over filler strings finds the first JSON that puts it there, so the output never
// changes unless this file does. scripts/generate-vectors.ts writes it; a test checks the bytes.
import { BASE64URL_ALPHABET } from '../base64url/alphabet.js';
import { encodeBase64url } from '../base64url/index.js';
import { DEFAULT_MAX_LENGTH } from '../limits.js';
import type { VectorFile, VectorGroup, VectorNote, VectorTest } from './vector-file.js';

/** Bumped whenever a test is added, removed or changed. */
export const VECTORS_VERSION = '2.0.1';

const utf8 = new TextEncoder();
const b64 = (bytes: Uint8Array): string => encodeBase64url(bytes);
const jsonSeg = (value: unknown): string => b64(utf8.encode(JSON.stringify(value)));
const textSeg = (text: string): string => b64(utf8.encode(text));
const bytesOf = (...values: number[]): Uint8Array => new Uint8Array(values);

/** Deterministic pseudo-random bytes (xorshift32): signatures are opaque to a parser. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

// Filler characters whose UTF-8 bytes have high 6-bit groups ('~' 0x7E, '?' 0x3F, 'ÿ' C3 BF, ...),
// so that some filler puts '-' (62) or '_' (63) where a vector needs it. Order matters: it fixes the output.
const FILLER = ['~', '?', 'o', '>', 'ÿ', '\uFFFD', '¿', 'a', '-', '_', '€', '😀', 'ߺ'];

/** The i-th string of the bijective base-|FILLER| numeration: '', '~', '?', ..., '~~', ... */
function filler(i: number): string {
  let s = '';
  for (let n = i; n > 0; n = Math.floor((n - 1) / FILLER.length)) s += FILLER[(n - 1) % FILLER.length] ?? '';
  return s;
}

/** The first value `make(filler(i))` (i = 0, 1, ...) that satisfies `ok`. */
function search<T>(make: (fill: string) => T, ok: (value: T) => boolean, limit = 50_000): T | undefined {
  for (let i = 0; i < limit; i++) {
    const value = make(filler(i));
    if (ok(value)) return value;
  }
  return undefined;
}

function mustFind<T>(what: string, make: (fill: string) => T, ok: (value: T) => boolean): T {
  const found = search(make, ok);
  if (found === undefined) throw new Error(`generate-vectors: no filler found for ${what}`);
  return found;
}

type Segment = 'header' | 'payload' | 'signature';
type Json = Record<string, unknown>;

// Valid everywhere: a registered alg, registered claims with their types, and an exp in the future
// (2100), so that a parser that also checks times accepts the valid vectors.
const EXP = 4102448400;
const HEADER: Json = { alg: 'HS256', typ: 'JWT' };
const PAYLOAD: Json = { iss: 'captoken-vectors', sub: 'alice', iat: 1700000000, exp: EXP };
const SIGNATURE = b64(pseudoRandomBytes(32, 0x5eed));

const NOTES: Record<string, VectorNote> = {
  DashUnderscoreAtBoundary: {
    bugType: 'FUNCTIONALITY',
    description:
      "A '-' or '_' at the first or last position of a segment where one can be. In the signature that is " +
      'position 0 and the last position. In a header or payload (UTF-8 JSON objects) the earliest is position 3 and ' +
      'the latest is length-4: positions 0-2 would need a first byte >= 0xF8 (never UTF-8) or a byte after "{" that ' +
      'JSON forbids, and the last three would need a non-ASCII final byte or non-zero trailing bits, while a JSON ' +
      "object ends with '}' or whitespace. Parsers using atob(), a standard-alphabet regex or a partial replace fail here.",
  },
  RepeatedDashUnderscore: {
    bugType: 'FUNCTIONALITY',
    description:
      "Several '-' or '_' in one segment (adjacent and apart; '__' cannot occur in UTF-8 text, only in signatures). Catches s.replace('-', '+'), which replaces only the first occurrence.",
  },
  DashUnderscoreEverySegment: {
    bugType: 'FUNCTIONALITY',
    description: "'-' and '_' in all three segments of one token, so a translation applied to one segment only shows.",
  },
  SegmentLengthMod4: {
    bugType: 'FUNCTIONALITY',
    description: 'A segment whose length is 0, 2 or 3 modulo 4: unpadded base64url, decoded without adding padding.',
  },
  NonAscii: {
    bugType: 'FUNCTIONALITY',
    description: 'Claims with 2- and 3-byte UTF-8 characters: bytes decoded as Latin-1 instead of UTF-8 come back different.',
  },
  FourByteUtf8: {
    bugType: 'FUNCTIONALITY',
    description: 'Claims with 4-byte UTF-8 characters (astral planes: surrogate pairs in UTF-16).',
  },
  JsonSyntax: {
    bugType: 'FUNCTIONALITY',
    description: 'Valid JSON spelled unusually: whitespace, \\u escapes, an empty object.',
  },
  LegacyCapabilityToken: {
    bugType: 'FUNCTIONALITY',
    description: 'The legacy capability token format: a space-separated scope claim.',
  },
  AccessToken: {
    bugType: 'FUNCTIONALITY',
    description: 'The access token format: header cty "twilio-fpa;v=1" and a grants object.',
  },
  LargeToken: {
    bugType: 'FUNCTIONALITY',
    description: 'A token of exactly 8 KiB (8192 characters).',
  },
  StandardAlphabet: {
    bugType: 'MALLEABILITY',
    description: "'+' or '/' (standard base64) where base64url has '-' or '_': BASE64URL_INVALID_CHAR.",
  },
  InvalidCharacter: {
    bugType: 'MALLEABILITY',
    description: 'A character outside the base64url alphabet (whitespace, punctuation, non-ASCII, NUL): BASE64URL_INVALID_CHAR.',
  },
  Whitespace: {
    bugType: 'MALLEABILITY',
    description: 'Whitespace inside or around a segment, which lenient decoders skip: BASE64URL_INVALID_CHAR.',
  },
  Padding: {
    bugType: 'MALLEABILITY',
    description: "'=' padding: tokens are unpadded (RFC 7515 §2): BASE64URL_PADDING.",
  },
  BadLength: {
    bugType: 'MALLEABILITY',
    description: 'A segment of length 1 modulo 4, which no byte string encodes to: BASE64URL_LENGTH.',
  },
  NonCanonical: {
    bugType: 'MALLEABILITY',
    description: 'Non-zero unused bits in the last character (a second spelling of the same bytes): BASE64URL_NONCANONICAL.',
  },
  Malformed: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'Not three segments, or an empty header or signature (unsecured tokens): TOKEN_MALFORMED.',
  },
  TooLarge: {
    bugType: 'EDGE_CASE',
    description: `Longer than ${DEFAULT_MAX_LENGTH} characters, captoken's limit: TOKEN_TOO_LARGE.`,
  },
  InvalidUtf8: {
    bugType: 'MALLEABILITY',
    description: 'Header or payload bytes that are not UTF-8 (overlong forms, surrogates, truncated sequences): TOKEN_UTF8.',
  },
  Latin1: {
    bugType: 'MALLEABILITY',
    description: 'A claim encoded as Latin-1 rather than UTF-8 (0xE9 for é): TOKEN_UTF8.',
  },
  NotJsonObject: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'A header or payload that is not JSON, or JSON but not an object (array, string): TOKEN_JSON.',
  },
  ByteOrderMark: {
    bugType: 'EDGE_CASE',
    description: 'A UTF-8 byte order mark before the JSON text. RFC 8259 §8.1 lets a parser ignore it (MAY); captoken rejects it (TOKEN_JSON): a hardened-level check.',
  },
  DuplicateMember: {
    bugType: 'CAN_OF_WORMS',
    description:
      'A member name repeated in one object. RFC 7515 §4 and RFC 7519 §4: reject, or keep only the lexically last member; `acceptable` is what keeping the last gives. captoken rejects (TOKEN_DUPLICATE_MEMBER).',
  },
  ForbiddenMember: {
    bugType: 'CAN_OF_WORMS',
    description: 'A member named __proto__, constructor or prototype (prototype pollution gadgets): TOKEN_FORBIDDEN_MEMBER.',
  },
};

interface Draft {
  comment: string;
  flags: string[];
  token: string;
  header?: unknown;
  payload?: unknown;
  error?: string;
  offset?: number;
  segment?: Segment;
  /** The check class of an invalid vector (src/conformance/classes.ts). */
  fault?: string;
  /** The valid token an invalid one was made from. */
  twin?: string;
  acceptable?: { header: unknown; payload: unknown };
}

function valid(comment: string, flags: string[], header: Json, payload: Json, signature = SIGNATURE): Draft {
  return { comment, flags, token: `${jsonSeg(header)}.${jsonSeg(payload)}.${signature}`, header, payload };
}

/** An invalid vector: its check class, the valid twin it was made from, captoken's code and position. */
function invalid(fault: string, twin: string, comment: string, flags: string[], token: string, error: string, segment?: Segment, offset?: number): Draft {
  const draft: Draft = { comment, flags, token, error };
  if (segment !== undefined) draft.segment = segment;
  if (offset !== undefined) draft.offset = offset;
  draft.fault = fault;
  draft.twin = twin;
  return draft;
}

/** A JSON object for `segment` whose base64url has `char` at `position` (negative: from the end). */
function objectWithCharAt(segment: 'header' | 'payload', char: string, position: number): Json {
  const base = segment === 'header' ? HEADER : PAYLOAD;
  const at = (s: string): string | undefined => s[position < 0 ? s.length + position : position];
  // Early positions depend on the first member name; late ones on the last member's value.
  const make = position < 0 ? (fill: string): Json => ({ ...base, x: fill }) : (fill: string): Json => ({ [fill]: 1, ...base });
  return mustFind(`${char} at ${position} of the ${segment}`, make, (value) => at(jsonSeg(value)) === char);
}

/** The base64url of `bytes`, checked against `shape` so a vector's comment cannot lie. */
function signature(bytes: number[], shape: RegExp): string {
  const s = b64(Uint8Array.from(bytes));
  if (!shape.test(s)) throw new Error(`generate-vectors: signature ${s} does not match ${String(shape)}`);
  return s;
}

function validVectors(): VectorGroup[] {
  const boundary: Draft[] = [];
  for (const segment of ['header', 'payload'] as const) {
    for (const char of ['-', '_']) {
      const first = objectWithCharAt(segment, char, 3);
      const last = objectWithCharAt(segment, char, -4);
      const [h1, p1] = segment === 'header' ? [first, PAYLOAD] : [HEADER, first];
      const [h2, p2] = segment === 'header' ? [last, PAYLOAD] : [HEADER, last];
      boundary.push(valid(`'${char}' at position 3 of the ${segment}, the earliest a JSON object allows`, ['DashUnderscoreAtBoundary'], h1, p1));
      boundary.push(valid(`'${char}' at length-4 of the ${segment}, the latest a JSON object allows`, ['DashUnderscoreAtBoundary'], h2, p2));
    }
  }
  // Signatures are any bytes: 0xF8.. / 0xFC.. put '-' / '_' first; a length of 3k bytes ending in
  // 0x3E / 0x3F (low 6 bits 62 / 63) puts them last.
  const tail = [...pseudoRandomBytes(31, 7)];
  const sigBoundary = (comment: string, bytes: number[], shape: RegExp): void => {
    boundary.push(valid(comment, ['DashUnderscoreAtBoundary'], HEADER, PAYLOAD, signature(bytes, shape)));
  };
  sigBoundary("'-' first in the signature", [0xf8, ...tail], /^-/);
  sigBoundary("'_' first in the signature", [0xfc, ...tail], /^_/);
  sigBoundary("'-' last in the signature", [...tail, 0xbe, 0x3e], /-$/);
  sigBoundary("'_' last in the signature", [...tail, 0x7f, 0xff], /_$/);
  sigBoundary("'-' first and '_' last in the signature", [0xf8, ...tail.slice(0, 30), 0xff, 0xff], /^-.*_$/);
  sigBoundary("'_' first and '-' last in the signature", [0xfc, ...tail.slice(0, 30), 0x00, 0x3e], /^_.*-$/);

  const repeated: Draft[] = [];
  const repeatedIn = (segment: 'header' | 'payload', what: string, ok: (s: string) => boolean): void => {
    const base = segment === 'header' ? HEADER : PAYLOAD;
    const value = mustFind(what, (fill) => ({ ...base, x: fill + fill + fill }), (v) => ok(jsonSeg(v)));
    repeated.push(valid(`${what} in the ${segment}`, ['RepeatedDashUnderscore'], segment === 'header' ? value : HEADER, segment === 'header' ? PAYLOAD : value));
  };
  const count = (s: string, c: string): number => s.split(c).length - 1;
  for (const segment of ['header', 'payload'] as const) {
    repeatedIn(segment, "two adjacent '-'", (s) => s.includes('--'));
    // Two adjacent '_' need twelve 1-bits in a row, which only bytes 0xF8-0xFF (never UTF-8) have.
    repeatedIn(segment, "'-' and '_' adjacent", (s) => s.includes('-_') || s.includes('_-'));
    repeatedIn(segment, "three '-' apart", (s) => count(s, '-') >= 3 && !s.includes('--'));
    repeatedIn(segment, "three '_' apart", (s) => count(s, '_') >= 3 && !s.includes('__'));
    repeatedIn(segment, "'-' and '_' mixed, several of each", (s) => count(s, '-') >= 2 && count(s, '_') >= 2);
  }
  repeated.push(valid("'--__--__' run in the signature", ['RepeatedDashUnderscore'], HEADER, PAYLOAD, signature([0xfb, 0xef, 0xff, 0xfb, 0xef, 0xff, ...tail.slice(0, 27)], /^--__--__/)));
  repeated.push(valid("only '-' and '_' in the signature", ['RepeatedDashUnderscore', 'DashUnderscoreAtBoundary'], HEADER, PAYLOAD, signature([0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff, 0xfb, 0xef, 0xbf], /^[-_]+$/)));

  const everySegment: Draft[] = [];
  {
    const header = mustFind("'-' and '_' in the header", (fill) => ({ ...HEADER, kid: fill + fill }), (v) => jsonSeg(v).includes('-') && jsonSeg(v).includes('_'));
    const payload = mustFind("'-' and '_' twice in the payload", (fill) => ({ ...PAYLOAD, x: fill + fill + fill }), (v) => {
      const s = jsonSeg(v);
      return count(s, '-') >= 2 && count(s, '_') >= 2;
    });
    everySegment.push(valid("'-' and '_' in all three segments", ['DashUnderscoreEverySegment', 'RepeatedDashUnderscore'], header, payload, signature([0xf8, 0x3e, 0xff, ...tail.slice(0, 27), 0xfb, 0xff, 0xfe], /^-[^-\n\r_\u2028\u2029]*[-_].*[-_]/)));
    everySegment.push(valid("'-' and '_' in all three segments, '_' ending the signature", ['DashUnderscoreEverySegment', 'DashUnderscoreAtBoundary'], header, payload, signature([0xfc, ...tail.slice(0, 29), 0xf8, 0x3f, 0xff], /^_[^-\n\r\u2028\u2029]*-.*_$/)));
  }

  const lengths: Draft[] = [];
  for (const mod of [0, 2, 3]) {
    const header = mustFind(`header length ${mod} mod 4`, (fill) => ({ ...HEADER, kid: `k${'a'.repeat(fill.length)}` }), (v) => jsonSeg(v).length % 4 === mod);
    lengths.push(valid(`header length ≡ ${mod} (mod 4)`, ['SegmentLengthMod4'], header, PAYLOAD));
    const payload = mustFind(`payload length ${mod} mod 4`, (fill) => ({ ...PAYLOAD, x: 'a'.repeat(fill.length) }), (v) => jsonSeg(v).length % 4 === mod);
    lengths.push(valid(`payload length ≡ ${mod} (mod 4)`, ['SegmentLengthMod4'], HEADER, payload));
  }
  for (const [bytes, mod] of [[48, 0], [64, 2], [32, 3], [1, 2], [2, 3], [3, 0]] as const) {
    lengths.push(valid(`signature of ${bytes} byte(s): length ≡ ${mod} (mod 4)`, ['SegmentLengthMod4'], HEADER, PAYLOAD, b64(pseudoRandomBytes(bytes, bytes))));
  }

  const unicode: Draft[] = [
    valid('2-byte UTF-8 in the payload (é, ß, ñ, Ω)', ['NonAscii'], HEADER, { ...PAYLOAD, name: 'Renée Straße Muñoz Ω' }),
    valid('3-byte UTF-8 in the payload (€, 日本語, ☃)', ['NonAscii'], HEADER, { ...PAYLOAD, name: '日本語 €100 ☃' }),
    valid('4-byte UTF-8 in the payload (emoji, musical symbol)', ['NonAscii', 'FourByteUtf8'], HEADER, { ...PAYLOAD, name: '😀 𝄞 🇺🇸' }),
    valid('1- to 4-byte UTF-8 in one claim', ['NonAscii', 'FourByteUtf8'], HEADER, { ...PAYLOAD, name: 'a é € 😀' }),
    valid('non-ASCII member names', ['NonAscii'], HEADER, { ...PAYLOAD, 'ключ': 'значение', 'clé': true }),
    valid('non-ASCII in the header (kid)', ['NonAscii', 'FourByteUtf8'], { ...HEADER, kid: 'clé-🔑' }, PAYLOAD),
    valid('U+2028, U+2029, U+FEFF and U+FFFD inside strings', ['NonAscii'], HEADER, { ...PAYLOAD, name: 'a\u2028b\u2029c\uFEFFd\uFFFD' }),
    valid('non-ASCII and -/_ together', ['NonAscii', 'RepeatedDashUnderscore'], HEADER, mustFind('non-ASCII with -/_', (fill) => ({ ...PAYLOAD, name: `ÿé😀${fill}` }), (v) => count(jsonSeg(v), '-') >= 2 && count(jsonSeg(v), '_') >= 1)),
  ];

  const syntax: Draft[] = [];
  {
    const text = '{ "alg" : "HS256" ,\n\t"typ" : "JWT" }';
    syntax.push({ comment: 'whitespace in the header JSON', flags: ['JsonSyntax'], token: `${textSeg(text)}.${jsonSeg(PAYLOAD)}.${SIGNATURE}`, header: HEADER, payload: PAYLOAD });
    const escaped = '{"sub":"\\u0061lice","name":"Ren\\u00e9e \\ud83d\\ude00","n":1e3}';
    syntax.push({ comment: '\\u escapes (BMP and surrogate pair) and an exponent in the payload JSON', flags: ['JsonSyntax', 'NonAscii'], token: `${jsonSeg(HEADER)}.${textSeg(escaped)}.${SIGNATURE}`, header: HEADER, payload: { sub: 'alice', name: 'Renée 😀', n: 1000 } });
    syntax.push(valid('empty payload object', ['JsonSyntax'], HEADER, {}));
    syntax.push(valid('nested arrays and objects, null, booleans, numbers', ['JsonSyntax'], HEADER, { ...PAYLOAD, a: [1, -2.5, [true, false, null], { b: { c: [] } }], big: 9007199254740991 }));
  }

  const formats: Draft[] = [
    valid('legacy capability token (scope)', ['LegacyCapabilityToken'], HEADER, {
      iss: 'AC00000000000000000000000000000000',
      exp: EXP,
      scope:
        'scope:client:incoming?clientName=alice scope:client:outgoing?appSid=AP00000000000000000000000000000000&clientName=alice',
    }),
    valid('legacy capability token whose scope holds url-encoded parameters', ['LegacyCapabilityToken'], HEADER, {
      iss: 'AC00000000000000000000000000000000',
      exp: EXP,
      scope: 'scope:client:outgoing?appSid=AP00000000000000000000000000000000&appParams=to%3D%2B15551234567%26from%3Dalice&clientName=alice',
    }),
    valid('access token (cty twilio-fpa;v=1, grants)', ['AccessToken'], { ...HEADER, cty: 'twilio-fpa;v=1' }, {
      jti: 'SK00000000000000000000000000000000-1700000000',
      iss: 'SK00000000000000000000000000000000',
      sub: 'AC00000000000000000000000000000000',
      iat: 1700000000,
      nbf: 1700000000,
      exp: EXP,
      grants: {
        identity: 'alice',
        voice: { incoming: { allow: true }, outgoing: { application_sid: 'AP00000000000000000000000000000000' } },
        video: { room: 'DailyStandup' },
        chat: { service_sid: 'IS00000000000000000000000000000000' },
      },
    }),
    valid('access token with a non-ASCII identity', ['AccessToken', 'NonAscii'], { ...HEADER, cty: 'twilio-fpa;v=1' }, {
      jti: 'SK00000000000000000000000000000000-1700000001',
      iss: 'SK00000000000000000000000000000000',
      sub: 'AC00000000000000000000000000000000',
      exp: EXP,
      grants: { identity: 'José 🎧 Müller', voice: { incoming: { allow: true } } },
    }),
  ];

  const large: Draft[] = [];
  {
    const header = jsonSeg(HEADER);
    let payload = '';
    let rest = 0;
    let fill = 6000;
    for (;; fill++) {
      payload = jsonSeg({ ...PAYLOAD, data: 'x-_'.repeat(fill / 3 | 0) + 'y'.repeat(fill % 3) });
      rest = 8192 - header.length - payload.length - 2;
      if (rest > 0 && rest % 4 !== 1) break;
    }
    const signature = b64(pseudoRandomBytes(Math.floor((rest * 3) / 4), 8192));
    const value = { ...PAYLOAD, data: 'x-_'.repeat(fill / 3 | 0) + 'y'.repeat(fill % 3) };
    large.push({ comment: 'a token of exactly 8192 characters', flags: ['LargeToken'], token: `${header}.${payload}.${signature}`, header: HEADER, payload: value });
  }

  return [
    group("'-' and '_' at the first and last reachable position of each segment", boundary),
    group("'-' and '_' repeated within a segment", repeated),
    group("'-' and '_' in every segment", everySegment),
    group('segment lengths 0, 2 and 3 modulo 4', lengths),
    group('non-ASCII claims (UTF-8 up to 4 bytes)', unicode),
    group('JSON spelled unusually', syntax),
    group('capability token formats', formats),
    group('an 8 KiB token', large),
  ];
}

function group(comment: string, drafts: Draft[]): VectorGroup {
  return { type: 'CompactTokenParse', comment, tests: drafts as VectorTest[] };
}

function invalidVectors(): VectorGroup[] {
  const h = jsonSeg(HEADER);
  const p = jsonSeg(PAYLOAD);
  const s = SIGNATURE;
  const ok = `${h}.${p}.${s}`;
  const pStart = h.length + 1;
  const sStart = h.length + p.length + 2;
  // A valid token with '-' and '_' in every segment, to swap in the standard alphabet.
  const dashHeader = mustFind("'-' in the header", (fill) => ({ ...HEADER, kid: fill + fill }), (v) => jsonSeg(v).includes('-'));
  const dh = jsonSeg(dashHeader);
  const underscorePayload = mustFind("'_' in the payload", (fill) => ({ ...PAYLOAD, x: fill + fill }), (v) => jsonSeg(v).includes('_'));
  const up = jsonSeg(underscorePayload);
  const dashSig = b64(Uint8Array.from([0xf8, ...pseudoRandomBytes(31, 3)]));
  const sig33 = b64(pseudoRandomBytes(33, 9));

  const alphabet: Draft[] = [
    invalid('char-plus', `${dh}.${p}.${s}`, "'+' instead of '-' in the header", ['StandardAlphabet'], `${dh.replace('-', '+')}.${p}.${s}`, 'BASE64URL_INVALID_CHAR', 'header', dh.indexOf('-')),
    invalid('char-slash', `${h}.${up}.${s}`, "'/' instead of '_' in the payload", ['StandardAlphabet'], `${h}.${up.replace('_', '/')}.${s}`, 'BASE64URL_INVALID_CHAR', 'payload', pStart + up.indexOf('_')),
    invalid('signature-syntax', `${h}.${p}.${dashSig}`, "'+' instead of '-' first in the signature", ['StandardAlphabet'], `${h}.${p}.+${dashSig.slice(1)}`, 'BASE64URL_INVALID_CHAR', 'signature', sStart),
    invalid('signature-syntax', `${h}.${p}.${sig33}`, "'/' at the end of the signature", ['StandardAlphabet'], `${h}.${p}.${sig33.slice(0, -1)}/`, 'BASE64URL_INVALID_CHAR', 'signature', sStart + 43),
    invalid('char-whitespace', ok, 'a space inside the payload', ['Whitespace', 'InvalidCharacter'], `${h}.${p.slice(0, 8)} ${p.slice(8)}.${s}`, 'BASE64URL_INVALID_CHAR', 'payload', pStart + 8),
    invalid('char-whitespace', ok, 'a tab inside the header', ['Whitespace', 'InvalidCharacter'], `${h.slice(0, 4)}\t${h.slice(4)}.${p}.${s}`, 'BASE64URL_INVALID_CHAR', 'header', 4),
    invalid('signature-syntax', ok, 'a trailing newline after the signature', ['Whitespace', 'InvalidCharacter'], `${ok}\n`, 'BASE64URL_INVALID_CHAR', 'signature', ok.length),
    invalid('signature-syntax', ok, 'a CRLF inside the signature', ['Whitespace', 'InvalidCharacter'], `${h}.${p}.${s.slice(0, 20)}\r\n${s.slice(20)}`, 'BASE64URL_INVALID_CHAR', 'signature', sStart + 20),
    invalid('char-whitespace', ok, 'a leading space', ['Whitespace', 'InvalidCharacter'], ` ${ok}`, 'BASE64URL_INVALID_CHAR', 'header', 0),
    invalid('char-punctuation', ok, "'!' in the payload", ['InvalidCharacter'], `${h}.${p.slice(0, 5)}!${p.slice(6)}.${s}`, 'BASE64URL_INVALID_CHAR', 'payload', pStart + 5),
    invalid('signature-syntax', ok, "'é' (non-ASCII) in the signature", ['InvalidCharacter'], `${h}.${p}.${s.slice(0, 10)}é${s.slice(11)}`, 'BASE64URL_INVALID_CHAR', 'signature', sStart + 10),
    invalid('char-control', ok, 'a NUL character in the header', ['InvalidCharacter'], `${h.slice(0, 2)}\u0000${h.slice(3)}.${p}.${s}`, 'BASE64URL_INVALID_CHAR', 'header', 2),
    invalid('char-non-ascii', ok, "'é' (non-ASCII) in the payload", ['InvalidCharacter'], `${h}.${p.slice(0, 6)}é${p.slice(7)}.${s}`, 'BASE64URL_INVALID_CHAR', 'payload', pStart + 6),
    invalid('char-non-ascii', ok, "U+012B in the header (a '+' when truncated to one byte)", ['InvalidCharacter'], `${h.slice(0, 5)}\u012b${h.slice(6)}.${p}.${s}`, 'BASE64URL_INVALID_CHAR', 'header', 5),
    invalid('char-lone-surrogate', ok, 'a lone surrogate (U+D800) in the header', ['InvalidCharacter'], `${h.slice(0, 7)}\ud800${h.slice(8)}.${p}.${s}`, 'BASE64URL_INVALID_CHAR', 'header', 7),
  ];

  // Padding: the header `{"alg":"HS256","typ":"JWT"}` is 27 bytes (36 chars, no padding needed), so pad a 2-mod-4 signature and payload.
  const sig2 = b64(pseudoRandomBytes(31, 11)); // 42 chars: ≡ 2 (mod 4)
  const pay3 = jsonSeg({ ...PAYLOAD, x: 'ab' });
  const paddedPay = pay3.length % 4 === 2 ? `${pay3}==` : pay3.length % 4 === 3 ? `${pay3}=` : `${pay3}====`;
  const padding: Draft[] = [
    invalid('signature-syntax', `${h}.${p}.${sig2}`, "'==' padding on the signature", ['Padding'], `${h}.${p}.${sig2}==`, 'BASE64URL_PADDING', 'signature', sStart + sig2.length),
    invalid('char-padding', `${h}.${pay3}.${s}`, "'=' padding on the payload", ['Padding'], `${h}.${paddedPay}.${s}`, 'BASE64URL_PADDING', 'payload', pStart + pay3.length),
    invalid('char-padding', ok, "'=' inside the header", ['Padding'], `${h.slice(0, 8)}=${h.slice(9)}.${p}.${s}`, 'BASE64URL_PADDING', 'header', 8),
  ];

  const sig44 = b64(pseudoRandomBytes(33, 12));
  const length: Draft[] = [
    invalid('signature-syntax', `${h}.${p}.${sig44}`, 'a signature of length 1 (mod 4)', ['BadLength'], `${h}.${p}.${sig44}A`, 'BASE64URL_LENGTH', 'signature'),
    invalid('signature-syntax', ok, 'a signature of one character', ['BadLength'], `${h}.${p}.A`, 'BASE64URL_LENGTH', 'signature'),
    invalid('length-1-mod-4', ok, 'a header of length 1 (mod 4)', ['BadLength'], `${h}A.${p}.${s}`, 'BASE64URL_LENGTH', 'header'),
  ];

  // Non-canonical: the last character of a 2-mod-4 segment must have its low 4 bits zero, of a 3-mod-4 segment its low 2.
  const bump = (seg: string): string => {
    const last = BASE64URL_ALPHABET.indexOf(seg[seg.length - 1]!);
    return seg.slice(0, -1) + BASE64URL_ALPHABET[last + 1]!;
  };
  const pay2 = mustFind('payload ≡ 2 (mod 4)', (fill) => ({ ...PAYLOAD, x: 'a'.repeat(fill.length) }), (v) => jsonSeg(v).length % 4 === 2);
  const p2 = jsonSeg(pay2);
  const nonCanonical: Draft[] = [
    invalid('trailing-bits', ok, "signature 'QR' style: unused bits set (≡ 3 mod 4)", ['NonCanonical'], `${h}.${p}.${bump(s)}`, 'BASE64URL_NONCANONICAL', 'signature', sStart + s.length - 1),
    invalid('trailing-bits', `${h}.${p}.${sig2}`, 'signature with unused bits set (≡ 2 mod 4)', ['NonCanonical'], `${h}.${p}.${bump(sig2)}`, 'BASE64URL_NONCANONICAL', 'signature', sStart + sig2.length - 1),
    invalid('trailing-bits', `${h}.${p2}.${s}`, 'payload with unused bits set', ['NonCanonical'], `${h}.${bump(p2)}.${s}`, 'BASE64URL_NONCANONICAL', 'payload', pStart + p2.length - 1),
  ];

  const none = jsonSeg({ alg: 'none' });
  const malformed: Draft[] = [
    invalid('two-segments', ok, 'the empty string', ['Malformed'], '', 'TOKEN_MALFORMED', undefined, 0),
    invalid('two-segments', ok, 'one segment', ['Malformed'], h, 'TOKEN_MALFORMED'),
    invalid('two-segments', ok, 'two segments', ['Malformed'], `${h}.${p}`, 'TOKEN_MALFORMED'),
    invalid('four-segments', ok, 'four segments', ['Malformed'], `${ok}.${s}`, 'TOKEN_MALFORMED', undefined, ok.length),
    invalid('four-segments', ok, 'five segments (JWE-like)', ['Malformed'], `${h}.${s}.${s}.${s}.${s}`, 'TOKEN_MALFORMED', undefined, h.length + s.length * 2 + 2),
    invalid('empty-header', ok, 'an empty header', ['Malformed'], `.${p}.${s}`, 'TOKEN_MALFORMED', 'header', 0),
    invalid('empty-signature', ok, "an empty signature (unsecured, alg 'none')", ['Malformed'], `${none}.${p}.`, 'TOKEN_MALFORMED', 'signature', none.length + p.length + 2),
    invalid('empty-header', ok, 'only dots', ['Malformed'], '..', 'TOKEN_MALFORMED', 'header', 0),
  ];

  const tooLarge: Draft[] = [];
  {
    const limit = DEFAULT_MAX_LENGTH + 1;
    let ps = '';
    let rest = 0;
    for (let fill = 12_000; ; fill++) {
      ps = jsonSeg({ ...PAYLOAD, data: 'z'.repeat(fill) });
      rest = limit - h.length - ps.length - 2;
      if (rest > 0 && rest % 4 !== 1) break;
    }
    const sig = b64(pseudoRandomBytes(Math.floor((rest * 3) / 4), 5));
    const token = `${h}.${ps}.${sig}`;
    tooLarge.push(invalid('too-large', ok, `${token.length} characters, one over the limit, otherwise valid`, ['TooLarge'], token, 'TOKEN_TOO_LARGE'));
  }

  const raw = (bytes: Uint8Array): string => b64(bytes);
  const withPayloadBytes = (bytes: Uint8Array): string => `${h}.${raw(bytes)}.${s}`;
  const json = (text: string): Uint8Array => utf8.encode(text);
  const withPayload = (text: string): string => withPayloadBytes(json(text));
  const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((x) => [...x]));
  const emptyP = withPayload('{"p":""}');
  const utf8Faults: Draft[] = [
    invalid('invalid-utf8', withPayload('{"name":"René"}'), "Latin-1 'é' (0xE9) in a payload string", ['Latin1', 'InvalidUtf8'], withPayloadBytes(concat(json('{"name":"Ren'), bytesOf(0xe9), json('e"}'))), 'TOKEN_UTF8', 'payload', pStart),
    invalid('invalid-utf8', emptyP, 'overlong encoding of "/" (C0 AF)', ['InvalidUtf8'], withPayloadBytes(concat(json('{"p":"'), bytesOf(0xc0, 0xaf), json('"}'))), 'TOKEN_UTF8', 'payload', pStart),
    invalid('invalid-utf8', emptyP, 'UTF-8 encoded surrogate (ED A0 80)', ['InvalidUtf8'], withPayloadBytes(concat(json('{"p":"'), bytesOf(0xed, 0xa0, 0x80), json('"}'))), 'TOKEN_UTF8', 'payload', pStart),
    invalid('invalid-utf8', emptyP, 'truncated 4-byte sequence (F0 9F 98)', ['InvalidUtf8'], withPayloadBytes(concat(json('{"p":"'), bytesOf(0xf0, 0x9f, 0x98), json('"}'))), 'TOKEN_UTF8', 'payload', pStart),
    invalid('invalid-utf8', `${textSeg('{"alg":"HS256","kid":""}')}.${p}.${s}`, '0xFF byte in the header', ['InvalidUtf8'], `${raw(concat(json('{"alg":"HS256","kid":"'), bytesOf(0xff), json('"}')))}.${p}.${s}`, 'TOKEN_UTF8', 'header', 0),
    invalid('invalid-utf8', emptyP, 'code point above U+10FFFF (F4 90 80 80)', ['InvalidUtf8'], withPayloadBytes(concat(json('{"p":"'), bytesOf(0xf4, 0x90, 0x80, 0x80), json('"}'))), 'TOKEN_UTF8', 'payload', pStart),
  ];

  const alice = withPayload('{"sub":"alice"}');
  const notObject: Draft[] = [
    invalid('not-json', ok, 'payload is not JSON', ['NotJsonObject'], withPayload('hello'), 'TOKEN_JSON', 'payload', pStart),
    invalid('json-not-object', alice, 'payload is a JSON array', ['NotJsonObject'], withPayload('[{"sub":"alice"}]'), 'TOKEN_JSON', 'payload', pStart),
    invalid('json-not-object', alice, 'payload is a JSON string', ['NotJsonObject'], withPayload('"alice"'), 'TOKEN_JSON', 'payload', pStart),
    invalid('json-not-object', ok, 'payload is JSON null', ['NotJsonObject'], withPayload('null'), 'TOKEN_JSON', 'payload', pStart),
    invalid('json-not-object', ok, 'header is a JSON number', ['NotJsonObject'], `${textSeg('256')}.${p}.${s}`, 'TOKEN_JSON', 'header', 0),
    invalid('json-bom', alice, 'payload starts with a UTF-8 BOM', ['ByteOrderMark'], withPayloadBytes(concat(bytesOf(0xef, 0xbb, 0xbf), json('{"sub":"alice"}'))), 'TOKEN_JSON', 'payload', pStart),
    invalid('not-json', alice, 'trailing comma', ['NotJsonObject'], withPayload('{"sub":"alice",}'), 'TOKEN_JSON', 'payload', pStart),
    invalid('not-json', alice, 'single-quoted strings', ['NotJsonObject'], withPayload("{'sub':'alice'}"), 'TOKEN_JSON', 'payload', pStart),
    invalid('not-json', withPayload('{"n":1}'), 'NaN as a value', ['NotJsonObject'], withPayload('{"n":NaN}'), 'TOKEN_JSON', 'payload', pStart),
    invalid('not-json', alice, 'text after the object', ['NotJsonObject'], withPayload('{"sub":"alice"}x'), 'TOKEN_JSON', 'payload', pStart),
    invalid('empty-payload', ok, 'empty payload segment', ['NotJsonObject'], `${h}..${s}`, 'TOKEN_JSON', 'payload', pStart),
  ];

  /** A duplicate-member vector: `acceptable` is what keeping the lexically last member gives (ECMAScript JSON.parse). */
  const duplicateIn = (segment: 'header' | 'payload', twin: string, comment: string, flags: string[], text: string): Draft => {
    const token = segment === 'header' ? `${textSeg(text)}.${p}.${s}` : withPayload(text);
    const draft = invalid('duplicate-member', twin, comment, flags, token, 'TOKEN_DUPLICATE_MEMBER', segment, segment === 'header' ? 0 : pStart);
    const last = JSON.parse(text) as unknown;
    draft.acceptable = segment === 'header' ? { header: last, payload: PAYLOAD } : { header: HEADER, payload: last };
    return draft;
  };
  const duplicate: Draft[] = [
    duplicateIn('header', ok, 'alg twice in the header', ['DuplicateMember'], '{"alg":"HS256","typ":"JWT","alg":"none"}'),
    duplicateIn('payload', alice, 'sub twice in the payload', ['DuplicateMember'], '{"sub":"alice","sub":"admin"}'),
    duplicateIn('payload', alice, 'a member repeated through an escape (\\u0073ub)', ['DuplicateMember'], '{"sub":"alice","\\u0073ub":"admin"}'),
    duplicateIn('payload', withPayload('{"grants":{"identity":"alice"}}'), 'a repeated member in a nested grants object', ['DuplicateMember', 'AccessToken'], '{"grants":{"identity":"alice","identity":"admin"}}'),
  ];

  const forbidden: Draft[] = [
    invalid('forbidden-member', alice, '__proto__ in the payload', ['ForbiddenMember'], withPayload('{"sub":"alice","__proto__":{"admin":true}}'), 'TOKEN_FORBIDDEN_MEMBER', 'payload', pStart),
    invalid('forbidden-member', withPayload('{"grants":{}}'), 'constructor nested in grants', ['ForbiddenMember'], withPayload('{"grants":{"constructor":{"prototype":{"admin":true}}}}'), 'TOKEN_FORBIDDEN_MEMBER', 'payload', pStart),
    invalid('forbidden-member', `${textSeg('{"alg":"HS256"}')}.${p}.${s}`, 'prototype in the header', ['ForbiddenMember'], `${textSeg('{"alg":"HS256","prototype":1}')}.${p}.${s}`, 'TOKEN_FORBIDDEN_MEMBER', 'header', 0),
  ];

  return [
    group('BASE64URL_INVALID_CHAR: characters outside the base64url alphabet', alphabet),
    group('BASE64URL_PADDING', padding),
    group('BASE64URL_LENGTH', length),
    group('BASE64URL_NONCANONICAL', nonCanonical),
    group('TOKEN_MALFORMED', malformed),
    group('TOKEN_TOO_LARGE', tooLarge),
    group('TOKEN_UTF8', utf8Faults),
    group('TOKEN_JSON', notObject),
    group('TOKEN_DUPLICATE_MEMBER', duplicate),
    group('TOKEN_FORBIDDEN_MEMBER', forbidden),
  ];
}

/**
 * Builds the conformance vectors. Deterministic: the same captoken version always gives the same
 * file, byte for byte (`serializeVectors(generateVectors())` is what vectors/captoken-vectors.json holds).
 *
 * @example
 * const file = generateVectors();
 * file.testGroups.flatMap((g) => g.tests).filter((t) => t.result === 'valid').length;
 *
 * @throws never (an Error only if the generator itself is broken: a vector it cannot build)
 */
export function generateVectors(): VectorFile {
  const groups = [...validVectors(), ...invalidVectors()];
  let tcId = 0;
  const testGroups: VectorGroup[] = groups.map((g) => ({
    ...g,
    tests: g.tests.map((draft) => {
      const { comment, flags, token, header, payload, error, offset, segment, fault, twin, acceptable } = draft as Draft;
      const test: VectorTest = { tcId: ++tcId, comment, flags, token, result: error === undefined ? 'valid' : 'invalid' };
      if (error === undefined) {
        test.header = header;
        test.payload = payload;
      } else {
        test.error = error;
        if (offset !== undefined) test.offset = offset;
        if (segment !== undefined) test.segment = segment;
        if (fault !== undefined) test.fault = fault;
        if (twin !== undefined) test.twin = twin;
        if (acceptable !== undefined) test.acceptable = acceptable;
      }
      return test;
    }),
  }));
  const used = new Set(testGroups.flatMap((g) => g.tests.flatMap((t) => t.flags)));
  const notes: Record<string, VectorNote> = {};
  for (const [flag, note] of Object.entries(NOTES)) if (used.has(flag)) notes[flag] = note;
  return {
    algorithm: 'captoken-compact-parse',
    schema: 'captoken-vectors-v1',
    version: VECTORS_VERSION,
    numberOfTests: tcId,
    header: [
      'Conformance vectors for parsers of compact JWS/JWT capability tokens (captoken).',
      "valid: every conforming parser accepts the token and decodes exactly `header` and `payload` (profile 'accept').",
      "invalid: `fault` names the check class, whose level says who must reject it: 'rfc' classes (an RFC MUST; profile 'rfc') or 'hardened' ones (captoken policy; profile 'hardened').",
      '`twin` is the valid token the invalid one was made from: a rejection counts only if the twin is accepted. `acceptable` (duplicate members): accepting with exactly this header and payload is right too.',
      "`error`, `offset` and `segment` are captoken's code and position of the fault, informative.",
      'Generated by scripts/generate-vectors.ts; do not edit by hand.',
    ],
    notes,
    testGroups,
  };
}
