// The seam between the verifier and a runtime's crypto. src/runtime/crypto-node.ts (node:crypto,
// synchronous) and src/runtime/crypto-web.ts (WebCrypto through jose, asynchronous) implement it;
// `runtime/index` picks one per build, and tests drive both through `buildVerifier`.
import type { JWK } from 'jose';
import type { JwsAlgorithm, KeyFacts } from './algorithms.js';

/** Checks one signature over `signingInput` (the ASCII `<header>.<payload>` of a compact token). */
export interface SignatureCheck {
  /** Synchronous check, or undefined when this runtime has none for this key (WebCrypto). */
  readonly sync: ((signingInput: string, signature: Uint8Array) => boolean) | undefined;
  /** Asynchronous check; resolves false (never rejects) for a bad signature. */
  readonly async: (signingInput: string, signature: Uint8Array) => Promise<boolean>;
}

/** Key material as the verifier hands it to the runtime, already sorted by kind. */
export type KeyMaterial =
  | { readonly kind: 'secret'; readonly bytes: Uint8Array }
  | { readonly kind: 'jwk'; readonly jwk: JWK }
  | { readonly kind: 'keyobject'; readonly key: object }
  | { readonly kind: 'cryptokey'; readonly key: CryptoKey };

/** A key made ready once, at construction: its facts, and a compiled check per algorithm. */
export interface PreparedKey {
  readonly facts: KeyFacts;
  /** Compiles the check for `alg`; the caller has already verified that `alg` fits `facts`. */
  check(alg: JwsAlgorithm): SignatureCheck;
}

export interface CryptoProvider {
  readonly name: 'node' | 'web';
  /** True when checks have a `sync` path (Node). */
  readonly sync: boolean;
  /** Throws CaptokenError CONFIG_INVALID for key material this runtime cannot use. */
  prepareKey(material: KeyMaterial): PreparedKey;
  /** A key resolved at verification time (remote JWKS): a CryptoKey from jose. */
  prepareCryptoKey(key: CryptoKey): PreparedKey;
}
