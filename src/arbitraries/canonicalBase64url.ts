import fc from 'fast-check';
import { decodeBase64url, encodeBase64url } from '../base64url/index.js';
import { urlCharBytes, type ByteLengthConstraints } from './urlCharBytes.js';

/**
 * Canonical unpadded base64url strings, rich in '-' and '_': `encodeBase64url` of `urlCharBytes`.
 * The bounds are on the decoded byte length. Shrinks through the bytes (the unmapper decodes).
 *
 * Unlike `fc.base64String()`, every value has zero trailing bits and no padding.
 *
 * @example
 * fc.assert(fc.property(canonicalBase64url(), (s) => {
 *   expect(encodeBase64url(decodeBase64url(s))).toBe(s);
 * }));
 *
 * @throws {RangeError} when the bounds are invalid, as `urlCharBytes`.
 */
export function canonicalBase64url(constraints: ByteLengthConstraints = {}): fc.Arbitrary<string> {
  return urlCharBytes(constraints).map(encodeBase64url, (value) => {
    if (typeof value !== 'string') throw new TypeError('not a string');
    return decodeBase64url(value);
  });
}
