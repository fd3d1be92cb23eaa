// The JWK policy (RFC 7517 §4.2-4.4), one module for the two uses: a JWK given as `key` (a broken
// rule is CONFIG_INVALID) and a member of a key set (a member meant for something else is skipped).
import type { JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { checkJwkPolicy, jwksMemberSkipReason } from '../../src/verify/jwk-policy.js';
import { caught } from '../support/errors.js';

const allowed = new Set(['ES256', 'RS256']);
const ec: JWK = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' };

describe('checkJwkPolicy', () => {
  it('accepts a public JWK, and returns the algorithm it is bound to', () => {
    expect(checkJwkPolicy(ec)).toBeUndefined();
    expect(checkJwkPolicy({ ...ec, use: 'sig', key_ops: ['verify', 'sign'], alg: 'ES256' })).toBe('ES256');
    expect(checkJwkPolicy({ kty: 'oct', k: 'AAAA', d: 'private members are fine on a secret key' })).toBeUndefined();
  });

  it.each<[string, JWK, RegExp]>([
    ['no kty', { x: 'x' }, /string 'kty'/],
    ['use other than sig', { ...ec, use: 'enc' }, /"use": "enc" cannot verify signatures.*§4\.2/],
    ['key_ops not an array of strings', { ...ec, key_ops: 'verify' as unknown as string[] }, /key_ops must be an array of strings/],
    ['key_ops without verify', { ...ec, key_ops: ['sign'] }, /lack "verify".*§4\.3/],
    ['an alg captoken does not verify', { ...ec, alg: 'ES521' }, /"alg": "ES521".*§4\.4/],
    ['alg none', { ...ec, alg: 'none' }, /"alg": "none"/],
    ['a private member', { ...ec, d: 'secret' }, /private member 'd'/],
    ['an RSA private member', { kty: 'RSA', n: 'n', e: 'AQAB', qi: 'x' }, /private member 'qi'/],
  ])('refuses %s (CONFIG_INVALID)', (_what, jwk, message) => {
    const error = caught(() => checkJwkPolicy(jwk));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(message);
  });
});

describe('jwksMemberSkipReason', () => {
  it('keeps candidates: no use/key_ops/alg, or ones that fit an allowed algorithm', () => {
    expect(jwksMemberSkipReason({ ...ec }, allowed)).toBeUndefined();
    expect(jwksMemberSkipReason({ ...ec, use: 'sig', key_ops: ['verify'], alg: 'ES256' }, allowed)).toBeUndefined();
  });

  it('skips what checkJwkPolicy refuses for use, key_ops and alg: the same rules, read as "not for us"', () => {
    for (const jwk of [{ ...ec, use: 'enc' }, { ...ec, key_ops: ['encrypt'] }, { ...ec, key_ops: 'verify' }, { ...ec, alg: 'ES521' }]) {
      expect(jwksMemberSkipReason(jwk, allowed)).toBeDefined();
      expect(() => checkJwkPolicy(jwk as JWK)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: jwksMemberSkipReason(jwk, allowed) }) as Error);
    }
  });

  it('skips a key bound to an algorithm the verifier does not allow', () => {
    expect(jwksMemberSkipReason({ ...ec, alg: 'ES384' }, allowed)).toMatch(/bound to ES384, which the verifier does not allow/);
  });

  it('leaves private members to checkJwkPolicy (a private key in a set is a configuration mistake, not a skip)', () => {
    expect(jwksMemberSkipReason({ ...ec, d: 'secret' }, allowed)).toBeUndefined();
  });
});
