// Public types of the verifier.
import type { JSONWebKeySet, JWK } from 'jose';
import type { CaptokenErrorCode } from '../errors.js';
import type { TokenFormat } from '../format.js';
import type { TokenHeader, TokenPayload } from '../parse.js';
import type { JwsAlgorithm } from './algorithms.js';
import type { RemoteKeySetOptions } from './keys.js';

/**
 * The parts of a Node `KeyObject` (from `node:crypto`) the verifier relies on, described
 * structurally so the public declarations need neither `@types/node` nor `node:crypto`: a real
 * `KeyObject` is assignable. At run time the key must be an actual `KeyObject` (Node only);
 * another object of this shape is rejected with CONFIG_INVALID.
 */
export interface KeyObjectLike {
  readonly type: 'secret' | 'public' | 'private';
  /** Set for public and private keys: `'rsa'`, `'rsa-pss'`, `'ec'`, `'ed25519'`, ... */
  readonly asymmetricKeyType?: string | undefined;
  /** Set for secret keys: the key's length in bytes. */
  readonly symmetricKeySize?: number | undefined;
  export(options?: never): unknown;
}

/**
 * The parts of a WebCrypto `CryptoKey` the verifier reads, described structurally so the public
 * declarations do not need the DOM lib: a real `CryptoKey` (the DOM global, or Node's
 * `webcrypto.CryptoKey`) is assignable. At run time the key must be an actual `CryptoKey`.
 */
export interface CryptoKeyLike {
  readonly type: 'secret' | 'public' | 'private';
  /** The algorithm the key is bound to: `name`, and (HMAC, RSA) `hash`, or (ECDSA) `namedCurve`. */
  readonly algorithm: { readonly name: string };
  readonly usages: readonly string[];
  readonly extractable: boolean;
}

/**
 * A verification key: an HMAC secret (`Uint8Array`, or a string: its UTF-8 bytes, at least as long
 * as the hash: 32 bytes for HS256, 48 for HS384, 64 for HS512; never PEM text), a Node `KeyObject`
 * (Node only), a `CryptoKey`, or a public JWK / `oct` JWK. `KeyObject` and `CryptoKey` are typed
 * structurally ({@link KeyObjectLike}, {@link CryptoKeyLike}) so these declarations compile without
 * `@types/node` and without the DOM lib.
 */
export type VerifyKey = Uint8Array | string | KeyObjectLike | CryptoKeyLike | JWK;

/** Where keys come from, and which algorithms they may verify. Shared by the JWS and JWT verifiers. */
export interface KeySourceOptions {
  /** Required allow-list. Each algorithm must fit a configured key (checked at construction). */
  algorithms: readonly JwsAlgorithm[];
  /** One key. Exactly one of `key`, `jwks`, `jwksUrl`. */
  key?: VerifyKey | undefined;
  /** A local JSON Web Key Set; a token's `kid` selects the key (a token without kid needs a set with one key for its alg). */
  jwks?: JSONWebKeySet | undefined;
  /**
   * A remote JWKS, fetched lazily and cached. `verify` only (`verifySync` throws KEY_ASYNC). https,
   * or http to a loopback host (`jwksOptions.allowHttp` opts in to others); no credentials in the
   * URL. A fetch that fails, times out or returns something other than a JWK Set within
   * `maxResponseBytes` is `KEY_SOURCE_UNAVAILABLE`, and is not retried for a back-off of 1 s doubling
   * to 60 s.
   */
  jwksUrl?: string | URL | undefined;
  /** `timeoutDuration`, `cooldownDuration`, `cacheMaxAge` (ms), `headers`, `maxResponseBytes`, `allowHttp`. */
  jwksOptions?: RemoteKeySetOptions | undefined;
  /** Tokens longer than this (UTF-16 code units) are rejected before any work. Default 16 KiB. */
  maxLength?: number | undefined;
}

/** The per-verification metrics event of `onResult`. Never carries the token, a claim value or a secret. */
export interface VerifyResultEvent {
  ok: boolean;
  /** The error code when `ok` is false. */
  code?: CaptokenErrorCode;
  /** The token's format when its header and payload were read. */
  format?: TokenFormat;
  /** The header's `alg` once it was accepted by the allow-list. */
  alg?: string;
  /**
   * The header's `kid`, only when it names a configured key: a JWK `key` with that kid, or a member
   * of the local or (last fetched) remote key set. Never an attacker-chosen kid that matched nothing.
   */
  kid?: string;
  /** Wall time of the verification, in milliseconds (performance.now()). */
  durationMs: number;
}

export interface VerifierOptions extends KeySourceOptions {
  /** Accepted `iss` value(s). When set, `iss` is required. */
  issuer?: string | readonly string[] | undefined;
  /** Accepted audience(s): the token's `aud` (string or array) must contain one. When set, `aud` is required. */
  audience?: string | readonly string[] | undefined;
  /** Required `sub` value. */
  subject?: string | undefined;
  /** Required header `typ` (compared case-insensitively, `application/` prefix optional, RFC 7515 §4.1.9). */
  typ?: string | undefined;
  /** Claims that must be present. */
  requiredClaims?: readonly string[] | undefined;
  /** Leeway for exp, nbf and iat, in seconds. Default 0. */
  clockTolerance?: number | undefined;
  /** Maximum age since `iat`, in seconds; makes `iat` required. */
  maxTokenAge?: number | undefined;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
  /**
   * Cache of verified tokens keyed by the token string (sound: every token has one accepted
   * spelling). Time-dependent claims are re-checked on every hit against `now`, and an entry lives
   * at most `ttlSeconds`. With a cache, results are deep-frozen and shared between hits.
   * Bounded by entry count (`max`) and by memory: `maxBytes` (default 8 MiB) of estimated entry
   * size (the token string plus its decoded header and payload); an entry larger than that is not cached.
   */
  cache?: { max: number; ttlSeconds: number; maxBytes?: number | undefined } | undefined;
  /** Called once per verification with a metrics event; exceptions it throws are ignored. */
  onResult?: ((event: VerifyResultEvent) => void) | undefined;
}

/** A verified JWT. `header` and `payload` are plain JSON objects from the strict parser. */
export interface VerifiedToken {
  header: TokenHeader;
  payload: TokenPayload;
  alg: JwsAlgorithm;
  kid?: string;
}

export interface Verifier {
  /** Verifies with every key source. Rejects with a CaptokenError. */
  verify(token: string): Promise<VerifiedToken>;
  /** Verifies with local keys on Node. Throws KEY_ASYNC for a remote key set or on WebCrypto runtimes. */
  verifySync(token: string): VerifiedToken;
}

/** A verified JWS: the signature holds over the header and the payload bytes; no claim was checked. */
export interface VerifiedJws {
  header: TokenHeader;
  payload: Uint8Array;
  alg: JwsAlgorithm;
  kid?: string;
}

export type JwsVerifierOptions = KeySourceOptions;

export interface JwsVerifier {
  verify(token: string): Promise<VerifiedJws>;
  verifySync(token: string): VerifiedJws;
}
