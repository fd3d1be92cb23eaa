// The Node fast path of the strict codec. It may only ever *accept*: every rejection, with its code and
// offset, comes from the pure decoder, so both paths give identical results (property-tested).
import { Buffer } from 'node:buffer';
import type { TokenSegment } from '../errors.js';
import { decodedLength, decodePure, hasCanonicalTail } from './pure.js';

// Builtins captured at load, so later monkey-patching cannot change what the checks mean. They are
// taken unbound on purpose and only ever called with an explicit receiver, through uncurry().
/* eslint-disable @typescript-eslint/unbound-method */
const call = Function.prototype.call;
/* @__NO_SIDE_EFFECTS__ */
function uncurry<A extends unknown[], R>(f: (this: never, ...args: A) => R): (self: unknown, ...args: A) => R {
  return call.bind(f);
}
const bufferFrom = Buffer.from;
const allocUnsafeSlow = Buffer.allocUnsafeSlow;
const slice = uncurry(Uint8Array.prototype.slice);
const indexOf = uncurry(String.prototype.indexOf);
const regexpExec = uncurry(RegExp.prototype.exec);
/* eslint-enable @typescript-eslint/unbound-method */
// Buffer#base64urlWrite(string, offset, length) is the native decoder behind Buffer.from(s, 'base64url'),
// without its wrapper (encoding lookup, size estimate, pool): the same lenient decode, and it writes into
// any Uint8Array. It is not in Node's docs, so fall back to the documented Buffer#write if it is absent.
const base64urlWrite = (Buffer.prototype as { base64urlWrite?: (s: string, o: number, l: number) => number }).base64urlWrite;
const writeBase64url: (target: Uint8Array, input: string, offset: number, length: number) => number =
  typeof base64urlWrite === 'function'
    ? uncurry(base64urlWrite)
    : (target, input, offset, length) =>
        bufferFrom(target.buffer, target.byteOffset, target.byteLength).write(input, offset, length, 'base64url');

/**
 * Matches a character above U+00FF. Irregexp compiles a one-byte-string version of the pattern that
 * cannot match, so on the usual one-byte string this costs O(1), where a scan such as
 * Buffer.byteLength(s, 'utf8') costs O(n).
 */
const WIDE = /[^\0-\xff]/;

/**
 * Outputs of up to this many bytes are decoded into `scratch` and copied out with slice(): V8 keeps a
 * typed array this small on its own heap, which is far cheaper than a fresh ArrayBuffer (and a native
 * write into one would first move it off the heap). Larger outputs are decoded in place.
 */
const ON_HEAP = 64;
const scratch = /* @__PURE__ */ new Uint8Array(new ArrayBuffer(ON_HEAP));

/**
 * Buffer's base64url decoder is lenient: it skips invalid characters, stops at '=', accepts '+' and
 * '/', and truncates characters above U+00FF to their low byte ('QU\u0141D' decodes like 'QUAD'). So
 * its output is trusted only when
 * - it wrote exactly the length of a canonical decode: a skipped character, or a stop at '=', writes
 *   fewer bytes (n % 4 === 1 never gets here, and otherwise n - 1 characters decode to fewer bytes);
 * - there is no '+' or '/';
 * - there is no character above U+00FF (those in U+0080..U+00FF are skipped, so the length catches them);
 * - the unused bits of the last character are zero.
 * Then every character is in the alphabet and the bytes are the strict decode. Anything else goes to
 * the pure decoder, which finds and reports the fault.
 *
 * writeCanonical decodes `input` into target[0, length) with Buffer's decoder and says whether the
 * result is the strict decode. `length` must be decodedLength(input.length), and n % 4 !== 1.
 */
export function writeCanonical(target: Uint8Array, input: string, length: number): boolean {
  return (
    writeBase64url(target, input, 0, length) === length &&
    indexOf(input, '+') === -1 &&
    indexOf(input, '/') === -1 &&
    regexpExec(WIDE, input) === null &&
    hasCanonicalTail(input)
  );
}

/**
 * A Uint8Array over a fresh ArrayBuffer of exactly `length` bytes, not zero-filled: Buffer's
 * unpooled, uninitialised allocation (zeroing a 1 MiB result costs as much as decoding it). Only
 * for a target the decoder fills completely before anyone sees it.
 */
function uninitialised(length: number): Uint8Array {
  return new Uint8Array(allocUnsafeSlow(length).buffer, 0, length);
}

/**
 * Strict decode on Node. Returns a plain Uint8Array that owns exactly its bytes, like decodePure,
 * never a view into Buffer's shared pool (whose .buffer would expose other data).
 */
export function decodeNode(input: string, base = 0, segment?: TokenSegment): Uint8Array {
  const n = input.length;
  if ((n & 3) !== 1) {
    const length = decodedLength(n);
    const small = length <= ON_HEAP;
    const target = small ? scratch : uninitialised(length);
    // writeCanonical holds only when the decoder wrote every byte of [0, length): an uninitialised
    // byte is never returned (on failure the target is dropped and the pure decoder reports the fault).
    if (writeCanonical(target, input, length)) return small ? slice(scratch, 0, length) : target;
  }
  return decodePure(input, base, segment);
}

export function encodeNode(bytes: Uint8Array): string {
  return bufferFrom(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}
