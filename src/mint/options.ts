// What the minters check beyond the one options reader (src/options.ts): sids, the secret, the
// lifetime. Every fault is CONFIG_INVALID in the reader's style (`'<name>' must be …`), naming the
// option and never echoing a secret.
import { configError } from '../errors.js';
import { optionError, readClock, readNumber, readString, required } from '../options.js';
import { checkHmacSecret } from '../verify/hmac-secret.js';

/** Shortest accepted HMAC secret: HS256 needs a key at least as long as its 32-byte output. */
export const MIN_SECRET_BYTES = 32;
/** Default lifetime of a minted token, in seconds. */
export const DEFAULT_TTL_SECONDS = 3600;
/** Longest lifetime of an access token, in seconds (24 h). */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 86_400;

/** A Twilio-style sid: two-letter prefix and 32 lowercase hex digits. */
const SID = /^[A-Z]{2}[0-9a-f]{32}$/;

/** A required sid with the given two-letter prefix (`AC`, `SK`, `AP`, `CR`). */
export function checkSid(value: unknown, name: string, prefix: string): string {
  const expectation = `a sid: '${prefix}' followed by 32 lowercase hex digits`;
  const sid = required(value, name, expectation);
  if (typeof sid !== 'string' || !SID.test(sid) || !sid.startsWith(prefix)) throw optionError(name, expectation);
  return sid;
}

/** A required string that can be encoded (no lone surrogates); `nonEmpty` when an empty one means nothing. */
export function checkText(value: unknown, name: string, nonEmpty: boolean): string {
  return required(readString(value, name, { nonEmpty, wellFormed: true }), name, nonEmpty ? 'a non-empty string' : 'a string');
}

/**
 * The HMAC key as bytes: a string is its UTF-8 (as twilio and jsonwebtoken use it). At least
 * {@link MIN_SECRET_BYTES} bytes, and never public key material (verify/hmac-secret.ts).
 */
export function checkSecret(value: unknown, name: string): Uint8Array {
  let bytes: Uint8Array;
  if (typeof value === 'string') bytes = new TextEncoder().encode(value);
  else if (value instanceof Uint8Array) bytes = value.slice();
  else throw optionError(name, 'a string or a Uint8Array');
  if (bytes.length < MIN_SECRET_BYTES) {
    throw configError(`'${name}' must be at least ${MIN_SECRET_BYTES} bytes for HS256 (RFC 7518 §3.2); it is ${bytes.length} bytes`);
  }
  checkHmacSecret(bytes, `'${name}'`);
  return bytes;
}

/** `ttl`: a positive whole number of seconds, at most `max`; the default when absent. */
export function checkTtl(value: unknown, max: number | undefined): number {
  const rule = max === undefined ? { integer: true, above: 0, unit: 'seconds' } : { integer: true, above: 0, max, unit: 'seconds' };
  return readNumber(value, 'ttl', rule) ?? DEFAULT_TTL_SECONDS;
}

/** The current time in whole seconds, from the `now` option under the one clock rule (src/options.ts). */
export function checkNow(value: unknown): () => number {
  const clock = readClock(value);
  return () => Math.floor(clock() / 1000);
}
