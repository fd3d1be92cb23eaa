// The Node fast path of the strict codec. It may only ever *accept*: every rejection, with its code and
// offset, comes from the pure decoder, so both paths give identical results (property-tested).
import { Buffer } from 'node:buffer';
import type { TokenSegment } from '../errors.js';
import { decodedLength, decodePure, hasCanonicalTail } from './pure.js';

// Builtins captured at load, so later monkey-patching cannot change what the checks mean.
const bufferFrom = Buffer.from;
const byteLength = Buffer.byteLength;

/**
 * Buffer.from(s, 'base64url') is lenient: it skips invalid characters, stops at '=', accepts '+' and
 * '/', and truncates characters above U+00FF to their low byte. So it is trusted only when
 * - the output has exactly the length of a canonical decode (nothing was skipped or cut at '='),
 * - there is no '+' or '/',
 * - the string is ASCII (its UTF-8 length equals its length: no truncated wide characters),
 * - the unused bits of the last character are zero.
 * Anything else goes to the pure decoder, which finds and reports the fault.
 * Returns a plain Uint8Array that owns its ArrayBuffer, as decodePure does.
 */
export function decodeNode(input: string, base = 0, segment?: TokenSegment): Uint8Array {
  const n = input.length;
  const rest = n & 3;
  if (rest !== 1) {
    const bytes = bufferFrom(input, 'base64url');
    if (
      bytes.length === decodedLength(n) &&
      input.indexOf('+') === -1 &&
      input.indexOf('/') === -1 &&
      byteLength(input, 'utf8') === n &&
      hasCanonicalTail(input)
    ) {
      // Copy out of Buffer: a small Buffer.from() result is a view into Node's shared 8 KiB pool, so
      // its .buffer would expose other bytes (other segments, other tokens), and Buffer's slice()
      // shares memory where Uint8Array's copies. The web path returns a plain, exact Uint8Array.
      return new Uint8Array(bytes);
    }
  }
  return decodePure(input, base, segment);
}

export function encodeNode(bytes: Uint8Array): string {
  return bufferFrom(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}
