// The algorithm table and keyMismatch: the one place that decides which key fits which algorithm
// (the alg-confusion defence and the minimum key sizes).
import { describe, expect, it } from 'vitest';
import {
  ALGORITHMS,
  isJwsAlgorithm,
  JWS_ALGORITHMS,
  keyMismatch,
  MIN_RSA_BITS,
  type JwsAlgorithm,
  type KeyFacts,
} from '../../src/verify/algorithms.js';

const secret = (bytes: number, bound?: JwsAlgorithm): KeyFacts => ({ type: 'secret', bits: bytes * 8, bound, describe: `a secret of ${bytes} bytes` });
const rsa = (bits: number, bound?: JwsAlgorithm): KeyFacts => ({ type: 'rsa', bits, bound, describe: `an RSA public key of ${bits} bits` });
const rsaPss = (bits: number): KeyFacts => ({ type: 'rsa-pss', bits, describe: `an RSA-PSS public key of ${bits} bits` });
const ec = (curve: 'P-256' | 'P-384' | 'P-521'): KeyFacts => ({ type: 'ec', bits: 0, curve, describe: `an EC public key on ${curve}` });
const ed25519: KeyFacts = { type: 'ed25519', bits: 0, describe: 'an Ed25519 public key' };
const other: KeyFacts = { type: 'other', bits: 0, describe: 'an X25519 public key' };

describe('the algorithm table', () => {
  it('lists the 13 algorithms of RFC 7518 §3 and RFC 8037 that captoken verifies, and never none', () => {
    expect(JWS_ALGORITHMS).toEqual(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']);
    expect(JWS_ALGORITHMS).not.toContain('none');
    expect(Object.isFrozen(JWS_ALGORITHMS)).toBe(true);
    expect(Object.isFrozen(ALGORITHMS)).toBe(true);
  });

  it('gives each algorithm the hash its name says, and the fixed signature lengths', () => {
    for (const alg of JWS_ALGORITHMS) {
      const info = ALGORITHMS[alg];
      const bits = alg.slice(2); // 'HS256' → '256'
      if (alg === 'EdDSA') {
        expect(info).toMatchObject({ family: 'EdDSA', hash: undefined, signatureBytes: 64 });
        continue;
      }
      expect(info.family).toBe(alg.slice(0, 2));
      expect(info.hash).toBe(`sha${bits}`);
      expect(info.hashBytes).toBe(Number(bits) / 8);
    }
    expect(['HS256', 'HS384', 'HS512'].map((a) => ALGORITHMS[a as JwsAlgorithm].signatureBytes)).toEqual([32, 48, 64]);
    // ES*: two coordinates of the curve's size (P-521: 66 bytes each)
    expect(['ES256', 'ES384', 'ES512'].map((a) => [ALGORITHMS[a as JwsAlgorithm].curve, ALGORITHMS[a as JwsAlgorithm].signatureBytes])).toEqual([
      ['P-256', 64],
      ['P-384', 96],
      ['P-521', 132],
    ]);
  });
});

describe('isJwsAlgorithm', () => {
  it('is true for the table\'s own names only: not none, not other spellings, not inherited names', () => {
    for (const alg of JWS_ALGORITHMS) expect(isJwsAlgorithm(alg)).toBe(true);
    for (const value of ['none', 'hs256', 'HS256 ', 'EDDSA', 'ES256K', 'toString', '__proto__', 'constructor', '', 256, null, undefined, ['HS256']]) {
      expect(isJwsAlgorithm(value), String(value)).toBe(false);
    }
  });
});

describe('keyMismatch', () => {
  it('fits each family with its own key type', () => {
    expect(keyMismatch('HS256', secret(32))).toBeUndefined();
    expect(keyMismatch('HS512', secret(64))).toBeUndefined();
    expect(keyMismatch('RS256', rsa(2048))).toBeUndefined();
    expect(keyMismatch('PS384', rsa(3072))).toBeUndefined();
    expect(keyMismatch('PS256', rsaPss(2048))).toBeUndefined();
    expect(keyMismatch('ES256', ec('P-256'))).toBeUndefined();
    expect(keyMismatch('ES512', ec('P-521'))).toBeUndefined();
    expect(keyMismatch('EdDSA', ed25519)).toBeUndefined();
  });

  it('never lets an HMAC algorithm use an asymmetric key (alg confusion), nor the reverse', () => {
    for (const facts of [rsa(4096), rsaPss(4096), ec('P-256'), ed25519, other]) {
      for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
        expect(keyMismatch(alg, facts)).toBe(`${alg} needs a shared secret, not ${facts.describe}`);
      }
    }
    for (const alg of JWS_ALGORITHMS.filter((a) => !a.startsWith('HS'))) {
      expect(keyMismatch(alg, secret(64)), alg).toMatch(new RegExp(`^${alg} needs an? .+, not a secret of 64 bytes$`));
    }
  });

  it('requires an HMAC secret at least as long as the hash (RFC 7518 §3.2)', () => {
    expect(keyMismatch('HS256', secret(31))).toBe('HS256 needs a secret of at least 32 bytes (RFC 7518 §3.2); this one has 31');
    expect(keyMismatch('HS384', secret(47))).toMatch(/at least 48 bytes/);
    expect(keyMismatch('HS384', secret(48))).toBeUndefined();
    expect(keyMismatch('HS512', secret(63))).toMatch(/at least 64 bytes/);
  });

  it(`requires an RSA modulus of at least ${MIN_RSA_BITS} bits (RFC 7518 §3.3), for RS and PS`, () => {
    expect(MIN_RSA_BITS).toBe(2048);
    expect(keyMismatch('RS256', rsa(2047))).toBe('RS256 needs an RSA key of at least 2048 bits (RFC 7518 §3.3); this one has 2047');
    expect(keyMismatch('PS512', rsa(1024))).toMatch(/at least 2048 bits/);
    expect(keyMismatch('PS256', rsaPss(1024))).toMatch(/at least 2048 bits/);
  });

  it('keeps RS* off RSA-PSS keys (PS* may use either RSA key type)', () => {
    expect(keyMismatch('RS256', rsaPss(2048))).toBe('RS256 needs an RSA public key, not an RSA-PSS public key of 2048 bits');
  });

  it('needs the EC curve the algorithm names', () => {
    expect(keyMismatch('ES256', ec('P-384'))).toBe('ES256 needs an EC public key on P-256, not an EC public key on P-384');
    expect(keyMismatch('ES384', ec('P-256'))).toMatch(/on P-384/);
    expect(keyMismatch('ES512', ec('P-384'))).toMatch(/on P-521/);
    expect(keyMismatch('ES256', ed25519)).toMatch(/needs an EC public key on P-256/);
  });

  it('needs Ed25519 for EdDSA, and fits nothing to a key type it cannot verify with', () => {
    expect(keyMismatch('EdDSA', ec('P-256'))).toBe('EdDSA needs an Ed25519 public key, not an EC public key on P-256');
    for (const alg of JWS_ALGORITHMS) expect(keyMismatch(alg, other), alg).toBeDefined();
  });

  it('holds a key bound to one algorithm (a JWK alg, a CryptoKey) to that algorithm, before any other rule', () => {
    expect(keyMismatch('HS256', secret(64, 'HS256'))).toBeUndefined();
    expect(keyMismatch('HS512', secret(64, 'HS256'))).toBe('HS512 does not fit a secret of 64 bytes, which is bound to HS256');
    expect(keyMismatch('RS384', rsa(2048, 'RS256'))).toBe('RS384 does not fit an RSA public key of 2048 bits, which is bound to RS256');
    // the binding is checked first, but does not waive the size rules
    expect(keyMismatch('HS256', secret(16, 'HS256'))).toMatch(/at least 32 bytes/);
    expect(keyMismatch('RS256', rsa(1024, 'RS256'))).toMatch(/at least 2048 bits/);
  });

  it('decides every (algorithm, key type) pair: exactly the documented ones fit', () => {
    const keys: Record<string, KeyFacts> = { secret: secret(64), rsa: rsa(4096), 'rsa-pss': rsaPss(4096), 'ec P-256': ec('P-256'), 'ec P-384': ec('P-384'), 'ec P-521': ec('P-521'), ed25519, other };
    const fits: string[] = [];
    for (const alg of JWS_ALGORITHMS) {
      for (const [name, facts] of Object.entries(keys)) if (keyMismatch(alg, facts) === undefined) fits.push(`${alg}/${name}`);
    }
    expect(fits).toEqual([
      'HS256/secret', 'HS384/secret', 'HS512/secret',
      'RS256/rsa', 'RS384/rsa', 'RS512/rsa',
      'PS256/rsa', 'PS256/rsa-pss', 'PS384/rsa', 'PS384/rsa-pss', 'PS512/rsa', 'PS512/rsa-pss',
      'ES256/ec P-256', 'ES384/ec P-384', 'ES512/ec P-521',
      'EdDSA/ed25519',
    ]);
  });
});
