import fc from 'fast-check';

/** Length bounds, in bytes, for the byte arbitraries (and the bytes behind a canonical string). */
export interface ByteLengthConstraints {
  minLength?: number;
  maxLength?: number;
}

type Triple = [number, number, number];

// Three bytes are four base64url characters:
//   c0 = b0 >> 2                      '-'/'_' iff b0 >= 0xF8
//   c1 = (b0 & 3) << 4 | b1 >> 4      '-'/'_' iff b0 & 3 === 3 and b1 >= 0xE0
//   c2 = (b1 & 15) << 2 | b2 >> 6     '-'/'_' iff b1 & 15 === 15 and b2 >= 0x80
//   c3 = b2 & 63                      '-'/'_' iff b2 & 63 >= 62
/** First bytes that make c0 (and, with a suitable b1, c1) a '-' or '_'. */
const LEAD_BYTES = [0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff];
/** Middle bytes that make c1 and c2 '-'/'_' when they follow 0xFB/0xFF (high nibble >= E, low nibble F). */
const MIDDLE_BYTES = [0xef, 0xff];
/** Last bytes that make c3 a '-' or '_' (and c2 too, after a middle byte ending in F, when >= 0x80). */
const END_BYTES = [0x3e, 0x3f, 0x7e, 0x7f, 0xbe, 0xbf, 0xfe, 0xff];

const anyByte = fc.integer({ min: 0, max: 255 });

/** Four '-'/'_' in a row: [FB|FF, EF|FF, BE|BF|FE|FF] (e.g. FB EF BE -> "----", FF FF FF -> "____"). */
const allUrlTriple: fc.Arbitrary<Triple> = fc.tuple(
  fc.constantFrom(0xfb, 0xff),
  fc.constantFrom(...MIDDLE_BYTES),
  fc.constantFrom(0xbe, 0xbf, 0xfe, 0xff),
);
/** '-'/'_' as the first character of the group. */
const leadUrlTriple: fc.Arbitrary<Triple> = fc.tuple(fc.constantFrom(...LEAD_BYTES), anyByte, anyByte);
/** '-'/'_' as the last character of the group. */
const endUrlTriple: fc.Arbitrary<Triple> = fc.tuple(anyByte, anyByte, fc.constantFrom(...END_BYTES));
const randomTriple: fc.Arbitrary<Triple> = fc.tuple(anyByte, anyByte, anyByte);

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
  const flat = [...first, ...body.flat(), ...last];
  // `drop` removes 0..2 bytes, so every length class (0, 1, 2 mod 3) occurs, then the bounds clamp.
  const length = Math.min(maxLength, Math.max(minLength, flat.length - drop));
  return Uint8Array.from(flat.slice(0, length));
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
 * @throws {RangeError} when the bounds are not integers with 0 <= minLength <= maxLength (at
 * construction; generation itself never throws).
 */
export function urlCharBytes(constraints: ByteLengthConstraints = {}): fc.Arbitrary<Uint8Array> {
  const minLength = constraints.minLength ?? 0;
  const maxLength = constraints.maxLength ?? 0x7fffffff;
  if (!Number.isSafeInteger(minLength) || !Number.isSafeInteger(maxLength) || minLength < 0 || maxLength < minLength) {
    throw new RangeError('urlCharBytes: need 0 <= minLength <= maxLength');
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
      const padded = [...value, ...new Array<number>(drop).fill(0)];
      const triples: Triple[] = [];
      for (let i = 0; i < padded.length; i += 3) triples.push([padded[i]!, padded[i + 1]!, padded[i + 2]!]);
      if (triples.length < 2) throw new RangeError('too short to come from urlCharBytes');
      const p: Parts = [triples[0]!, triples.slice(1, -1), triples[triples.length - 1]!, drop];
      const back = assemble(p, minLength, maxLength);
      if (back.length !== value.length || back.some((b, i) => b !== value[i])) {
        throw new RangeError('not a value of urlCharBytes with these bounds');
      }
      return p;
    },
  );
}
