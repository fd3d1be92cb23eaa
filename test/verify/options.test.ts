// The verifier's own option rules, on top of the one options reader (src/options.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LENGTH } from '../../src/limits.js';
import {
  DEFAULT_CACHE_MAX_BYTES,
  KEY_SOURCE_OPTIONS,
  readAlgorithms,
  readCache,
  readMaxLength,
  readOptions,
  readSeconds,
  readString,
  VERIFIER_OPTIONS,
} from '../../src/verify/options.js';
import { caught } from '../support/errors.js';

const message = (fn: () => unknown): string => {
  const error = caught(fn);
  expect(error.code).toBe('CONFIG_INVALID');
  return error.message;
};

describe('verifier options', () => {
  it('knows the JWS options and the JWT options (a superset)', () => {
    expect(readOptions({ algorithms: [] }, KEY_SOURCE_OPTIONS, 'JWS verifier')).toStrictEqual(Object.assign(Object.create(null) as object, { algorithms: [] }));
    expect(message(() => readOptions({ issuer: 'x' }, KEY_SOURCE_OPTIONS, 'JWS verifier'))).toMatch(/^unknown JWS verifier option 'issuer' \(known: algorithms, /);
    for (const name of KEY_SOURCE_OPTIONS) expect(VERIFIER_OPTIONS).toContain(name);
  });

  it('algorithms: a non-empty array of supported algorithms, never none, duplicates folded', () => {
    expect(readAlgorithms(['HS256', 'RS256', 'HS256'])).toStrictEqual(['HS256', 'RS256']);
    expect(message(() => readAlgorithms(undefined))).toBe("'algorithms' is required: an array of allowed JWS algorithms");
    expect(message(() => readAlgorithms([]))).toMatch(/is empty/);
    expect(message(() => readAlgorithms(['NONE']))).toMatch(/'none' is never accepted/);
    expect(message(() => readAlgorithms(['HS257']))).toBe('unsupported algorithm "HS257" in \'algorithms\'');
    expect(message(() => readAlgorithms(['toString']))).toMatch(/unsupported algorithm/);
  });

  it('maxLength is the parser rule (limits.ts default)', () => {
    expect(readMaxLength(undefined)).toBe(DEFAULT_MAX_LENGTH);
    expect(readMaxLength(5)).toBe(5);
    for (const bad of [0, 1.5, '5', Number.NaN]) caught(() => readMaxLength(bad));
  });

  it('seconds and strings in the reader style', () => {
    expect(readSeconds(undefined, 'clockTolerance', 0)).toBe(0);
    expect(readSeconds(2.5, 'clockTolerance', 0)).toBe(2.5);
    expect(message(() => readSeconds(-1, 'clockTolerance', 0))).toBe("'clockTolerance' must be a non-negative number of seconds");
    expect(readString(undefined, 'typ')).toBeUndefined();
    expect(message(() => readString('', 'typ'))).toBe("'typ' must be a non-empty string");
  });

  it('cache: { max, ttlSeconds, maxBytes? } with the 8 MiB default byte budget', () => {
    expect(readCache(undefined)).toBeUndefined();
    expect(readCache({ max: 10, ttlSeconds: 1.5 })).toStrictEqual({ max: 10, ttlMs: 1500, maxBytes: DEFAULT_CACHE_MAX_BYTES });
    expect(DEFAULT_CACHE_MAX_BYTES).toBe(8 * 1024 * 1024);
    expect(readCache({ max: 1, ttlSeconds: 1, maxBytes: 4096 })!.maxBytes).toBe(4096);
    expect(message(() => readCache({ ttlSeconds: 1 }))).toBe("'cache.max' is required: a positive whole number of entries");
    expect(message(() => readCache({ max: 1 }))).toBe("'cache.ttlSeconds' is required: a positive number of seconds");
    expect(message(() => readCache({ max: 0, ttlSeconds: 1 }))).toBe("'cache.max' must be a positive whole number");
    expect(message(() => readCache({ max: 1, ttlSeconds: 1, maxBytes: -1 }))).toBe("'cache.maxBytes' must be a positive whole number of bytes");
    expect(message(() => readCache({ max: 1, ttlSeconds: 1, size: 2 }))).toMatch(/^unknown cache option 'size'/);
    expect(message(() => readCache('big'))).toBe("'cache' must be an object");
  });
});
