// Key sources, compiled once at construction into a lookup from (alg, kid) to a signature check:
// one key, a local JWKS (selection by kid), or a remote JWKS (remote-jwks.ts: a capped, backed-off
// fetcher feeding the same key-set compiler as a local one, key-set.ts).
import { configError } from '../errors.js';
import { keyMismatch, type JwsAlgorithm } from './algorithms.js';
import { checkHmacSecret } from './hmac-secret.js';
import { octBytes } from './keyfacts.js';
import { compileKeySet } from './key-set.js';
import type { CryptoProvider, KeyMaterial, SignatureCheck } from './provider.js';
import { createRemoteKeySource, readRemoteKeySet } from './remote-jwks.js';

export type { RemoteKeySetOptions } from './remote-jwks.js';

export interface KeyRing {
  /** True for a remote key set: keys are found asynchronously, and there is no `local`. */
  readonly remote: boolean;
  /** The check for a token's (alg, kid), found synchronously; undefined for a remote set. Throws KEY_NOT_FOUND. */
  readonly local: ((alg: JwsAlgorithm, kid: string | undefined) => SignatureCheck) | undefined;
  /** The same, for every key source. Rejects with KEY_NOT_FOUND, or KEY_SOURCE_UNAVAILABLE for a remote set. */
  resolve(alg: JwsAlgorithm, kid: string | undefined): Promise<SignatureCheck>;
  /**
   * True when `kid` names a configured key usable with `alg`: a JWK `key` with that kid, a member of
   * the local set, or of the remote set as last fetched. Only such a kid is reported to `onResult`
   * (a token's kid is attacker-chosen text until it matched a key).
   */
  namesKey(alg: JwsAlgorithm, kid: string): boolean;
}

export interface KeySource {
  key?: unknown;
  jwks?: unknown;
  jwksUrl?: unknown;
  jwksOptions?: unknown;
}

const encoder = /* @__PURE__ */ new TextEncoder();

function isCryptoKey(value: object): value is CryptoKey {
  return typeof CryptoKey === 'function' && value instanceof CryptoKey;
}

/** The bytes of a secret KeyObject (Node), to hold them to the HMAC secret rule; undefined for any other object. */
function secretKeyObjectBytes(record: Record<string, unknown>): Uint8Array | undefined {
  if (record['type'] !== 'secret' || typeof record['export'] !== 'function') return undefined;
  try {
    const bytes = (record['export'] as () => unknown).call(record);
    return bytes instanceof Uint8Array ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sorts a `key` option by kind. A string or bytes is an HMAC secret, and must not be public key
 * material in any form (hmac-secret.ts): so a public key can never become one.
 */
function classify(value: unknown): KeyMaterial {
  if (value instanceof Uint8Array) {
    checkHmacSecret(value, "the 'key' bytes");
    return { kind: 'secret', bytes: value.slice() };
  }
  if (typeof value === 'string') {
    checkHmacSecret(value, "the 'key' string");
    return { kind: 'secret', bytes: encoder.encode(value) };
  }
  if (typeof value === 'object' && value !== null) {
    if (isCryptoKey(value)) return { kind: 'cryptokey', key: value };
    const record = value as Record<string, unknown>;
    if (typeof record['kty'] === 'string') {
      if (record['kty'] === 'oct') checkOctSecret(record, "the 'key' JWK's k");
      return { kind: 'jwk', jwk: value };
    }
    if (Array.isArray(record['keys'])) throw configError("a key set was given as 'key'; pass it as 'jwks'");
    if (typeof record['export'] === 'function' && typeof record['type'] === 'string') {
      const secret = secretKeyObjectBytes(record);
      if (secret !== undefined) checkHmacSecret(secret, 'the secret KeyObject');
      return { kind: 'keyobject', key: value };
    }
  }
  throw configError("'key' must be a Uint8Array or string secret, a KeyObject, a CryptoKey or a JWK");
}

/** An `oct` JWK's `k` is an HMAC secret too. A `k` that is not canonical base64url is left to the JWK import to refuse. */
function checkOctSecret(jwk: Record<string, unknown>, name: string): void {
  let bytes: Uint8Array;
  try {
    bytes = octBytes(jwk);
  } catch {
    return;
  }
  checkHmacSecret(bytes, name);
}

/**
 * `resolve` for a local key source: `local` as a promise. Its throw (KEY_NOT_FOUND) becomes a
 * rejection, as from an async function; the promise executor runs `local` at once.
 */
function resolveLocal(local: NonNullable<KeyRing['local']>): KeyRing['resolve'] {
  return (alg, kid) =>
    new Promise((resolve) => {
      resolve(local(alg, kid));
    });
}

function singleKey(value: unknown, algorithms: readonly JwsAlgorithm[], provider: CryptoProvider): KeyRing {
  const material = classify(value);
  const prepared = provider.prepareKey(material);
  const checks = new Map<JwsAlgorithm, SignatureCheck>();
  for (const alg of algorithms) {
    const mismatch = keyMismatch(alg, prepared.facts);
    if (mismatch !== undefined) throw configError(`algorithm ${alg} has no matching key: ${mismatch}`);
    checks.set(alg, prepared.check(alg));
  }
  // A single key is used whatever kid a token names; only a JWK's own kid is a configured name.
  const ownKid = material.kind === 'jwk' ? (material.jwk as { kid?: unknown }).kid : undefined;
  const local = (alg: JwsAlgorithm): SignatureCheck => checks.get(alg)!;
  return { remote: false, local, resolve: resolveLocal(local), namesKey: (_alg, kid) => typeof ownKid === 'string' && kid === ownKid };
}

function localSet(value: unknown, algorithms: readonly JwsAlgorithm[], provider: CryptoProvider): KeyRing {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (typeof value !== 'object' || value === null || !Array.isArray(keys)) throw configError("'jwks' must be a JSON Web Key Set: { keys: [...] }");
  for (const member of keys) {
    if (typeof member === 'object' && member !== null && (member as Record<string, unknown>)['kty'] === 'oct') {
      checkOctSecret(member as Record<string, unknown>, "an 'oct' key's k in 'jwks'");
    }
  }
  const index = compileKeySet(keys, algorithms, provider, 'local');
  const local = (alg: JwsAlgorithm, kid: string | undefined): SignatureCheck => index.find(alg, kid);
  return { remote: false, local, resolve: resolveLocal(local), namesKey: (alg, kid) => index.hasKid(alg, kid) };
}

function remoteSet(url: unknown, options: unknown, algorithms: readonly JwsAlgorithm[], provider: CryptoProvider): KeyRing {
  const config = readRemoteKeySet(url, options);
  const source = createRemoteKeySource(config, (keys) => compileKeySet(keys, algorithms, provider, 'remote'));
  const resolve = async (alg: JwsAlgorithm, kid: string | undefined): Promise<SignatureCheck> => {
    const index = await source.current();
    try {
      return index.find(alg, kid);
    } catch (error) {
      // A kid (or an alg) the cached set lacks may be a key rotated in since: fetch again, once per cooldown.
      const fresh = await source.refreshed();
      if (fresh === undefined || fresh === index) throw error;
      return fresh.find(alg, kid);
    }
  };
  return { remote: true, local: undefined, resolve, namesKey: (alg, kid) => source.last()?.hasKid(alg, kid) === true };
}

/** Compiles the one key source in `source` (CONFIG_INVALID unless exactly one is given). */
export function compileKeyRing(source: KeySource, algorithms: readonly JwsAlgorithm[], provider: CryptoProvider): KeyRing {
  const given = (['key', 'jwks', 'jwksUrl'] as const).filter((name) => source[name] !== undefined);
  if (given.length !== 1) {
    throw configError(given.length === 0 ? "one key source is required: 'key', 'jwks' or 'jwksUrl'" : `give one key source, not ${given.join(' and ')}`);
  }
  if (source.jwksOptions !== undefined && source.jwksUrl === undefined) throw configError("'jwksOptions' apply to 'jwksUrl' only");
  if (source.key !== undefined) return singleKey(source.key, algorithms, provider);
  if (source.jwks !== undefined) return localSet(source.jwks, algorithms, provider);
  return remoteSet(source.jwksUrl, source.jwksOptions, algorithms, provider);
}
