// The JWS algorithms captoken verifies (RFC 7518 §3, RFC 8037 §3.1), with what each needs of a key.
// One table, so the rule "which key fits which algorithm" lives in one place.

/** The algorithms a verifier may allow. `none` is not among them and never will be. */
export type JwsAlgorithm =
  | 'HS256'
  | 'HS384'
  | 'HS512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'EdDSA';

export type AlgorithmFamily = 'HS' | 'RS' | 'PS' | 'ES' | 'EdDSA';
export type EcCurve = 'P-256' | 'P-384' | 'P-521';

export interface AlgorithmInfo {
  readonly family: AlgorithmFamily;
  /** Node digest name; undefined for EdDSA (the hash is part of the scheme). */
  readonly hash: 'sha256' | 'sha384' | 'sha512' | undefined;
  /** Digest length in bytes (HMAC tag length, PSS salt length, minimum HMAC secret length). */
  readonly hashBytes: number;
  /** ES*: the curve the key must be on. */
  readonly curve?: EcCurve;
  /**
   * Exact signature length in bytes where the algorithm fixes it (HS*, ES*, EdDSA); 0 for RS / PS,
   * whose signatures are exactly as long as the key's modulus (checked against the key).
   */
  readonly signatureBytes: number;
}

export const ALGORITHMS: Readonly<Record<JwsAlgorithm, AlgorithmInfo>> = /* @__PURE__ */ Object.freeze({
  HS256: { family: 'HS', hash: 'sha256', hashBytes: 32, signatureBytes: 32 },
  HS384: { family: 'HS', hash: 'sha384', hashBytes: 48, signatureBytes: 48 },
  HS512: { family: 'HS', hash: 'sha512', hashBytes: 64, signatureBytes: 64 },
  RS256: { family: 'RS', hash: 'sha256', hashBytes: 32, signatureBytes: 0 },
  RS384: { family: 'RS', hash: 'sha384', hashBytes: 48, signatureBytes: 0 },
  RS512: { family: 'RS', hash: 'sha512', hashBytes: 64, signatureBytes: 0 },
  PS256: { family: 'PS', hash: 'sha256', hashBytes: 32, signatureBytes: 0 },
  PS384: { family: 'PS', hash: 'sha384', hashBytes: 48, signatureBytes: 0 },
  PS512: { family: 'PS', hash: 'sha512', hashBytes: 64, signatureBytes: 0 },
  ES256: { family: 'ES', hash: 'sha256', hashBytes: 32, curve: 'P-256', signatureBytes: 64 },
  ES384: { family: 'ES', hash: 'sha384', hashBytes: 48, curve: 'P-384', signatureBytes: 96 },
  ES512: { family: 'ES', hash: 'sha512', hashBytes: 64, curve: 'P-521', signatureBytes: 132 },
  EdDSA: { family: 'EdDSA', hash: undefined, hashBytes: 0, signatureBytes: 64 },
});

/** Every supported algorithm, in a stable order. */
export const JWS_ALGORITHMS: readonly JwsAlgorithm[] = /* @__PURE__ */ Object.freeze(/* @__PURE__ */ Object.keys(ALGORITHMS) as JwsAlgorithm[]);

const hasOwn = Object.hasOwn;

/** True when `value` names a supported algorithm (own key of the table: `toString` is not one). */
export function isJwsAlgorithm(value: unknown): value is JwsAlgorithm {
  return typeof value === 'string' && hasOwn(ALGORITHMS, value);
}

/** Smallest RSA modulus accepted, in bits (RFC 7518 §3.3: "2048 bits or larger MUST be used"). */
export const MIN_RSA_BITS = 2048;

/**
 * What a key is, as far as choosing algorithms goes. Built by the runtime's crypto module from a
 * KeyObject, a CryptoKey, a JWK or secret bytes.
 */
export interface KeyFacts {
  /** `other` covers keys captoken cannot verify with (X25519, Ed448, secp256k1, …). */
  readonly type: 'secret' | 'rsa' | 'rsa-pss' | 'ec' | 'ed25519' | 'other';
  /** Secret length in bits, or RSA modulus length in bits; 0 when not applicable. */
  readonly bits: number;
  readonly curve?: EcCurve | undefined;
  /** The one algorithm the key is bound to (a CryptoKey's algorithm, a JWK's `alg`), if any. */
  readonly bound?: JwsAlgorithm | undefined;
  /** Short human description for error messages ("an RSA public key of 2048 bits"). Never key material. */
  readonly describe: string;
}

/**
 * Why `alg` cannot be used with a key of these facts, or undefined when it can. The single place
 * where algorithm/key compatibility is decided (alg-confusion defence: an HMAC algorithm never fits
 * an asymmetric key, so a public key's bytes can never become an HMAC secret).
 */
export function keyMismatch(alg: JwsAlgorithm, facts: KeyFacts): string | undefined {
  const info = ALGORITHMS[alg];
  if (facts.bound !== undefined && facts.bound !== alg) {
    return `${alg} does not fit ${facts.describe}, which is bound to ${facts.bound}`;
  }
  switch (info.family) {
    case 'HS':
      if (facts.type !== 'secret') return `${alg} needs a shared secret, not ${facts.describe}`;
      if (facts.bits < info.hashBytes * 8) {
        return `${alg} needs a secret of at least ${info.hashBytes} bytes (RFC 7518 §3.2); this one has ${facts.bits / 8}`;
      }
      return undefined;
    case 'RS':
      if (facts.type !== 'rsa') return `${alg} needs an RSA public key, not ${facts.describe}`;
      break;
    case 'PS':
      if (facts.type !== 'rsa' && facts.type !== 'rsa-pss') return `${alg} needs an RSA public key, not ${facts.describe}`;
      break;
    case 'ES':
      if (facts.type !== 'ec' || facts.curve !== info.curve) return `${alg} needs an EC public key on ${info.curve}, not ${facts.describe}`;
      return undefined;
    case 'EdDSA':
      if (facts.type !== 'ed25519') return `EdDSA needs an Ed25519 public key, not ${facts.describe}`;
      return undefined;
  }
  if (facts.bits < MIN_RSA_BITS) {
    return `${alg} needs an RSA key of at least ${MIN_RSA_BITS} bits (RFC 7518 §3.3); this one has ${facts.bits}`;
  }
  return undefined;
}
