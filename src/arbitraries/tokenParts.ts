import fc from 'fast-check';
import type { JsonObject } from '../json.js';
import { claimString, jsonClaims } from './jsonClaims.js';
import { urlCharBytes } from './urlCharBytes.js';

export interface TokenParts {
  header: JsonObject;
  payload: JsonObject;
  signature: Uint8Array;
}

const alg = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('HS256', 'HS384', 'HS512', 'RS256', 'PS256', 'ES256', 'ES384', 'EdDSA', 'Ed25519') },
  { weight: 1, arbitrary: claimString },
);
const typ = fc.constantFrom('JWT', 'at+jwt', 'application/cap+jwt', 'cap~token?');

/**
 * Signatures: non-empty `urlCharBytes`, at sizes of real algorithms (32, 48, 64, 256 bytes: segment
 * lengths 43, 64, 86, 342, i.e. 3, 0, 2, 2 mod 4) and at free sizes covering 0, 2 and 3 mod 4.
 * Cross-shrinking lets a failure found at a fixed size shrink into the free sizes (down to a few bytes).
 */
const signature = fc.oneof(
  { withCrossShrink: true },
  { weight: 3, arbitrary: urlCharBytes({ minLength: 1, maxLength: 72 }) },
  { weight: 1, arbitrary: urlCharBytes({ minLength: 32, maxLength: 32 }) },
  { weight: 1, arbitrary: urlCharBytes({ minLength: 48, maxLength: 48 }) },
  { weight: 1, arbitrary: urlCharBytes({ minLength: 64, maxLength: 64 }) },
  { weight: 1, arbitrary: urlCharBytes({ minLength: 256, maxLength: 256 }) },
);

/**
 * The three parts of a compact JWS before encoding: a header with `alg` (a string) and often `typ`
 * and `kid` (and sometimes extra members), a claim set, and signature bytes (random, not a real
 * signature) whose encoded length is 0, 2 or 3 mod 4.
 *
 * @example
 * fc.assert(fc.property(tokenParts(), ({ header }) => typeof header.alg === 'string'));
 *
 * @throws never
 */
export function tokenParts(): fc.Arbitrary<TokenParts> {
  const header = fc
    .tuple(
      fc.record({ alg, typ, kid: claimString }, { requiredKeys: ['alg'] }),
      fc.option(jsonClaims(), { freq: 4, nil: undefined }),
    )
    // The spread also gives Object.prototype: fc.record may build null-prototype objects.
    .map(([known, extra]): JsonObject => ({ ...extra, ...known }));
  return fc.record({ header, payload: jsonClaims(), signature });
}
