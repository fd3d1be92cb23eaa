// Signature checks on Node's own crypto: the floor the verifier is measured against.
// HMAC: createHmac + timingSafeEqual. RSA / ECDSA / EdDSA: crypto.verify with a KeyObject prepared
// once (ieee-p1363 signatures for ES*, the JWS encoding). All checks are synchronous.
import { Buffer } from 'node:buffer';
import {
  constants,
  createHmac,
  createPublicKey,
  createSecretKey,
  KeyObject,
  timingSafeEqual,
  verify as cryptoVerify,
  type JsonWebKey as NodeJsonWebKey,
} from 'node:crypto';
import { CaptokenError } from '../errors.js';
import { ALGORITHMS, type EcCurve, type JwsAlgorithm, type KeyFacts } from '../verify/algorithms.js';
import { checkJwkPolicy, cryptoKeyFacts, octBytes, publicFacts, secretFacts } from '../verify/keyfacts.js';
import type { CryptoProvider, KeyMaterial, PreparedKey, SignatureCheck } from '../verify/provider.js';

const bufferFrom = Buffer.from;
const NODE_CURVES: Readonly<Record<string, EcCurve>> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

function config(message: string): CaptokenError {
  return new CaptokenError('CONFIG_INVALID', message);
}

function fromSync(sync: (signingInput: string, signature: Uint8Array) => boolean): SignatureCheck {
  return { sync, async: (input, signature) => Promise.resolve(sync(input, signature)) };
}

/** HMAC check: recompute the tag, compare in constant time (lengths are public). */
function hmacCheck(alg: JwsAlgorithm, secret: Buffer): SignatureCheck {
  const { hash, signatureBytes } = ALGORITHMS[alg];
  const digest = hash!;
  return fromSync((input, signature) => {
    if (signature.length !== signatureBytes) return false;
    return timingSafeEqual(createHmac(digest, secret).update(input, 'latin1').digest(), signature);
  });
}

function asymmetricCheck(alg: JwsAlgorithm, key: KeyObject, facts: KeyFacts): SignatureCheck {
  const info = ALGORITHMS[alg];
  // RSA signatures are exactly as long as the modulus: a shortened one is another spelling.
  const length = info.signatureBytes !== 0 ? info.signatureBytes : (facts.bits + 7) >> 3;
  const digest = info.hash ?? null;
  const options =
    info.family === 'PS'
      ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : info.family === 'ES'
        ? { key, dsaEncoding: 'ieee-p1363' as const }
        : info.family === 'RS'
          ? { key, padding: constants.RSA_PKCS1_PADDING }
          : key;
  return fromSync((input, signature) => {
    if (signature.length !== length) return false;
    try {
      return cryptoVerify(digest, bufferFrom(input, 'latin1'), options, signature);
    } catch {
      return false;
    }
  });
}

function keyObjectFacts(key: KeyObject, bound: JwsAlgorithm | undefined): KeyFacts {
  if (key.type === 'secret') return secretFacts(key.symmetricKeySize ?? 0, bound);
  if (key.type !== 'public') throw config('a private key was given; pass the public key');
  const type = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  switch (type) {
    case 'rsa':
    case 'rsa-pss':
      return publicFacts(type, details.modulusLength ?? 0, undefined, bound, type);
    case 'ec': {
      const curve = NODE_CURVES[details.namedCurve ?? ''];
      return publicFacts(curve === undefined ? 'other' : 'ec', 0, curve, bound, `EC ${details.namedCurve ?? '?'}`);
    }
    case 'ed25519':
      return publicFacts('ed25519', 0, undefined, bound, type);
    default:
      return publicFacts('other', 0, undefined, bound, type);
  }
}

function prepared(key: KeyObject, bound: JwsAlgorithm | undefined, factsOverride?: KeyFacts): PreparedKey {
  const facts = factsOverride ?? keyObjectFacts(key, bound);
  if (key.type === 'secret') {
    const secret = key.export();
    return { facts, check: (alg) => hmacCheck(alg, secret) };
  }
  return { facts, check: (alg) => asymmetricCheck(alg, key, facts) };
}

function isKeyObject(value: object): value is KeyObject {
  return value instanceof KeyObject;
}

function prepareKey(material: KeyMaterial): PreparedKey {
  switch (material.kind) {
    case 'secret':
      return prepared(createSecretKey(material.bytes), undefined);
    case 'keyobject':
      if (!isKeyObject(material.key)) throw config('the key is not a KeyObject');
      return prepared(material.key, undefined);
    case 'cryptokey': {
      const facts = cryptoKeyFacts(material.key);
      const key = KeyObject.from(material.key);
      const own = keyObjectFacts(key, facts.bound);
      // Keep the CryptoKey's binding and its (RSA-PSS) family, with Node's measurements.
      return prepared(key, facts.bound, { ...own, type: facts.type === 'rsa-pss' ? 'rsa-pss' : own.type });
    }
    case 'jwk': {
      const bound = checkJwkPolicy(material.jwk);
      if (material.jwk.kty === 'oct') return prepared(createSecretKey(octBytes(material.jwk)), bound);
      let key: KeyObject;
      try {
        key = createPublicKey({ key: material.jwk as NodeJsonWebKey, format: 'jwk' });
      } catch {
        throw config(`the ${String(material.jwk.kty)} JWK could not be imported as a public key`);
      }
      return prepared(key, bound);
    }
  }
}

/** Remote JWKS keys arrive from jose as CryptoKeys; Node verifies them through a KeyObject. */
function prepareCryptoKey(key: CryptoKey): PreparedKey {
  return prepareKey({ kind: 'cryptokey', key });
}

/** node:crypto, synchronous: `verifySync` works with every local key. */
export const cryptoProvider: CryptoProvider = Object.freeze({ name: 'node', sync: true, prepareKey, prepareCryptoKey });
