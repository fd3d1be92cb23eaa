// Option checking, once, at construction: a misconfigured service fails at start-up, not on a token.
import { configError } from '../errors.js';
import { checkMaxLength } from '../parse.js';
import { isJwsAlgorithm, type JwsAlgorithm } from './algorithms.js';


export const KEY_SOURCE_OPTIONS = ['algorithms', 'key', 'jwks', 'jwksUrl', 'jwksOptions', 'maxLength'] as const;
export const VERIFIER_OPTIONS = [
  ...KEY_SOURCE_OPTIONS,
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
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw configError(`${what} options must be an object`);
  const allowed = new Set(known);
  const out = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(options)) {
    if (!allowed.has(name)) throw configError(`unknown ${what} option '${name}' (known: ${known.join(', ')})`);
    out[name] = (options as Record<string, unknown>)[name];
  }
  return out;
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

export function readMaxLength(value: unknown): number {
  return checkMaxLength(value);
}

/** A non-negative finite number of seconds, or the default. */
export function readSeconds(value: unknown, name: string, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw configError(`'${name}' must be a non-negative number of seconds`);
  return value;
}

/** A non-empty string or a non-empty array of non-empty strings, as a set; undefined when absent. */
export function readStrings(value: unknown, name: string): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === 'string' && s.length > 0)) {
    throw configError(`'${name}' must be a non-empty string or a non-empty array of non-empty strings`);
  }
  return new Set(list as string[]);
}

export function readString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) throw configError(`'${name}' must be a non-empty string`);
  return value;
}

/** A function, or undefined when absent. Only its type is checked: the caller states the signature it expects. */
export function readFunction(value: unknown, name: string): ((...args: never[]) => unknown) | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw configError(`'${name}' must be a function`);
  return value as (...args: never[]) => unknown;
}

export function readCache(value: unknown): { max: number; ttlMs: number } | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) throw configError("'cache' must be { max, ttlSeconds }");
  const { max, ttlSeconds, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw configError(`unknown cache option '${extra[0]}'`);
  if (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 1) throw configError("'cache.max' must be a positive integer");
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw configError("'cache.ttlSeconds' must be a positive number");
  }
  return { max, ttlMs: ttlSeconds * 1000 };
}
