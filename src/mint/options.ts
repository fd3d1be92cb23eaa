// Option checks shared by both minters. Every fault is CONFIG_INVALID with a message that names the
// option and never echoes a secret.
import { configError } from '../errors.js';

/** Shortest accepted HMAC secret: HS256 needs a key at least as long as its 32-byte output. */
export const MIN_SECRET_BYTES = 32;
/** Default lifetime of a minted token, in seconds. */
export const DEFAULT_TTL_SECONDS = 3600;
/** Longest lifetime of an access token, in seconds (24 h). */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 86_400;

/** A Twilio-style sid: two-letter prefix and 32 lowercase hex digits. */
const SID = /^[A-Z]{2}[0-9a-f]{32}$/;
const LONE_SURROGATE = /\p{Cs}/u;


/** The options object itself: a plain object with no member outside `allowed`. */
export function checkOptionsObject(options: unknown, what: string, allowed: ReadonlySet<string>): Record<string, unknown> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw configError(`${what} options must be an object`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.has(key)) throw configError(`${what} has no option named '${key}'`);
  }
  return options as Record<string, unknown>;
}

export function checkSid(value: unknown, name: string, prefix: string): string {
  if (typeof value !== 'string' || !SID.test(value) || !value.startsWith(prefix)) {
    throw configError(`${name} must be a sid: '${prefix}' followed by 32 lowercase hex digits`);
  }
  return value;
}

/** A string that can be encoded (no lone surrogates); `nonEmpty` when an empty one means nothing. */
export function checkText(value: unknown, name: string, nonEmpty: boolean): string {
  if (typeof value !== 'string') throw configError(`${name} must be a string`);
  if (nonEmpty && value.length === 0) throw configError(`${name} must not be empty`);
  if (LONE_SURROGATE.test(value)) throw configError(`${name} must be well-formed Unicode (it has a lone surrogate)`);
  return value;
}

/** The HMAC key as bytes: a string is its UTF-8 (as twilio and jsonwebtoken use it). */
export function checkSecret(value: unknown, name: string): Uint8Array {
  let bytes: Uint8Array;
  if (typeof value === 'string') bytes = new TextEncoder().encode(value);
  else if (value instanceof Uint8Array) bytes = value.slice();
  else throw configError(`${name} must be a string or a Uint8Array`);
  if (bytes.length < MIN_SECRET_BYTES) {
    throw configError(`${name} is ${bytes.length} bytes; HS256 needs at least ${MIN_SECRET_BYTES}`);
  }
  return bytes;
}

export function checkTtl(value: unknown, max: number | undefined): number {
  if (value === undefined) return DEFAULT_TTL_SECONDS;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw configError('ttl must be a positive whole number of seconds');
  }
  if (max !== undefined && value > max) throw configError(`ttl is ${value} s, over the limit of ${max} s`);
  return value;
}

/** The current time in whole seconds, from `now` (milliseconds, default Date.now). */
export function checkNow(value: unknown): () => number {
  if (value === undefined) return () => Math.floor(Date.now() / 1000);
  if (typeof value !== 'function') throw configError('now must be a function returning milliseconds since the epoch');
  const clock = value as () => unknown;
  return () => {
    const ms = clock();
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw configError('now() must return a finite, non-negative number of milliseconds');
    }
    return Math.floor(ms / 1000);
  };
}
