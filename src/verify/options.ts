// The verifier's options, read once at construction through the one options reader (src/options.ts):
// a misconfigured service fails at start-up, not on a token. Only what is verifier-specific lives here.
import { configError } from '../errors.js';
import { readNested, readNumber, readOptions as readOptionsObject, readString as readOptionString, required } from '../options.js';
import { checkMaxLength } from '../parse.js';
import { isJwsAlgorithm, type JwsAlgorithm } from './algorithms.js';

export { readFunction, readStrings } from '../options.js';

export const KEY_SOURCE_OPTIONS = ['algorithms', 'key', 'jwks', 'jwksUrl', 'jwksOptions', 'maxLength'] as const;
// Written out, not spread from KEY_SOURCE_OPTIONS: a spread is a call a bundler cannot drop, and would
// keep this table in bundles that only parse. The first six names are KEY_SOURCE_OPTIONS (tested).
export const VERIFIER_OPTIONS = [
  'algorithms',
  'key',
  'jwks',
  'jwksUrl',
  'jwksOptions',
  'maxLength',
  'issuer',
  'audience',
  'subject',
  'typ',
  'requiredClaims',
  'clockTolerance',
  'maxTokenAge',
  'now',
  'cache',
  'onResult',
] as const;

/** Own enumerable options as a plain record; CONFIG_INVALID for a non-object or an unknown name. */
export function readOptions(options: unknown, known: readonly string[], what: string): Record<string, unknown> {
  return readOptionsObject(options, known, what);
}

export function readAlgorithms(value: unknown): JwsAlgorithm[] {
  if (!Array.isArray(value)) throw configError("'algorithms' is required: an array of allowed JWS algorithms");
  if (value.length === 0) throw configError("'algorithms' is empty: no token could ever verify");
  const out: JwsAlgorithm[] = [];
  for (const alg of value) {
    if (alg === 'none' || (typeof alg === 'string' && alg.toLowerCase() === 'none')) {
      throw configError("'none' is never accepted: unsigned tokens prove nothing");
    }
    if (!isJwsAlgorithm(alg)) throw configError(`unsupported algorithm ${JSON.stringify(alg)} in 'algorithms'`);
    if (!out.includes(alg)) out.push(alg);
  }
  return out;
}

/** `maxLength`: the parser's rule (parse.ts), so `parseToken` and the verifier agree. */
export function readMaxLength(value: unknown): number {
  return checkMaxLength(value);
}

/** A non-negative finite number of seconds, or the default. */
export function readSeconds(value: unknown, name: string, fallback: number | undefined): number | undefined {
  return readNumber(value, name, { min: 0, unit: 'seconds' }) ?? fallback;
}

/** A non-empty string, or undefined when absent (`subject`, `typ`). */
export function readString(value: unknown, name: string): string | undefined {
  return readOptionString(value, name, { nonEmpty: true });
}

/** Default byte budget of the verified-token cache (see cache.ts for what an entry is charged). */
export const DEFAULT_CACHE_MAX_BYTES = 8 * 1024 * 1024;

export interface CacheOptions {
  readonly max: number;
  readonly ttlMs: number;
  readonly maxBytes: number;
}

/** `cache: { max, ttlSeconds, maxBytes? }`: entry count, entry lifetime, and memory budget. */
export function readCache(value: unknown): CacheOptions | undefined {
  const o = readNested(value, 'cache', ['max', 'ttlSeconds', 'maxBytes']);
  if (o === undefined) return undefined;
  const max = required(readNumber(o['max'], 'cache.max', { integer: true, above: 0 }), 'cache.max', 'a positive whole number of entries');
  const ttlSeconds = required(readNumber(o['ttlSeconds'], 'cache.ttlSeconds', { above: 0, unit: 'seconds' }), 'cache.ttlSeconds', 'a positive number of seconds');
  const maxBytes = readNumber(o['maxBytes'], 'cache.maxBytes', { integer: true, above: 0, unit: 'bytes' }) ?? DEFAULT_CACHE_MAX_BYTES;
  return { max, ttlMs: ttlSeconds * 1000, maxBytes };
}
