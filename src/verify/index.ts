// Public entry points of the verifier: thin, delegating to the compiled builders with this
// runtime's crypto (node:crypto on Node, WebCrypto through jose in the browser build).
import { cryptoProvider } from './crypto-node.js';
import { buildJwsVerifier } from './jws-verifier.js';
import type { JwsVerifier, JwsVerifierOptions, Verifier, VerifierOptions } from './types.js';
import { buildVerifier } from './verifier.js';

/**
 * Creates a JWT verifier. Options are checked and compiled once, here: a misconfigured service fails
 * at start-up. The returned `verify` / `verifySync` report the first fault in this order:
 * 1. the token as `parseToken` reads it, through the same function (src/parse.ts `readCompact`), so
 *    every token `parseToken` rejects is rejected with the same code, offset and segment: size, the
 *    compact structure, canonical base64url of header, payload and signature (leftmost first), the
 *    header as UTF-8 strict JSON, then the payload likewise;
 * 2. the header policy: `alg` in `algorithms` (never `none`), then no `crit`, no `b64`, then string
 *    `kid`, `typ`, `cty`;
 * 3. the key (by `kid` in a key set);
 * 4. the signature;
 * 5. the claims (types of registered claims, `iss`, `sub`, `aud`, `typ`, `requiredClaims`, then
 *    `exp`, `nbf`, `iat`, `maxTokenAge` against `now`).
 * `verifySync` without a synchronous path (a remote key set, or WebCrypto) throws `KEY_ASYNC` before
 * reading the token.
 *
 * @example
 * const verifier = createVerifier({ algorithms: ['HS256'], key: process.env.TOKEN_SECRET, issuer: 'AC123' });
 * const { payload } = verifier.verifySync(token); // or: await verifier.verify(token)
 *
 * @example
 * const remote = createVerifier({ algorithms: ['RS256'], jwksUrl: 'https://issuer.example/.well-known/jwks.json', audience: 'api' });
 * const { payload, kid } = await remote.verify(token);
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for options that cannot work: no or empty `algorithms`,
 * `none`, an unknown option, an algorithm without a fitting key (HS* with an RSA key, RS* with a
 * secret), a secret shorter than the hash, an RSA key under 2048 bits, a JWK whose `use` is not `sig`,
 * whose `key_ops` lack `verify`, whose `alg` is unsupported, or that has private members, a secret
 * (string, bytes, secret KeyObject or `oct` JWK) that holds public key material (PEM armour, an SSH
 * public key, a JWK, DER), a `jwksUrl` over http to a host that is not loopback, a bad `cache`,
 * `now` or `onResult`. `verify` rejects and `verifySync` throws with:
 * `TOKEN_TOO_LARGE`, `TOKEN_MALFORMED`, `BASE64URL_*`, `TOKEN_UTF8`, `TOKEN_JSON`,
 * `TOKEN_DUPLICATE_MEMBER`, `TOKEN_FORBIDDEN_MEMBER`, `ALG_NOT_ALLOWED`, `CRIT_UNSUPPORTED`,
 * `KEY_NOT_FOUND`, `KEY_SOURCE_UNAVAILABLE` (a remote key set that cannot be fetched or read),
 * `KEY_ASYNC` (verifySync with a remote key set or without Node crypto),
 * `SIGNATURE_INVALID`, `CLAIM_INVALID`, `TOKEN_EXPIRED`, `TOKEN_NOT_YET_VALID`.
 */
export function createVerifier(options: VerifierOptions): Verifier {
  return buildVerifier(options, cryptoProvider);
}

/**
 * Creates a JWS verifier: the signature over the header and the payload bytes, with the same key
 * and algorithm options as `createVerifier` and no claim checks. The payload need not be JSON; the
 * header must be a strict JSON object. Only the compact serialization is accepted. Faults are
 * reported in `createVerifier`'s order, without the payload's UTF-8 / JSON step and the claims.
 *
 * @example
 * const jws = createJwsVerifier({ algorithms: ['ES256'], key: publicJwk });
 * const { payload } = jws.verifySync(compact); // Uint8Array
 *
 * @throws {CaptokenError} `CONFIG_INVALID` at construction (as for `createVerifier`); on verification
 * `TOKEN_TOO_LARGE`, `TOKEN_MALFORMED` (also for a JSON serialization), `BASE64URL_*`, `TOKEN_UTF8`,
 * `TOKEN_JSON`, `TOKEN_DUPLICATE_MEMBER`, `TOKEN_FORBIDDEN_MEMBER` (header), `ALG_NOT_ALLOWED`,
 * `CRIT_UNSUPPORTED`, `CLAIM_INVALID` (non-string `kid`/`typ`/`cty`), `KEY_NOT_FOUND`,
 * `KEY_SOURCE_UNAVAILABLE`, `KEY_ASYNC`,
 * `SIGNATURE_INVALID`.
 */
export function createJwsVerifier(options: JwsVerifierOptions): JwsVerifier {
  return buildJwsVerifier(options, cryptoProvider);
}

export { JWS_ALGORITHMS, type JwsAlgorithm } from './algorithms.js';
export { tokenFormat, type TokenFormat } from '../format.js';
export type { RemoteKeySetOptions } from './keys.js';
export type {
  CryptoKeyLike,
  JwsVerifier,
  JwsVerifierOptions,
  KeyObjectLike,
  KeySourceOptions,
  VerifiedJws,
  VerifiedToken,
  Verifier,
  VerifierOptions,
  VerifyKey,
  VerifyResultEvent,
} from './types.js';
