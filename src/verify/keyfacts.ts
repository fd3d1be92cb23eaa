// Facts about keys that do not depend on the runtime: what a CryptoKey is bound to, what a JWK
// declares, and the JWK policy (RFC 7517 §4.2-4.4: `use`, `key_ops`, `alg`).
import type { JWK } from 'jose';
import { configError } from '../errors.js';
import { decodePure } from '../base64url/pure.js';
import { isJwsAlgorithm, type EcCurve, type JwsAlgorithm, type KeyFacts } from './algorithms.js';

const HASH_SUFFIX: Readonly<Record<string, string>> = { 'SHA-256': '256', 'SHA-384': '384', 'SHA-512': '512' };


function hashName(algorithm: KeyAlgorithm): string | undefined {
  const hash = (algorithm as { hash?: { name?: unknown } }).hash;
  return typeof hash?.name === 'string' ? HASH_SUFFIX[hash.name] : undefined;
}

function curveOf(name: unknown): EcCurve | undefined {
  return name === 'P-256' || name === 'P-384' || name === 'P-521' ? name : undefined;
}

/** Describes a secret without revealing it. */
export function secretFacts(bytes: number, bound?: JwsAlgorithm): KeyFacts {
  return { type: 'secret', bits: bytes * 8, bound, describe: `a secret of ${bytes} bytes` };
}

/** Facts of a public key by type name, for KeyObjects and JWKs. */
export function publicFacts(type: KeyFacts['type'], bits: number, curve: EcCurve | undefined, bound: JwsAlgorithm | undefined, raw: string): KeyFacts {
  const describe =
    type === 'rsa' || type === 'rsa-pss'
      ? `an RSA public key of ${bits} bits`
      : type === 'ec'
        ? `an EC public key on ${curve ?? 'an unsupported curve'}`
        : type === 'ed25519'
          ? 'an Ed25519 public key'
          : `a key of type ${raw}`;
  return { type, bits, curve, bound, describe };
}

/**
 * Facts of a CryptoKey: WebCrypto binds a key to one algorithm (and for RSA and HMAC one hash), so
 * the key admits exactly one JWS algorithm, except ECDSA and Ed25519 keys whose curve decides it.
 * Throws CONFIG_INVALID for a private key or one whose usages lack `verify`.
 */
export function cryptoKeyFacts(key: CryptoKey): KeyFacts {
  if (key.type === 'private') throw configError('a private CryptoKey was given; pass the public key');
  if (!key.usages.includes('verify')) throw configError(`the CryptoKey's usages (${key.usages.join(', ') || 'none'}) do not include 'verify'`);
  const algorithm = key.algorithm;
  const suffix = hashName(algorithm);
  switch (algorithm.name) {
    case 'HMAC': {
      const bits = (algorithm as HmacKeyAlgorithm).length;
      return secretFacts(bits / 8, suffix === undefined ? undefined : (`HS${suffix}` as JwsAlgorithm));
    }
    case 'RSASSA-PKCS1-v1_5':
    case 'RSA-PSS': {
      const bits = (algorithm as RsaHashedKeyAlgorithm).modulusLength;
      const family = algorithm.name === 'RSA-PSS' ? 'PS' : 'RS';
      const bound = suffix === undefined ? undefined : (`${family}${suffix}` as JwsAlgorithm);
      return publicFacts(family === 'PS' ? 'rsa-pss' : 'rsa', bits, undefined, bound, algorithm.name);
    }
    case 'ECDSA': {
      const curve = curveOf((algorithm as EcKeyAlgorithm).namedCurve);
      return publicFacts(curve === undefined ? 'other' : 'ec', 0, curve, undefined, `ECDSA ${(algorithm as EcKeyAlgorithm).namedCurve}`);
    }
    case 'Ed25519':
      return publicFacts('ed25519', 0, undefined, undefined, 'Ed25519');
    default:
      return publicFacts('other', 0, undefined, undefined, algorithm.name);
  }
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'] as const;

/**
 * The JWK rules a signature verifier must apply before using a key, whatever jose's import allows:
 * - `use`, when present, must be `sig` (RFC 7517 §4.2): an encryption key never verifies;
 * - `key_ops`, when present, must be an array of strings containing `verify` (§4.3);
 * - `alg`, when present, must be a supported JWS algorithm (§4.4), and binds the key to it;
 * - no private members: a verifier is given public keys (a leaked private JWK in a verifier's
 *   configuration is a mistake worth failing on).
 * Returns the algorithm the key is bound to, if any. Throws CONFIG_INVALID with the reason.
 */
export function checkJwkPolicy(jwk: JWK): JwsAlgorithm | undefined {
  if (typeof jwk.kty !== 'string') throw configError("a JWK needs a string 'kty'");
  const record = jwk as Record<string, unknown>;
  if (record['use'] !== undefined && record['use'] !== 'sig') {
    throw configError(`a JWK with "use": ${JSON.stringify(record['use'])} cannot verify signatures; only "use": "sig" keys may (RFC 7517 §4.2)`);
  }
  const ops = record['key_ops'];
  if (ops !== undefined) {
    if (!Array.isArray(ops) || !ops.every((op) => typeof op === 'string')) throw configError("a JWK's key_ops must be an array of strings");
    if (!ops.includes('verify')) throw configError(`a JWK whose key_ops (${JSON.stringify(ops)}) lack "verify" cannot verify signatures (RFC 7517 §4.3)`);
  }
  const alg = record['alg'];
  if (alg !== undefined && !isJwsAlgorithm(alg)) {
    throw configError(`a JWK with "alg": ${JSON.stringify(alg)} is bound to an algorithm captoken does not verify (RFC 7517 §4.4)`);
  }
  if (jwk.kty !== 'oct') {
    for (const member of PRIVATE_MEMBERS) {
      if (record[member] !== undefined) throw configError(`the JWK has the private member '${member}'; pass the public JWK`);
    }
  }
  return alg;
}

function decodeMember(jwk: JWK, member: 'k' | 'n'): Uint8Array {
  const value = (jwk as Record<string, unknown>)[member];
  if (typeof value !== 'string') throw configError(`the ${jwk.kty} JWK needs a string '${member}'`);
  try {
    return decodePure(value);
  } catch {
    throw configError(`the JWK member '${member}' is not canonical base64url`);
  }
}

/** The secret bytes of an `oct` JWK (strict base64url). */
export function octBytes(jwk: JWK): Uint8Array {
  return decodeMember(jwk, 'k');
}

/** Facts of a JWK from its members alone (the web runtime, where import is asynchronous). */
export function jwkFacts(jwk: JWK, bound: JwsAlgorithm | undefined): KeyFacts {
  switch (jwk.kty) {
    case 'oct':
      return secretFacts(octBytes(jwk).length, bound);
    case 'RSA': {
      const n = decodeMember(jwk, 'n');
      let i = 0;
      while (i < n.length && n[i] === 0) i++;
      const bits = i === n.length ? 0 : (n.length - i) * 8 - Math.clz32(n[i]!) + 24;
      return publicFacts('rsa', bits, undefined, bound, 'RSA');
    }
    case 'EC': {
      const curve = curveOf(jwk.crv);
      return publicFacts(curve === undefined ? 'other' : 'ec', 0, curve, bound, `EC ${String(jwk.crv)}`);
    }
    case 'OKP':
      return publicFacts(jwk.crv === 'Ed25519' ? 'ed25519' : 'other', 0, undefined, bound, `OKP ${String(jwk.crv)}`);
    default:
      return publicFacts('other', 0, undefined, bound, String(jwk.kty));
  }
}
