// Signature checks on Node's own crypto. All checks are synchronous.
// HMAC: RFC 2104 as two one-shot crypto.hash digests over pads derived once per key (equal to
// createHmac by property test; createHmac where crypto.hash is missing), compared with timingSafeEqual.
// RSA / ECDSA / EdDSA: crypto.verify with a KeyObject prepared once (ieee-p1363 signatures for ES*,
// the JWS encoding). Keys are imported by node:crypto's own PEM/JWK importers (createPublicKey,
// createSecretKey) so that createVerifier can stay synchronous; nothing here parses PEM or JWK by hand.
import { Buffer } from 'node:buffer';
import * as crypto from 'node:crypto';
import {
  constants,
  createHash,
  createHmac,
  createPublicKey,
  createSecretKey,
  KeyObject,
  timingSafeEqual,
  verify as cryptoVerify,
  type JsonWebKey as NodeJsonWebKey,
} from 'node:crypto';
import { configError } from '../errors.js';
import { ALGORITHMS, type EcCurve, type JwsAlgorithm, type KeyFacts } from './algorithms.js';
import { cryptoKeyFacts, octBytes, publicFacts, secretFacts } from './keyfacts.js';
import { checkJwkPolicy } from './jwk-policy.js';
import type { CryptoProvider, KeyMaterial, PreparedKey, SignatureCheck } from './provider.js';

const NODE_CURVES: Readonly<Record<string, EcCurve>> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };


function fromSync(sync: (signingInput: string, signature: Uint8Array) => boolean): SignatureCheck {
  return { sync, async: (input, signature) => Promise.resolve(sync(input, signature)) };
}

/**
 * Node's one-shot digest (Node >= 20.12): no Hash object per call. Absent on older Node. Asked for a
 * 'binary' (latin1) string, it returns the digest as a V8 string: no Buffer, so no ArrayBuffer per call.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'binary') => string }).hash;

/**
 * Buffer#latin1Write(string, offset) is the native writer behind Buffer#write(string, offset,
 * 'latin1'), without its argument parsing. It is not in Node's docs: fall back to the documented call.
 */
const nativeLatin1Write = (Buffer.prototype as { latin1Write?: (s: string, offset: number) => number }).latin1Write;
const latin1Write: (target: Buffer, text: string, offset: number) => number =
  typeof nativeLatin1Write === 'function'
    ? (target, text, offset) => nativeLatin1Write.call(target, text, offset)
    : (target, text, offset) => target.write(text, offset, 'latin1');

/**
 * HMAC (RFC 2104) as two one-shot digests over prepared pads: H((K ^ opad) || H((K ^ ipad) || m)).
 * The pads are derived once per key; the message is written into a scratch buffer after the inner
 * pad, the inner digest after the outer pad, and the tag into a buffer of its own (verification is
 * synchronous, so one set of buffers per key is safe). Digests travel as latin1 strings, so a call
 * allocates no ArrayBuffer at all. Equal to createHmac by construction and by property test.
 * Returns the tag buffer, which the next call overwrites. Falls back to createHmac without
 * crypto.hash or for inputs longer than the scratch.
 */
function hmacFunction(digest: 'sha256' | 'sha384' | 'sha512', secret: Buffer): (input: string) => Buffer {
  const hash = oneShot;
  if (hash === undefined) return (input) => createHmac(digest, secret).update(input, 'latin1').digest();
  const block = digest === 'sha256' ? 64 : 128;
  const size = digest === 'sha256' ? 32 : digest === 'sha384' ? 48 : 64;
  const key = secret.length > block ? createHash(digest).update(secret).digest() : secret;
  const SCRATCH = 16 * 1024;
  const inner = Buffer.alloc(block + SCRATCH);
  const outer = Buffer.alloc(block + size);
  const tag = Buffer.alloc(size);
  for (let i = 0; i < block; i++) {
    inner[i] = (key[i] ?? 0) ^ 0x36;
    outer[i] = (key[i] ?? 0) ^ 0x5c;
  }
  // Tokens from one issuer mostly share a length: keep the last view instead of one per call.
  let viewLength = -1;
  let view = inner;
  return (input) => {
    if (input.length > SCRATCH) return createHmac(digest, secret).update(input, 'latin1').digest();
    const n = latin1Write(inner, input, block); // ASCII: the strict decoder has passed both segments
    if (n !== viewLength) {
      view = inner.subarray(0, block + n);
      viewLength = n;
    }
    latin1Write(outer, hash(digest, view, 'binary'), block);
    latin1Write(tag, hash(digest, outer, 'binary'), 0);
    return tag;
  };
}

/**
 * HMAC check: recompute the tag, compare in constant time with timingSafeEqual over two buffers of
 * the same length (the lengths are public: the algorithm fixes them).
 */
function hmacCheck(alg: JwsAlgorithm, secret: Buffer): SignatureCheck {
  const { hash, signatureBytes } = ALGORITHMS[alg];
  const mac = hmacFunction(hash!, secret);
  return fromSync((input, signature) => {
    if (signature.length !== signatureBytes) return false;
    return timingSafeEqual(mac(input), signature);
  });
}

/**
 * For tests: the HMAC this runtime computes (must equal createHmac for every key and input). The
 * returned buffer is overwritten by the next call.
 */
export function hmacForTest(digest: 'sha256' | 'sha384' | 'sha512', secret: Uint8Array): (input: string) => Buffer {
  return hmacFunction(digest, Buffer.from(secret));
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
  // The signing input is written into a buffer kept per key (checks are synchronous), not a fresh
  // Buffer per token; tokens of one issuer share a length, so the view is kept too.
  let scratch = Buffer.alloc(1024);
  let view = scratch;
  let viewLength = -1;
  return fromSync((input, signature) => {
    if (signature.length !== length) return false;
    if (input.length > scratch.length) {
      scratch = Buffer.alloc(input.length);
      viewLength = -1;
    }
    const n = latin1Write(scratch, input, 0); // ASCII: the strict decoder has passed both segments
    if (n !== viewLength) {
      view = scratch.subarray(0, n);
      viewLength = n;
    }
    try {
      return cryptoVerify(digest, view, options, signature);
    } catch {
      return false;
    }
  });
}

function keyObjectFacts(key: KeyObject, bound: JwsAlgorithm | undefined): KeyFacts {
  if (key.type === 'secret') return secretFacts(key.symmetricKeySize ?? 0, bound);
  if (key.type !== 'public') throw configError('a private key was given; pass the public key');
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
      if (!isKeyObject(material.key)) throw configError('the key is not a KeyObject');
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
        throw configError(`the ${String(material.jwk.kty)} JWK could not be imported as a public key`);
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
export const cryptoProvider: CryptoProvider = /* @__PURE__ */ Object.freeze({ name: 'node', sync: true, prepareKey, prepareCryptoKey });
