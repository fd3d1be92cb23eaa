// Facts about keys that do not depend on the runtime: what a CryptoKey is bound to and what a JWK
// declares. The JWK policy (RFC 7517 §4.2-4.4: `use`, `key_ops`, `alg`) lives in jwk-policy.ts.
import type { JWK } from 'jose';
import { configError } from '../errors.js';
import { decodePure } from '../base64url/pure.js';
import type { EcCurve, JwsAlgorithm, KeyFacts } from './algorithms.js';

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
