// Signature checks on WebCrypto, for browsers and edge runtimes: keys imported through jose
// (importJWK), signatures checked with crypto.subtle.verify. WebCrypto has no synchronous API, so
// these checks have no `sync` path: `verifySync` throws KEY_ASYNC on this runtime; use `verify`.
import { importJWK } from 'jose';
import { configError } from '../errors.js';
import { ALGORITHMS, type JwsAlgorithm, type KeyFacts } from './algorithms.js';
import { cryptoKeyFacts, jwkFacts, secretFacts } from './keyfacts.js';
import { checkJwkPolicy } from './jwk-policy.js';
import type { CryptoProvider, KeyMaterial, PreparedKey, SignatureCheck } from './provider.js';

const HASH: Readonly<Record<string, string>> = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };
const latin1 = (text: string): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
};

function subtle(): SubtleCrypto {
  // The DOM types declare crypto.subtle everywhere; some runtimes (non-secure contexts, old engines) lack it.
  const s = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (s === undefined) throw configError('this runtime has no WebCrypto (crypto.subtle)');
  return s;
}

/** The WebCrypto parameters for verifying `alg` (RFC 7518 §3: PSS salt = hash length). */
function verifyParams(alg: JwsAlgorithm): AlgorithmIdentifier | RsaPssParams | EcdsaParams {
  const info = ALGORITHMS[alg];
  const hash = info.hash === undefined ? '' : HASH[info.hash]!;
  switch (info.family) {
    case 'HS':
      return { name: 'HMAC' };
    case 'RS':
      return { name: 'RSASSA-PKCS1-v1_5' };
    case 'PS':
      return { name: 'RSA-PSS', saltLength: info.hashBytes };
    case 'ES':
      return { name: 'ECDSA', hash };
    case 'EdDSA':
      return { name: 'Ed25519' };
  }
}

function asyncCheck(alg: JwsAlgorithm, facts: KeyFacts, key: () => Promise<CryptoKey>): SignatureCheck {
  const info = ALGORITHMS[alg];
  const length = info.signatureBytes !== 0 ? info.signatureBytes : (facts.bits + 7) >> 3;
  const params = verifyParams(alg);
  return {
    sync: undefined,
    async: async (input, signature) => {
      if (signature.length !== length) return false;
      const cryptoKey = await key(); // an import failure rejects with CONFIG_INVALID, not a bad signature
      try {
        return await subtle().verify(params, cryptoKey, signature as Uint8Array<ArrayBuffer>, latin1(input));
      } catch {
        return false;
      }
    },
  };
}

/** Memoises an import; a failed import is reported (CONFIG_INVALID) on every use, not retried. */
function once(load: () => Promise<CryptoKey>): () => Promise<CryptoKey> {
  let promise: Promise<CryptoKey> | undefined;
  return () => (promise ??= load());
}

function hmacKey(bytes: Uint8Array, alg: JwsAlgorithm): Promise<CryptoKey> {
  const hash = HASH[ALGORITHMS[alg].hash!]!;
  return subtle().importKey('raw', bytes.slice(), { name: 'HMAC', hash }, false, ['verify']);
}

function prepareKey(material: KeyMaterial): PreparedKey {
  switch (material.kind) {
    case 'secret': {
      const bytes = material.bytes.slice();
      return { facts: secretFacts(bytes.length), check: (alg) => asyncCheck(alg, secretFacts(bytes.length), once(() => hmacKey(bytes, alg))) };
    }
    case 'keyobject':
      throw configError('KeyObject keys exist on Node only; on this runtime pass a CryptoKey or a JWK');
    case 'cryptokey':
      return prepareCryptoKey(material.key);
    case 'jwk': {
      const jwk = material.jwk;
      const facts = jwkFacts(jwk, checkJwkPolicy(jwk));
      return {
        facts,
        check: (alg) =>
          asyncCheck(
            alg,
            facts,
            once(async () => {
              let key: CryptoKey | Uint8Array;
              try {
                key = await importJWK({ ...jwk, ext: false }, alg);
              } catch {
                throw configError(`the ${String(jwk.kty)} JWK could not be imported for ${alg}`);
              }
              return key instanceof Uint8Array ? hmacKey(key, alg) : key;
            }),
          ),
      };
    }
  }
}

function prepareCryptoKey(key: CryptoKey): PreparedKey {
  const facts = cryptoKeyFacts(key);
  const load = () => Promise.resolve(key);
  return { facts, check: (alg) => asyncCheck(alg, facts, load) };
}

/** WebCrypto through jose, asynchronous: `verifySync` throws KEY_ASYNC on this runtime. */
export const cryptoProvider: CryptoProvider = /* @__PURE__ */ Object.freeze({ name: 'web', sync: false, prepareKey, prepareCryptoKey });
