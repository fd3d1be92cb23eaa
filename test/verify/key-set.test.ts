// A JWKS compiled into (alg, kid) → check, for a local set (faults are CONFIG_INVALID) and a fetched
// one (unusable members are skipped, a shared kid is ambiguous, a missing algorithm is KEY_NOT_FOUND).
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cryptoProvider } from '../../src/verify/crypto-node.js';
import { compileKeySet, keyNotFound } from '../../src/verify/key-set.js';
import { caught } from '../support/errors.js';

const jwkOf = (namedCurve: string) => generateKeyPairSync('ec', { namedCurve }).publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
const p256 = jwkOf('P-256');
const p256b = jwkOf('P-256');
const p384 = jwkOf('P-384');

describe('compileKeySet', () => {
  it('selects by kid per algorithm; a token without kid needs exactly one key for its algorithm', () => {
    const set = compileKeySet([{ ...p256, kid: 'a' }, { ...p384, kid: 'b' }], ['ES256', 'ES384'], cryptoProvider, 'local');
    expect(set.find('ES256', 'a')).toBeDefined();
    expect(set.find('ES256', undefined)).toBe(set.find('ES256', 'a'));
    expect(set.hasKid('ES256', 'a')).toBe(true);
    expect(set.hasKid('ES384', 'a')).toBe(false);
    expect(set.hasKid('ES256', 'zzz')).toBe(false);
    const missing = caught(() => set.find('ES256', 'b'));
    expect(missing).toMatchObject({ code: 'KEY_NOT_FOUND', segment: 'header', offset: 0, claim: 'kid' });
    const two = compileKeySet([{ ...p256, kid: 'a' }, { ...p256b, kid: 'c' }], ['ES256'], cryptoProvider, 'local');
    expect(caught(() => two.find('ES256', undefined)).message).toMatch(/no kid and the key set holds 2 keys for ES256/);
  });

  it('local: a member that is not a JWK, a non-string kid, a bad key, a shared kid or an algorithm without key is CONFIG_INVALID', () => {
    for (const [keys, message] of [
      [['x'], /jwks.keys\[0\] is not a JWK object/],
      [[{ ...p256, kid: 5 }], /non-string kid/],
      [[{ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }], /jwks.keys\[0\]:/],
      [[{ ...p256, kid: 'a' }, { ...p256b, kid: 'a' }], /two keys with kid "a" for ES256/],
      [[{ ...p384 }], /algorithm ES256 has no matching key in jwks/],
    ] as [unknown[], RegExp][]) {
      const error = caught(() => compileKeySet(keys, ['ES256'], cryptoProvider, 'local'));
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.message).toMatch(message);
    }
  });

  it('remote: the same faults skip the member instead; a shared kid is ambiguous for tokens naming it', () => {
    const set = compileKeySet(
      ['x', { ...p256, kid: 5 }, { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA', kid: 'bad' }, { ...p256, kid: 'a' }, { ...p256b, kid: 'a' }, { ...p256, kid: 'ok' }, { ...p256, kid: 'a' }],
      ['ES256', 'ES384'],
      cryptoProvider,
      'remote',
    );
    expect(set.hasKid('ES256', 'ok')).toBe(true);
    expect(set.hasKid('ES256', 'a')).toBe(false);
    expect(caught(() => set.find('ES256', 'a')).message).toMatch(/several keys with the token's kid/);
    expect(caught(() => set.find('ES256', 'bad')).code).toBe('KEY_NOT_FOUND');
    expect(caught(() => set.find('ES384', undefined)).message).toMatch(/holds 0 keys for ES384/);
  });

  it('keyNotFound points at the header member kid', () => {
    expect(keyNotFound('m')).toMatchObject({ code: 'KEY_NOT_FOUND', message: 'm', segment: 'header', offset: 0, claim: 'kid' });
  });
});
