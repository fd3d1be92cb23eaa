// The strict base64url codec in plain TypeScript: no Buffer, runs in browsers and edge runtimes.
// RFC 4648 §5 alphabet, no padding (RFC 7515 §2), canonical trailing bits (RFC 4648 §3.5).
import { CaptokenError, type TokenSegment } from '../errors.js';
import { BASE64URL_ALPHABET as ALPHABET } from './alphabet.js';
const INVALID = 255;

/** Character code (0..127) -> 6-bit value, or INVALID. */
/* @__NO_SIDE_EFFECTS__ */
function decodeTable(): Uint8Array {
  const table = new Uint8Array(128).fill(INVALID);
  for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
}

/** 6-bit value -> character code. */
/* @__NO_SIDE_EFFECTS__ */
function encodeTable(): Uint8Array {
  const table = new Uint8Array(64);
  for (let i = 0; i < 64; i++) table[i] = ALPHABET.charCodeAt(i);
  return table;
}

// Built by side-effect-free factories, so a bundle that only decodes drops the encode table.
const DECODE = decodeTable();
const ENCODE = encodeTable();

/**
 * True when the unused low bits of the last character are zero (RFC 4648 §3.5). Assumes the last
 * character is in the alphabet and `n % 4` is 2 or 3; any other remainder has no unused bits.
 */
export function hasCanonicalTail(input: string): boolean {
  const n = input.length;
  const rest = n & 3;
  if (rest < 2) return true;
  const value = DECODE[input.charCodeAt(n - 1) & 0x7f]!;
  return (value & (rest === 2 ? 0x0f : 0x03)) === 0;
}

/** Number of bytes an n-character unpadded string decodes to (n % 4 must not be 1). */
export function decodedLength(n: number): number {
  const rest = n & 3;
  return (n >> 2) * 3 + (rest === 0 ? 0 : rest - 1);
}

function escapeChar(input: string, index: number): string {
  const cp = input.codePointAt(index) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return cp > 0x20 && cp < 0x7f ? `'${String.fromCharCode(cp)}' (${hex})` : hex;
}

function where(offset: number, segment: TokenSegment | undefined): string {
  return segment === undefined ? `at ${offset}` : `at ${offset} in the ${segment} segment`;
}

/**
 * Finds the first fault of `input` in the documented order: the leftmost character fault
 * (invalid character or '='), then the length, then the unused trailing bits. Returns undefined when
 * `input` is canonical. `base` is added to every offset (the segment's start within a token).
 */
export function base64urlFault(input: string, base = 0, segment?: TokenSegment): CaptokenError | undefined {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c < 128 && DECODE[c] !== INVALID) continue;
    const offset = base + i;
    if (c === 0x3d) {
      return new CaptokenError(
        'BASE64URL_PADDING',
        `padding '=' ${where(offset, segment)}; base64url in tokens is unpadded (RFC 7515 §2)`,
        { offset, segment },
      );
    }
    if (c === 0x2b || c === 0x2f) {
      const ch = String.fromCharCode(c);
      return new CaptokenError(
        'BASE64URL_INVALID_CHAR',
        `standard base64 character '${ch}' ${where(offset, segment)}; base64url uses '-' and '_'`,
        { offset, segment },
      );
    }
    return new CaptokenError(
      'BASE64URL_INVALID_CHAR',
      `invalid base64url character ${escapeChar(input, i)} ${where(offset, segment)}`,
      { offset, segment },
    );
  }
  const rest = n & 3;
  if (rest === 1) {
    return new CaptokenError(
      'BASE64URL_LENGTH',
      `invalid base64url length ${n}${segment === undefined ? '' : ` of the ${segment} segment`}: ` +
        'a length of one more than a multiple of 4 cannot be decoded',
      { segment },
    );
  }
  if (rest !== 0) {
    const last = n - 1;
    const value = DECODE[input.charCodeAt(last)] ?? 0;
    const unused = rest === 2 ? value & 0x0f : value & 0x03;
    if (unused !== 0) {
      const offset = base + last;
      return new CaptokenError(
        'BASE64URL_NONCANONICAL',
        `non-canonical base64url: unused bits of the last character ${escapeChar(input, last)} ` +
          `${where(offset, segment)} are not zero`,
        { offset, segment },
      );
    }
  }
  return undefined;
}

/** Strict decode in plain TypeScript. Throws CaptokenError for anything but canonical base64url. */
export function decodePure(input: string, base = 0, segment?: TokenSegment): Uint8Array {
  const fault = base64urlFault(input, base, segment);
  if (fault !== undefined) throw fault;
  const n = input.length;
  const rest = n & 3;
  const out = new Uint8Array(decodedLength(n));
  const full = n - rest;
  let o = 0;
  let i = 0;
  // Every character is known valid here, so the table lookups cannot miss.
  for (; i < full; i += 4) {
    const a = DECODE[input.charCodeAt(i)]!;
    const b = DECODE[input.charCodeAt(i + 1)]!;
    const c = DECODE[input.charCodeAt(i + 2)]!;
    const d = DECODE[input.charCodeAt(i + 3)]!;
    out[o++] = (a << 2) | (b >> 4);
    out[o++] = ((b & 0x0f) << 4) | (c >> 2);
    out[o++] = ((c & 0x03) << 6) | d;
  }
  if (rest >= 2) {
    const a = DECODE[input.charCodeAt(i)]!;
    const b = DECODE[input.charCodeAt(i + 1)]!;
    out[o++] = (a << 2) | (b >> 4);
    if (rest === 3) {
      const c = DECODE[input.charCodeAt(i + 2)]!;
      out[o++] = ((b & 0x0f) << 4) | (c >> 2);
    }
  }
  return out;
}

/** Unpadded base64url encoding in plain TypeScript. */
export function encodePure(bytes: Uint8Array): string {
  const n = bytes.length;
  const full = n - (n % 3);
  let out = '';
  let chunk: number[] = [];
  let i = 0;
  for (; i < full; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk.push(ENCODE[v >> 18]!, ENCODE[(v >> 12) & 63]!, ENCODE[(v >> 6) & 63]!, ENCODE[v & 63]!);
    if (chunk.length >= 8192) {
      out += String.fromCharCode(...chunk);
      chunk = [];
    }
  }
  const rest = n - full;
  if (rest === 1) {
    const v = bytes[i]!;
    chunk.push(ENCODE[v >> 2]!, ENCODE[(v & 3) << 4]!);
  } else if (rest === 2) {
    const v = (bytes[i]! << 8) | bytes[i + 1]!;
    chunk.push(ENCODE[v >> 10]!, ENCODE[(v >> 4) & 63]!, ENCODE[(v & 15) << 2]!);
  }
  return out + String.fromCharCode(...chunk);
}
