// Key sources, compiled once at construction into a lookup from (alg, kid) to a signature check:
// one key, a local JWKS (selection by kid), or a remote JWKS through jose's createRemoteJWKSet.
import { createRemoteJWKSet, type JWTHeaderParameters, type RemoteJWKSetOptions } from 'jose';
import { CaptokenError, configError } from '../errors.js';
import { isJwsAlgorithm, keyMismatch, type JwsAlgorithm } from './algorithms.js';
import { cryptoKeyFacts } from './keyfacts.js';
import type { CryptoProvider, KeyMaterial, SignatureCheck } from './provider.js';

export interface KeyRing {
  /** True for a remote key set: keys are found asynchronously, and there is no `local`. */
  readonly remote: boolean;
  /** The check for a token's (alg, kid), found synchronously; undefined for a remote set. Throws KEY_NOT_FOUND. */
  readonly local: ((alg: JwsAlgorithm, kid: string | undefined) => SignatureCheck) | undefined;
  /** The same, for every key source. */
  resolve(alg: JwsAlgorithm, kid: string | undefined): Promise<SignatureCheck>;
}

/** Options of a remote key set that are passed to jose's createRemoteJWKSet. */
export type RemoteKeySetOptions = Pick<RemoteJWKSetOptions, 'timeoutDuration' | 'cooldownDuration' | 'cacheMaxAge' | 'headers'>;
const REMOTE_OPTIONS = new Set(['timeoutDuration', 'cooldownDuration', 'cacheMaxAge', 'headers']);

export interface KeySource {
  key?: unknown;
  jwks?: unknown;
  jwksUrl?: unknown;
  jwksOptions?: unknown;
}


function notFound(message: string): CaptokenError {
  return new CaptokenError('KEY_NOT_FOUND', message, { claim: 'kid' });
}

const encoder = /* @__PURE__ */ new TextEncoder();
const PEM = /^\s*-----BEGIN /;

function isCryptoKey(value: object): value is CryptoKey {
  return typeof CryptoKey === 'function' && value instanceof CryptoKey;
}

/** Sorts a `key` option by kind. Strings are secrets, never PEM (so a public key can never be one). */
function classify(value: unknown): KeyMaterial {
  if (value instanceof Uint8Array) return { kind: 'secret', bytes: value.slice() };
  if (typeof value === 'string') {
    if (PEM.test(value)) {
      throw configError('the key string is a PEM key; strings are HMAC secrets only. Pass a KeyObject, CryptoKey or JWK instead');
    }
    return { kind: 'secret', bytes: encoder.encode(value) };
  }
  if (typeof value === 'object' && value !== null) {
    if (isCryptoKey(value)) return { kind: 'cryptokey', key: value };
    const record = value as Record<string, unknown>;
    if (typeof record['kty'] === 'string') return { kind: 'jwk', jwk: value };
    if (Array.isArray(record['keys'])) throw configError("a key set was given as 'key'; pass it as 'jwks'");
    if (typeof record['export'] === 'function' && typeof record['type'] === 'string') return { kind: 'keyobject', key: value };
  }
  throw configError("'key' must be a Uint8Array or string secret, a KeyObject, a CryptoKey or a JWK");
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
  const prepared = provider.prepareKey(classify(value));
  const checks = new Map<JwsAlgorithm, SignatureCheck>();
  for (const alg of algorithms) {
    const mismatch = keyMismatch(alg, prepared.facts);
    if (mismatch !== undefined) throw configError(`algorithm ${alg} has no matching key: ${mismatch}`);
    checks.set(alg, prepared.check(alg));
  }
  const local = (alg: JwsAlgorithm): SignatureCheck => checks.get(alg)!;
  return { remote: false, local, resolve: resolveLocal(local) };
}

interface AlgKeys {
  readonly byKid: Map<string, SignatureCheck>;
  readonly all: SignatureCheck[];
}

/** True when a JWKS member is meant for something other than verifying `alg`s we allow (skipped, not an error). */
function skipMember(jwk: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  if (jwk['use'] !== undefined && jwk['use'] !== 'sig') return true;
  const ops = jwk['key_ops'];
  if (ops !== undefined && !(Array.isArray(ops) && ops.includes('verify'))) return true;
  const alg = jwk['alg'];
  return alg !== undefined && !(isJwsAlgorithm(alg) && allowed.has(alg));
}

function localSet(value: unknown, algorithms: readonly JwsAlgorithm[], provider: CryptoProvider): KeyRing {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (typeof value !== 'object' || value === null || !Array.isArray(keys)) throw configError("'jwks' must be a JSON Web Key Set: { keys: [...] }");
  const allowed = new Set<string>(algorithms);
  const byAlg = new Map<JwsAlgorithm, AlgKeys>();
  for (const alg of algorithms) byAlg.set(alg, { byKid: new Map(), all: [] });
  keys.forEach((jwk: unknown, index) => {
    if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw configError(`jwks.keys[${index}] is not a JWK object`);
    const record = jwk as Record<string, unknown>;
    if (skipMember(record, allowed)) return;
    const kid = record['kid'];
    if (kid !== undefined && typeof kid !== 'string') throw configError(`jwks.keys[${index}] has a non-string kid`);
    let prepared;
    try {
      prepared = provider.prepareKey({ kind: 'jwk', jwk });
    } catch (error) {
      throw configError(`jwks.keys[${index}]: ${(error as Error).message}`);
    }
    for (const alg of algorithms) {
      if (keyMismatch(alg, prepared.facts) !== undefined) continue;
      const entry = byAlg.get(alg)!;
      const check = prepared.check(alg);
      if (kid !== undefined) {
        if (entry.byKid.has(kid)) throw configError(`jwks has two keys with kid ${JSON.stringify(kid)} for ${alg}; a token could not name one`);
        entry.byKid.set(kid, check);
      }
      entry.all.push(check);
    }
  });
  for (const [alg, entry] of byAlg) {
    if (entry.all.length === 0) throw configError(`algorithm ${alg} has no matching key in jwks`);
  }
  const local = (alg: JwsAlgorithm, kid: string | undefined): SignatureCheck => {
    const entry = byAlg.get(alg)!;
    if (kid !== undefined) {
      const check = entry.byKid.get(kid);
      if (check === undefined) throw notFound(`no key in the key set has the token's kid for ${alg}`);
      return check;
    }
    if (entry.all.length !== 1) {
      throw notFound(`the token has no kid and the key set holds ${entry.all.length} keys for ${alg}; the token must name one`);
    }
    return entry.all[0]!;
  };
  return { remote: false, local, resolve: resolveLocal(local) };
}

function remoteSet(url: unknown, options: unknown, provider: CryptoProvider): KeyRing {
  let parsed: URL;
  try {
    parsed = new URL(url instanceof URL ? url.href : (url as string));
  } catch {
    throw configError("'jwksUrl' must be an absolute http(s) URL");
  }
  if ((typeof url !== 'string' && !(url instanceof URL)) || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw configError("'jwksUrl' must be an absolute http(s) URL");
  }
  if (options !== undefined) {
    if (typeof options !== 'object' || options === null) throw configError("'jwksOptions' must be an object");
    for (const name of Object.keys(options)) {
      if (!REMOTE_OPTIONS.has(name)) throw configError(`unknown jwksOptions member '${name}'`);
    }
  }
  const getKey = createRemoteJWKSet(parsed, options);
  const checks = new WeakMap<CryptoKey, Map<JwsAlgorithm, SignatureCheck>>();
  const resolve = async (alg: JwsAlgorithm, kid: string | undefined): Promise<SignatureCheck> => {
    const header: JWTHeaderParameters = kid === undefined ? { alg } : { alg, kid };
    let key: CryptoKey;
    try {
      key = await getKey(header);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw notFound(`the remote key set gave no key for ${alg}${typeof code === 'string' ? ` (${code})` : ''}`);
    }
    let perAlg = checks.get(key);
    let check = perAlg?.get(alg);
    if (check === undefined) {
      let mismatch: string | undefined;
      try {
        mismatch = keyMismatch(alg, cryptoKeyFacts(key));
      } catch (error) {
        mismatch = (error as Error).message;
      }
      if (mismatch !== undefined) throw notFound(`the remote key for ${alg} is not usable: ${mismatch}`);
      check = provider.prepareCryptoKey(key).check(alg);
      if (perAlg === undefined) checks.set(key, (perAlg = new Map<JwsAlgorithm, SignatureCheck>()));
      perAlg.set(alg, check);
    }
    return check;
  };
  return { remote: true, local: undefined, resolve };
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
  return remoteSet(source.jwksUrl, source.jwksOptions, provider);
}
