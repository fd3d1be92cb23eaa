import fc from 'fast-check';
import { configError } from '../errors.js';

/** Length bounds, in bytes, for the byte arbitraries (and the bytes behind a canonical string). */
export interface ByteLengthConstraints {
  minLength?: number;
  maxLength?: number;
}

/** Three bytes packed big-endian in one integer (b0 << 16 | b1 << 8 | b2): one draw per group. */
type Triple = number;

// Three bytes are four base64url characters:
//   c0 = b0 >> 2                      '-'/'_' iff b0 >= 0xF8
//   c1 = (b0 & 3) << 4 | b1 >> 4      '-'/'_' iff b0 & 3 === 3 and b1 >= 0xE0
//   c2 = (b1 & 15) << 2 | b2 >> 6     '-'/'_' iff b1 & 15 === 15 and b2 >= 0x80
//   c3 = b2 & 63                      '-'/'_' iff b2 & 63 >= 62
/** Middle bytes that make c1 and c2 '-'/'_' when they follow 0xFB/0xFF (high nibble >= E, low nibble F). */
const MIDDLE_BYTES = [0xef, 0xff];
/** Last bytes that make c3 a '-' or '_' (and c2 too, after a middle byte ending in F, when >= 0x80). */
const END_BYTES = [0x3e, 0x3f, 0x7e, 0x7f, 0xbe, 0xbf, 0xfe, 0xff];

const pack = (b0: number, b1: number, b2: number): Triple => (b0 << 16) | (b1 << 8) | b2;
const isTriple = (t: unknown): t is Triple => typeof t === 'number' && Number.isInteger(t) && t >= 0 && t <= 0xffffff;

/** Four '-'/'_' in a row: [FB|FF, EF|FF, BE|BF|FE|FF] (e.g. FB EF BE -> "----", FF FF FF -> "____"). */
const allUrlTriple: fc.Arbitrary<Triple> = fc.constantFrom(
  ...[0xfb, 0xff].flatMap((b0) => MIDDLE_BYTES.flatMap((b1) => [0xbe, 0xbf, 0xfe, 0xff].map((b2) => pack(b0, b1, b2)))),
);
/** '-'/'_' as the first character of the group: a first byte F8..FF (any two bytes after it). */
const leadUrlTriple: fc.Arbitrary<Triple> = fc.integer({ min: 0xf80000, max: 0xffffff });
/** '-'/'_' as the last character of the group: any two bytes, then one of END_BYTES. */
const endUrlTriple: fc.Arbitrary<Triple> = fc.integer({ min: 0, max: 0x10000 * END_BYTES.length - 1 }).map(
  (i) => ((i >> 3) << 8) | END_BYTES[i & 7]!,
  (t) => {
    if (!isTriple(t)) throw new TypeError('not a byte triple');
    const end = END_BYTES.indexOf(t & 0xff);
    if (end === -1) throw new RangeError('does not end with a url character');
    return ((t >> 8) << 3) | end;
  },
);
const randomTriple: fc.Arbitrary<Triple> = fc.integer({ min: 0, max: 0xffffff });

const bodyTriple = fc.oneof(
  { weight: 3, arbitrary: allUrlTriple },
  { weight: 2, arbitrary: leadUrlTriple },
  { weight: 2, arbitrary: endUrlTriple },
  { weight: 3, arbitrary: randomTriple },
);
/** The first group: mostly starts with '-'/'_' (so the first character of the encoding is one). */
const firstTriple = fc.oneof(
  { weight: 3, arbitrary: allUrlTriple },
  { weight: 3, arbitrary: leadUrlTriple },
  { weight: 1, arbitrary: randomTriple },
);
/** The last group: mostly ends with '-'/'_' (the last character, when the length is a multiple of 3). */
const lastTriple = fc.oneof(
  { weight: 3, arbitrary: allUrlTriple },
  { weight: 3, arbitrary: endUrlTriple },
  { weight: 1, arbitrary: randomTriple },
);

type Parts = [Triple, Triple[], Triple, number];

function assemble(parts: Parts, minLength: number, maxLength: number): Uint8Array {
  const [first, body, last, drop] = parts;
  const full = 3 * (body.length + 2);
  // `drop` removes 0..2 bytes, so every length class (0, 1, 2 mod 3) occurs, then the bounds clamp.
  const length = Math.min(maxLength, Math.max(minLength, full - drop));
  const out = new Uint8Array(length);
  const n = Math.min(length, full); // length <= full: the body has at least ceil(minLength / 3) - 2 groups
  let at = 0;
  const put = (t: Triple): void => {
    if (at < n) out[at++] = t >>> 16;
    if (at < n) out[at++] = (t >>> 8) & 0xff;
    if (at < n) out[at++] = t & 0xff;
  };
  put(first);
  for (let i = 0; i < body.length && at < n; i++) put(body[i]!);
  put(last);
  return out;
}

/**
 * Byte arrays whose base64url encoding is rich in '-' and '_': aligned 3-byte groups that encode to
 * '-'/'_' at every place of a 4-character group, mixed with random groups. The first group mostly
 * makes the first character a '-'/'_', the last group mostly makes the last character one (possible
 * only when the length is a multiple of 3; otherwise the last character has zero low bits), and
 * lengths cover every class mod 3, so encoded lengths are 0, 2 and 3 mod 4.
 *
 * Lengths are in bytes; the default upper bound follows fast-check's size (a few dozen bytes).
 *
 * @example
 * fc.assert(fc.property(urlCharBytes(), (bytes) => {
 *   expect(decodeBase64url(encodeBase64url(bytes))).toEqual(bytes);
 * }));
 *
 * @throws {CaptokenError} `CONFIG_INVALID` when `constraints` is not an object, or the bounds are
 * not integers with 0 <= minLength <= maxLength (at construction; generation itself never throws).
 */
export function urlCharBytes(constraints: ByteLengthConstraints = {}): fc.Arbitrary<Uint8Array> {
  const given: unknown = constraints;
  if (typeof given !== 'object' || given === null) throw configError('urlCharBytes: constraints must be an object { minLength?, maxLength? }');
  const minLength = constraints.minLength ?? 0;
  const maxLength = constraints.maxLength ?? 0x7fffffff;
  if (!Number.isSafeInteger(minLength) || !Number.isSafeInteger(maxLength) || minLength < 0 || maxLength < minLength) {
    throw configError('urlCharBytes: need 0 <= minLength <= maxLength');
  }
  // Two fixed groups (first, last) plus the body; ceil(bound / 3) groups reach every length in range.
  const minBody = Math.max(0, Math.ceil(minLength / 3) - 2);
  const body =
    constraints.maxLength === undefined
      ? fc.array(bodyTriple, { minLength: minBody })
      : fc.array(bodyTriple, { minLength: minBody, maxLength: Math.max(minBody, Math.ceil(maxLength / 3) - 2) });
  const parts: fc.Arbitrary<Parts> = fc.tuple(firstTriple, body, lastTriple, fc.integer({ min: 0, max: 2 }));
  return parts.map(
    (p) => assemble(p, minLength, maxLength),
    (value): Parts => {
      // Lets fast-check shrink a byte array it did not generate itself (e.g. after decoding a string).
      if (!(value instanceof Uint8Array)) throw new TypeError('not a Uint8Array');
      const drop = (3 - (value.length % 3)) % 3;
      const groups = (value.length + drop) / 3;
      if (groups < 2) throw new RangeError('too short to come from urlCharBytes');
      const at = (i: number): number => (i < value.length ? value[i]! : 0);
      const triples: Triple[] = [];
      for (let i = 0; i < groups * 3; i += 3) triples.push(pack(at(i), at(i + 1), at(i + 2)));
      const p: Parts = [triples[0]!, triples.slice(1, -1), triples[triples.length - 1]!, drop];
      const back = assemble(p, minLength, maxLength);
      if (back.length !== value.length || back.some((b, i) => b !== value[i])) {
        throw new RangeError('not a value of urlCharBytes with these bounds');
      }
      return p;
    },
  );
}
